import Governance
import GovernanceAPI
import GovernanceOpenAPI
import Testing

/// Every generated enum and its domain twin map onto each other case for case, in both
/// directions, so `bridged` never meets a value it cannot carry.
@Suite struct EnumBridgeTests {
    /// Checks one pair; the generator's empty case (`null` in a nullable enum) has no twin.
    /// `domainCases` narrows the domain side where the contract carries a subset (candidates
    /// stand for elected positions only).
    static func check<Domain, Generated>(
        _ domain: Domain.Type, _ generated: Generated.Type, domainCases: [Domain] = Array(Domain.allCases),
        sourceLocation: SourceLocation = #_sourceLocation
    )
    where
        Domain: RawRepresentable & CaseIterable, Domain.RawValue == String,
        Generated: RawRepresentable & CaseIterable, Generated.RawValue == String
    {
        for value in domainCases {
            #expect(
                throws: Never.self, "\(Domain.self).\(value.rawValue) → \(Generated.self)",
                sourceLocation: sourceLocation
            ) {
                let _: Generated = try bridged(value)
            }
        }
        for value in Generated.allCases where !value.rawValue.isEmpty {
            #expect(
                throws: Never.self, "\(Generated.self).\(value.rawValue) → \(Domain.self)",
                sourceLocation: sourceLocation
            ) {
                let _: Domain = try bridged(value)
            }
        }
    }

    typealias Schemas = Components.Schemas

    @Test func consultationDisclosureAndConventions() {
        Self.check(ConsultationConstituency.self, Schemas.ConsultationConstituency.self)
        Self.check(ConsultationForm.self, Schemas.ConsultationForm.self)
        Self.check(ConsultationCategory.self, Schemas.ConsultationCategory.self)
        Self.check(ConsultationStatus.self, Schemas.ConsultationStatus.self)
        Self.check(ConsultationProposer.self, Schemas.ConsultationTopic.ProposerPayload.self)
        Self.check(ConsultationProposer.self, Schemas.ConsultationTopicCreate.ProposerPayload.self)
        Self.check(ConsultationFlow.self, Schemas.ConsultationTopic.FlowPayload.self)
        Self.check(ConsultationBody.Kind.self, Schemas.ConsultationBody.KindPayload.self)
        Self.check(ConsultationBody.Kind.self, Schemas.ConsultationBodyCreate.KindPayload.self)
        Self.check(ConsultationCommand.Action.self, Schemas.ConsultationTransition.ActionPayload.self)
        Self.check(ConsultationOutcome.self, Schemas.ConsultationTransition.OutcomePayload.self)
        Self.check(ConsultationOutcome.self, Schemas.ConsultationResult.OutcomePayload.self)
        Self.check(ConsultationAdoption.self, Schemas.ConsultationTransition.AdoptionPayload.self)
        Self.check(ConsultationAdoption.self, Schemas.ConsultationResult.AdoptionPayload.self)
        Self.check(ConsultationAssessmentKind.self, Schemas.ConsultationTransition.AssessmentPayload.KindPayload.self)
        Self.check(ConsultationActionKind.self, Schemas.ConsultationTransition.ProgressPayload.ActionKindPayload.self)
        Self.check(ConsultationActionKind.self, Schemas.ConsultationProgressEntry.ActionKindPayload.self)
        Self.check(ConsultationEvaluatorType.self, Schemas.ConsultationTransition.EvaluatorTypePayload.self)
        Self.check(DisclosureCategory.self, Schemas.DisclosureCategory.self)
        Self.check(DisclosureChannel.self, Schemas.DisclosureChannel.self)
        Self.check(FinanceLine.Direction.self, Schemas.FinanceLine.DirectionPayload.self)
        Self.check(ConventionKind.self, Schemas.ConventionKind.self)
        Self.check(ConventionStatus.self, Schemas.Convention.StatusPayload.self)
        Self.check(ConventionStage.self, Schemas.Convention.StagePayload.self)
        Self.check(ConventionCommand.Action.self, Schemas.ConventionTransition.ActionPayload.self)
        Self.check(LegalityFindingKind.self, Schemas.LegalityFinding.KindPayload.self)
        Self.check(LegalityReviewerType.self, Schemas.ConventionTransition.ReviewerTypePayload.self)
        Self.check(ConventionRecordKind.self, Schemas.ConventionRecordCreate.KindPayload.self)
        Self.check(SanctionKind.self, Schemas.ConventionDraft.ClausesPayloadPayload.SanctionPayload.self)
    }

    @Test func areasPeopleAndTokens() {
        Self.check(AreaKind.self, Schemas.AreaKind.self)
        Self.check(GridType.self, Schemas.GridType.self)
        Self.check(GridType.self, Schemas.AreaPatch.GridTypePayload.self)
        Self.check(GridCategory.self, Schemas.GridCategory.self)
        Self.check(GridCategory.self, Schemas.AreaPatch.GridCategoryPayload.self)
        Self.check(Gender.self, Schemas.Gender.self)
        Self.check(Role.self, Schemas.Role.self)
    }

    @Test func grid() {
        Self.check(GridPost.self, Schemas.GridPost.self)
        Self.check(Employment.self, Schemas.Employment.self)
        Self.check(GridEndReason.self, Schemas.EndReason.self)
    }

    @Test func admissionMatters() {
        Self.check(AdmissionMatter.self, Schemas.AdmissionMatter.self)
    }

    @Test func gridEvents() {
        Self.check(GridEventStatus.self, Schemas.GridEventStatus.self)
        Self.check(GridEventTier.self, Schemas.GridEventTier.self)
        Self.check(GridEventSource.self, Schemas.GridEventSource.self)
        Self.check(GridEventRating.self, Schemas.GridEventRating.self)
        Self.check(GridEventDispatch.Status.self, Schemas.GridEventDispatch.StatusPayload.self)
        Self.check(GridEventDispatchAction.self, Schemas.GridEventDispatchTransition.ActionPayload.self)
        Self.check(GridEventCommand.Action.self, Schemas.GridEventTransition.ActionPayload.self)
        Self.check(GridEventEscalationReason.self, Schemas.GridEventTransition.EscalationReasonPayload.self)
        Self.check(DayKind.self, Schemas.GridEventCategory.DayKindPayload.self)
        Self.check(DayKind.self, Schemas.GridEvent.DayKindPayload.self)
        #expect(Set(GridEventCategory.codes) == Set(Schemas.GridEventCategoryCode.allCases.map(\.rawValue)))
    }

    @Test func committees() {
        Self.check(CommitteeKind.self, Schemas.CommitteeKind.self)
        Self.check(SubcommitteeSubject.self, Schemas.SubcommitteeSubject.self)
        Self.check(CommitteePosition.self, Schemas.CommitteePosition.self)
        Self.check(Constituency.self, Schemas.Constituency.self)
        Self.check(TenureEndReason.self, Schemas.CommitteeMember.EndReasonPayload.self)
        // A client ends a tenure for these; annulment and evaluation end it by their own operations.
        Self.check(
            TenureEndReason.self, Schemas.CommitteeMemberPatch.EndReasonPayload.self,
            domainCases: [.termEnd, .resigned, .recalled, .deceased, .other, .criminalSentence, .incapacity])
        Self.check(FinanceRole.self, Schemas.CommitteeMember.FinanceRolePayload.self)
        Self.check(EvaluationRating.self, Schemas.EvaluationRating.self)
        Self.check(FinanceRole.self, Schemas.CommitteeMemberCreate.FinanceRolePayload.self)
    }

    /// The positions an election fills (seats are counted for these only).
    static let electedPositions: [CommitteePosition] = [.director, .deputyDirector, .member]

    @Test func elections() {
        Self.check(ElectionStatus.self, Schemas.ElectionStatus.self)
        Self.check(AnnulmentGround.self, Schemas.AnnulmentGround.self)
        Self.check(ElectionCommitteeMember.Role.self, Schemas.ElectionCommitteeMemberCreate.RolePayload.self)
        Self.check(ElectionKind.self, Schemas.Election.KindPayload.self)
        Self.check(ElectionKind.self, Schemas.ElectionCreate.KindPayload.self)
        Self.check(ElectionMethod.self, Schemas.Election.MethodPayload.self)
        Self.check(ElectionMethod.self, Schemas.ElectionCreate.MethodPayload.self)
        Self.check(CommitteePosition.self, Schemas.Candidate.PositionPayload.self, domainCases: Self.electedPositions)
        Self.check(
            CommitteePosition.self, Schemas.CandidateCreate.PositionPayload.self, domainCases: Self.electedPositions)
        Self.check(
            CommitteePosition.self, Schemas.CandidateOutcome.PositionPayload.self, domainCases: Self.electedPositions)
        Self.check(SeatReason.self, Schemas.CandidateOutcome.ReasonPayload.self)
    }

    @Test func admission() {
        Self.check(AdmissionStatus.self, Schemas.AdmissionStatus.self)
        Self.check(AdmissionCategory.self, Schemas.AdmissionApplication.CategoryPayload.self)
        Self.check(AdmissionCategory.self, Schemas.AdmissionApplicationCreate.CategoryPayload.self)
        Self.check(DecisionMeeting.self, Schemas.AdmissionApplication.DecisionMeetingPayload.self)
        Self.check(DecisionMeeting.self, Schemas.AdmissionTransition.DecisionMeetingPayload.self)
        Self.check(AdmissionCategory.self, Schemas.AdmissionListVersion.ItemsPayloadPayload.CategoryPayload.self)
        Self.check(AdmissionViolationKind.self, Schemas.AdmissionRefusal.KindPayload.self)
        Self.check(AdmissionViolationKind.self, Schemas.AdmissionRefusalCreate.KindPayload.self)
        Self.check(ExceptionalAssignmentMode.self, Schemas.ExceptionalAssignment.ModePayload.self)
        Self.check(ExceptionalAssignmentMode.self, Schemas.ExceptionalAssignmentCreate.ModePayload.self)
        Self.check(AdmissionMatter.self, Schemas.ExceptionalAssignment.MatterPayload.self)
        Self.check(AdmissionMatter.self, Schemas.ExceptionalAssignmentCreate.MatterPayload.self)
    }

    @Test func mediation() {
        Self.check(MediationStatus.self, Schemas.MediationStatus.self)
        Self.check(MediationLevel.self, Schemas.MediationCase.LevelPayload.self)
        Self.check(MediationRisk.self, Schemas.MediationCase.RiskLevelPayload.self)
        Self.check(MediationRisk.self, Schemas.MediationCaseCreate.RiskLevelPayload.self)
        Self.check(MediationComplexity.self, Schemas.MediationCase.ComplexityPayload.self)
        Self.check(MediationComplexity.self, Schemas.MediationCaseCreate.ComplexityPayload.self)
        Self.check(PerformanceStatus.self, Schemas.MediationFollowUpCreate.PerformancePayload.self)
        Self.check(MeetingKind.self, Schemas.MeetingKind.self)
        Self.check(VoterCategory.self, Schemas.VoterCategory.self)
        Self.check(RollExclusion.self, Schemas.VoterImportReport.LeftOutPayloadPayload.ReasonPayload.self)
        Self.check(RollObjectionKind.self, Schemas.RollObjection.KindPayload.self)
        Self.check(RollObjectionKind.self, Schemas.RollObjectionCreate.KindPayload.self)
        Self.check(MeetingBasis.self, Schemas.MeetingBasis.self)
        Self.check(ProposerBase.self, Schemas.MeetingProposal.BasePayload.self)
        Self.check(MediatorKind.self, Schemas.Mediator.KindPayload.self)
        Self.check(MediatorKind.self, Schemas.MediatorCreate.KindPayload.self)
        Self.check(MediatorEmployment.self, Schemas.Mediator.EmploymentPayload.self)
        Self.check(MediatorEmployment.self, Schemas.MediatorCreate.EmploymentPayload.self)
        Self.check(
            MediatorEmployment.self, Schemas.MediationCase.MediatorsPayloadPayload.EmploymentPayload.self)
        Self.check(MediationHelper.Relation.self, Schemas.MediationCase.HelpersPayloadPayload.RelationPayload.self)
        Self.check(
            MediationHelper.Relation.self, Schemas.MediationAssignment.HelpersPayloadPayload.RelationPayload.self)
        Self.check(AgreementForm.self, Schemas.MediationAgreementCreate.FormPayload.self)
        Self.check(AgreementForm.self, Schemas.MediationCase.AgreementPayload.FormPayload.self)
        Self.check(AgreementStatus.self, Schemas.MediationCase.AgreementPayload.StatusPayload.self)
        Self.check(SigningMethod.self, Schemas.MediationSignatureCreate.MethodPayload.self)
        Self.check(
            SigningMethod.self, Schemas.MediationCase.AgreementPayload.SignaturesPayloadPayload.MethodPayload.self)
    }

    @Test func statistics() {
        Self.check(MetricUnit.self, Schemas.MetricFigures.UnitPayload.self)
        Self.check(MetricUnit.self, Schemas.MetricDescription.UnitPayload.self)
        Self.check(MetricTarget.Comparison.self, Schemas.MetricTarget.ComparisonPayload.self)
        Self.check(MetricTarget.Comparison.self, Schemas.MetricRowTarget.ComparisonPayload.self)
        Self.check(MetricGrouping.self, Schemas.MetricDescription.GroupByPayloadPayload.self)
        Self.check(MetricGrouping.self, Operations.GetMetric.Input.Query.GroupByPayload.self)
    }
}
