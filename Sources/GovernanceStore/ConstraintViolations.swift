public import Governance
public import Postgres

/// The one table from database constraint (and unique index) name to what its violation
/// means, so no repository or service matches PostgreSQL error names by hand.
///
/// A *refusal* is a rule the database enforces for us, where a concurrent request can get past
/// the domain's own check: its violation is the client's 4xx. An *invariant* is checked by the
/// domain or the service before every write that could break it, so its violation is a bug
/// and stays a 500. `ConstraintTableTests` reads `pg_constraint` and fails on a constraint
/// that is unnamed (a name PostgreSQL invented) or missing here.
public enum ConstraintViolations {
    /// What a violation of one constraint means.
    public enum Meaning: Sendable {
        /// The client's request breaks a rule (`rule` is the domain-rules.md id, when one applies).
        case refusal(DomainError, rule: String?)
        /// A bug: the domain checks this before writing.
        case invariant
    }

    /// The refusal a violated constraint stands for; `nil` for other errors and invariants.
    public static func refusal(for error: PostgresError) -> DomainError? {
        guard let name = error.constraint, case .refusal(let refusal, _)? = table[name] else { return nil }
        return refusal
    }

    /// Every constraint and unique index of the schema, by name.
    public static let table: [String: Meaning] = refusals.mapValues { .refusal($0.error, rule: $0.rule) }
        .merging(invariants.map { ($0, Meaning.invariant) }, uniquingKeysWith: { refusal, _ in refusal })

    private static let refusals: [String: (error: DomainError, rule: String?)] = [
        "area_code_unique": (
            DomainError(
                .conflict, code: "area.duplicate_code",
                message: LocalizedText(zh: "该统计用区划代码已被其他区域使用。", en: "Another area already has this statistical code.")),
            nil
        ),
        "person_id_number_unique": (ResidentIDNumber.alreadyRegistered, nil),
        "consultation_catalogue_number_unique": (
            DomainError(
                .conflict, code: "consultation.catalogue_published_concurrently",
                message: LocalizedText(
                    zh: "另一版本目录刚刚发布，请重新读取后再发布。", en: "Another version was just published: read it and publish again.")),
            "CON-3"
        ),
        "convention_one_revision": (Convention.revisionExists, "CNV-8"),
        "committee_member_one_director": (CommitteeRules.duplicateDirector, "COM-3"),
        "committee_member_no_overlap": (CommitteeRules.overlappingTenure, nil),
        "building_grid_one_comprehensive": (GridRules.buildingInTwoComprehensiveGrids, "GRID-2"),
        "grid_assignment_one_active_leader": (GridRules.leaderAlreadyAssigned, nil),
        "mediation_escalation_one_pending": (
            DomainError(
                .conflict, code: "mediation.escalation_pending",
                message: LocalizedText(zh: "已有待上级受理的上报。", en: "An escalation is already waiting for the level above.")),
            "MED-20"
        ),
        "admission_list_version_unique": (
            DomainError(
                .conflict, code: "admission.list_version_conflict",
                message: LocalizedText(
                    zh: "同时发布了该年度清单的另一版本，请重试。",
                    en: "Another version of this year's list was published at the same time; retry.")),
            "ADM-1"
        ),
        "election_voter_once": (VoterRollRules.alreadyRegistered, "ELE-4"),
        "election_committee_member_once": (
            DomainError(
                .conflict, code: "election.committee_member_exists",
                message: LocalizedText(zh: "此人已是本次选举委员会成员。", en: "This person already sits on the election committee.")),
            "ELE-6"
        ),
        "election_committee_one_chair": (
            DomainError(
                .conflict, code: "election.committee_chair_exists",
                message: LocalizedText(zh: "选举委员会已有主任。", en: "The election committee already has a chair.")),
            "ELE-6"
        ),
        "election_proxy_once": (
            DomainError(
                .conflict, code: "election.voter_already_entrusted",
                message: LocalizedText(zh: "该选民已委托他人投票。", en: "This voter has already entrusted a proxy.")),
            "ELE-23"
        ),
        "mediator_one_active_post": (
            DomainError(
                .conflict, code: "mediation.mediator_post_exists",
                message: LocalizedText(
                    zh: "此人在该级已有在任调解员职务。", en: "This person already holds a mediation post at this level.")),
            "MED-4"
        ),
        "grid_event_dispatch_one_open": (
            DomainError(
                .conflict, code: "grid_event.dispatch_duplicate",
                message: LocalizedText(
                    zh: "该部门已有未办结的派单。", en: "This department already has an open dispatch of the event.")),
            "EVT-5"
        ),
        "department_rating_once_a_year": (
            DomainError(
                .conflict, code: "admission.already_rated",
                message: LocalizedText(
                    zh: "本社区今年已评议过该部门。", en: "This community has already rated this department this year.")), nil
        ),
        "department_name_unique": (
            DomainError(
                .conflict, code: "department.duplicate_name",
                message: LocalizedText(zh: "该区域已登记同名部门。", en: "The area already has a department of this name.")), nil
        ),
        "building_unit_building_id_name_unique": (
            DomainError(
                .conflict, code: "building.duplicate_unit",
                message: LocalizedText(zh: "该楼栋已有同名单元。", en: "The building already has a unit of this name.")), nil
        ),
        "election_candidate_election_id_person_id_round_unique": (
            DomainError(
                .conflict, code: "election.duplicate_candidate",
                message: LocalizedText(zh: "该人已是本轮候选人。", en: "This person is already a candidate in this round.")), nil
        ),
    ]

    /// Checked before every write that could break them: ids are generated, references are
    /// looked up in scope first, values are validated by the domain.
    private static let invariants: Set<String> = [
        // area
        "area_pk", "area_parent_id_fk", "area_path_unique", "area_single_root", "area_root_is_city", "area_code_valid",
        "area_grid_attributes",
        "area_grid_category_valid", "area_grid_type_valid", "area_households_valid", "area_kind_valid",
        "area_name_valid", "area_population_valid",
        // person
        "person_pk", "person_building_id_fk", "person_residence_area_id_fk", "person_unit_id_fk",
        "person_unit_needs_building",
        "person_birth_year_valid", "person_ethnicity_valid", "person_gender_valid", "person_name_valid",
        // tokens, audit, idempotency
        "api_token_pk", "api_token_area_id_fk", "api_token_created_by_fk", "api_token_label_valid",
        "api_token_role_valid",
        "api_token_token_hash_unique", "audit_event_pk", "idempotency_record_pk", "idempotency_record_token_id_fk",
        "idempotency_record_status_valid",
        // grid
        "building_pk", "building_grid_id_fk", "building_microgrid_id_fk", "building_compound_valid",
        "building_name_valid",
        "building_unit_pk", "building_unit_building_id_fk", "building_unit_households_valid",
        "building_unit_name_valid",
        "building_grid_pk", "building_grid_building_id_fk", "building_grid_grid_id_fk",
        "grid_assignment_pk", "grid_assignment_person_id_fk", "grid_assignment_successor_id_fk",
        "grid_assignment_dates_ordered",
        "grid_assignment_end_reason_with_end", "grid_assignment_employment_valid", "grid_assignment_end_reason_valid",
        "grid_assignment_post_valid",
        // committees
        "committee_pk", "committee_area_id_fk", "committee_term_ordered", "committee_subject_for_subcommittee",
        "committee_compound_valid",
        "committee_kind_valid", "committee_name_valid", "committee_subject_valid",
        "committee_member_pk", "committee_member_committee_id_fk", "committee_member_person_id_fk",
        "committee_member_dates_ordered",
        "committee_member_constituency_valid", "committee_member_end_reason_valid",
        "committee_member_finance_role_valid",
        "committee_member_position_valid", "rule_profile_override_pk", "rule_profile_override_area_id_fk",
        // elections
        "election_pk", "election_committee_id_fk", "election_kind_valid", "election_method_valid",
        "election_status_valid",
        "election_seats_deputy_director_valid", "election_seats_director_valid", "election_seats_member_valid",
        "election_station_pk", "election_station_election_id_fk", "election_station_name_valid",
        "election_station_registered_voters_valid",
        "election_candidate_pk", "election_candidate_election_id_fk", "election_candidate_person_id_fk",
        "election_candidate_position_valid",
        "election_candidate_round_valid", "election_tally_pk", "election_tally_station_id_fk",
        "election_tally_consistent",
        "recall_pk", "recall_member_id_fk",
        // admission
        "admission_application_pk", "admission_application_applicant_token_id_fk", "admission_application_area_id_fk",
        "admission_application_category_valid", "admission_application_dates_ordered",
        "admission_application_funding_amount_valid",
        "admission_application_workload_hours_per_month_valid", "admission_application_status_valid",
        "admission_assignment_pk", "admission_assignment_application_id_fk", "admission_assignment_community_id_fk",
        "admission_refusal_pk", "admission_refusal_community_id_fk", "admission_refusal_status_valid",
        "admission_refusal_kind_valid",
        "department_rating_pk", "department_rating_community_id_fk", "department_rating_score_valid",
        "admission_application_department_id_fk", "admission_assignment_department_id_fk",
        "admission_refusal_department_id_fk", "department_rating_department_id_fk",
        // change feed
        "change_log_pk", "change_log_op_valid", "change_log_horizon_pk", "change_log_horizon_singleton",
        // statistics caches (written only by the refresh, by upsert under its advisory lock)
        "stat_community_fresh_pk", "stat_area_total_pk", "stat_area_total_state_pk", "stat_area_total_state_singleton",
        // departments
        "department_pk", "department_area_id_fk", "department_name_valid", "department_level_valid",
        "api_token_department_id_fk", "api_token_department_bound",
        // mediation
        "mediation_case_pk", "mediation_case_mediator_token_id_fk", "mediation_case_origin_area_id_fk",
        "mediation_case_amount_valid",
        "mediation_case_clock_months_valid", "mediation_case_complexity_valid", "mediation_case_level_valid",
        "mediation_case_risk_valid",
        "mediation_case_source_valid", "mediation_case_status_valid",
        "mediation_party_pk", "mediation_party_case_id_fk", "mediation_party_person_id_fk",
        "mediation_party_role_valid",
        "mediation_session_pk", "mediation_session_case_id_fk", "mediation_escalation_pk",
        "mediation_escalation_case_id_fk",
        "mediation_escalation_status_valid", "mediation_follow_up_pk", "mediation_follow_up_case_id_fk",
        "mediation_follow_up_performance_valid", "mediation_case_grid_event_id_fk",
        "mediation_case_judicial_answer_valid", "mediation_case_agreement_form_valid",
        "mediation_case_effective_after_agreement", "mediation_case_answer_after_application",
        "mediation_case_critical_street_hours_valid", "mediation_agreement_signature_pk",
        "mediation_agreement_signature_case_id_fk", "mediation_agreement_signature_party_id_fk",
        "mediation_agreement_signature_method_valid",
        "admission_application_submit_by_calendar_valid", "admission_application_decision_due_calendar_valid",
        "admission_application_decision_due_after_submission", "admission_application_entrustment_reference_valid",
        // mediators
        "api_token_person_id_fk", "api_token_person_for_mediators",
        "mediator_pk", "mediator_person_id_fk", "mediator_area_id_fk", "mediator_committee_id_fk",
        "mediator_kind_valid",
        "mediator_employment_valid", "mediator_dates_ordered", "mediator_end_complete", "mediator_end_reason_valid",
        "mediator_training_pk", "mediator_training_mediator_id_fk", "mediator_training_hours_valid",
        "mediator_training_topic_valid", "mediation_case_mediator_pk", "mediation_case_mediator_case_id_fk",
        "mediation_case_mediator_mediator_id_fk", "mediation_helper_pk", "mediation_helper_case_id_fk",
        "mediation_helper_name_valid", "mediation_helper_relation_valid",
        "admission_application_target_communities_valid", "admission_list_version_pk",
        "admission_list_version_area_id_fk", "admission_list_version_year_valid",
        "admission_list_version_number_valid", "admission_list_item_pk", "admission_list_item_version_id_fk",
        "admission_list_item_application_id_fk",
        // consultation, disclosure and conventions (CON, DIS, CNV)
        "consultation_body_pk", "consultation_body_area_id_fk", "consultation_catalogue_pk",
        "consultation_catalogue_area_id_fk", "consultation_topic_pk",
        "consultation_topic_owner_area_id_fk", "consultation_topic_meeting_decision_id_fk",
        "consultation_topic_status_valid", "consultation_entry_pk", "consultation_entry_topic_id_fk",
        "consultation_entry_kind_valid", "disclosure_pk", "disclosure_area_id_fk", "disclosure_corrects_fk",
        "disclosure_reviewer_member_id_fk", "disclosure_period_ordered", "disclosure_channels_present",
        "convention_pk", "convention_area_id_fk", "convention_revises_fk", "convention_consultation_topic_id_fk",
        "convention_meeting_decision_id_fk", "convention_filed_with_fk", "convention_kind_valid",
        "convention_status_valid", "convention_record_pk",
        "convention_record_convention_id_fk", "convention_record_supervisor_member_id_fk",
        // community facility records (checked by CommunityFacilityFacts.validate; one per year by upsert)
        "community_facility_pk", "community_facility_area_id_fk", "community_facility_area_year_unique",
        "community_facility_year_valid", "community_facility_service_area_valid",
        "community_facility_public_area_valid",
        "community_facility_funds_valid", "community_facility_note_valid",
        // meetings
        "meeting_pk", "meeting_area_id_fk", "meeting_kind_valid", "meeting_basis_valid", "meeting_proposal_complete",
        "meeting_proposal_base_valid", "meeting_days_ordered", "meeting_attendance_valid", "meeting_decision_pk",
        "meeting_decision_meeting_id_fk", "meeting_decision_votes_valid",
        // village establishment
        "area_establishment_pk", "area_establishment_area_id_fk", "area_establishment_proposed_by_fk",
        "area_establishment_resolution_valid", "area_establishment_approval_valid",
        // election committees
        "election_committee_member_pk", "election_committee_member_election_id_fk",
        "election_committee_member_person_id_fk", "election_committee_member_role_valid",
        "election_committee_member_withdrawn_after_joining",
        // democratic evaluation
        "committee_evaluation_pk", "committee_evaluation_committee_id_fk", "committee_evaluation_meeting_id_fk",
        "committee_evaluation_presided_by_fk", "committee_evaluation_rating_pk",
        "committee_evaluation_rating_evaluation_id_fk", "committee_evaluation_rating_member_id_fk",
        "committee_evaluation_rating_valid",
        // election integrity
        "election_handover_after_certification", "election_annulment_complete", "election_annulment_ground_valid",
        "committee_member_election_id_fk", "committee_member_ended_by_election_id_fk",
        // voter rolls
        "election_voter_pk", "election_voter_election_id_fk", "election_voter_person_id_fk",
        "election_voter_consent_meeting_id_fk", "election_voter_category_valid", "election_voter_certificate_complete",
        "election_roll_objection_pk", "election_roll_objection_election_id_fk",
        "election_roll_objection_person_id_fk", "election_roll_objection_kind_valid",
        "election_roll_objection_decision_complete", "election_roll_objection_decided_after_filing",
        "election_proxy_pk", "election_proxy_election_id_fk", "election_proxy_voter_fk", "election_proxy_proxy_fk",
        "election_proxy_not_self",
        // exceptional assignments
        "admission_exception_pk", "admission_exception_department_id_fk", "admission_exception_community_id_fk",
        "admission_exception_mode_valid", "admission_exception_matter_valid", "admission_exception_title_valid",
        "admission_exception_emergency_complete", "admission_exception_purchase_complete",
        "admission_exception_term_ordered",
        // grid events
        "grid_event_category_pk", "grid_event_category_department_id_fk", "grid_event_category_code_valid",
        "grid_event_category_tier_valid", "grid_event_category_limit_valid", "grid_event_category_day_kind_valid",
        "grid_event_category_names_valid", "grid_event_category_unique",
        "grid_event_pk", "grid_event_area_id_fk", "grid_event_building_id_fk", "grid_event_reporter_person_id_fk",
        "grid_event_merged_into_id_fk", "grid_event_mediation_case_id_fk", "grid_event_level_valid",
        "grid_event_status_valid", "grid_event_source_valid", "grid_event_risk_valid", "grid_event_rating_valid",
        "grid_event_day_kind_valid", "grid_event_handling_has_level", "grid_event_point_valid",
        "grid_event_description_valid",
        "grid_event_step_pk", "grid_event_step_event_id_fk",
        "grid_event_dispatch_pk", "grid_event_dispatch_event_id_fk", "grid_event_dispatch_department_id_fk",
        "grid_event_dispatch_status_valid", "grid_event_due_calendar_valid",
        "admission_application_matter_valid",
        // working calendars
        "working_calendar_pk", "working_calendar_year_valid",
    ]
}
