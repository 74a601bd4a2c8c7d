import Foundation
import Governance
import Testing

/// The consultation topic's procedure (domain-rules.md §3.4, CON-4 – CON-12).
@Suite struct ConsultationRulesTests {
    static let today = CalendarDay("2026-11-30")!

    static func topic(
        _ status: ConsultationStatus = .proposed, flow: ConsultationFlow = .urban, technical: Bool = false,
        reserved: Bool = false
    ) -> ConsultationTopic {
        ConsultationTopic(
            id: UUID(), ownerAreaId: UUID(), ownerPath: "c.d.s.m", ownerKind: .community, communityIds: [UUID()],
            title: "加装电梯", description: "3 号楼加装电梯", category: .developmentInfrastructure, proposer: .residents,
            proposerCount: 24, technical: technical, reservedToMeeting: reserved, procedureRef: nil, flow: flow,
            status: status, plan: nil, planPublishedOn: nil, participantsNotifiedOn: nil, result: nil,
            resultPublishedOn: nil, meetingDecisionId: nil, decisionPassed: nil, evaluation: nil, closingReason: nil,
            entries: [], version: 1, createdAt: Date())
    }

    static let plan = ConsultationPlan(
        subject: "方案与费用分摊",
        participants: [
            .init(constituency: .residentsCommittee, count: 2), .init(constituency: .registeredResident, count: 10),
        ], form: .council, scheduledOn: today.addingDays(10), venue: "议事厅", materials: "设计方案")

    static let session = ConsultationSession(
        form: .council, attendance: [.init(constituency: .registeredResident, count: 10)], opinions: ["同意"],
        votes: nil)

    func step(_ topic: ConsultationTopic, _ command: ConsultationCommand, decision: LinkedMeetingDecision? = nil)
        throws -> ConsultationTopic
    {
        try topic.decide(command, decision: decision, today: Self.today).topic
    }

    /// CON-4: a plan lacking its venue is refused with the missing part named.
    @Test func selectionNeedsACompletePlanCON4() throws {
        var partial = Self.plan
        partial.venue = nil
        let refused = #expect(throws: DomainError.self) {
            try step(Self.topic(), ConsultationCommand(action: .select, plan: partial))
        }
        #expect(refused?.code == "consultation.plan_incomplete")
        #expect(refused?.fieldErrors.map(\.field) == ["plan/venue"])
        #expect(try step(Self.topic(), ConsultationCommand(action: .select, plan: Self.plan)).status == .selected)
    }

    /// CON-5: a plan published on 05-10 allows a session on 05-11, not on 05-10; participants
    /// must have been notified. CON-12: the rural flow has no such step.
    @Test func thePlanIsPublishedADayAheadAndParticipantsNotifiedCON5CON12() throws {
        var topic = Self.topic(.planPublished)
        topic.plan = Self.plan
        topic.planPublishedOn = CalendarDay("2026-05-10")!
        topic.participantsNotifiedOn = CalendarDay("2026-05-10")!
        let sameDay = #expect(throws: DomainError.self) {
            try topic.decideSession(Self.session, noticeDays: 1, today: CalendarDay("2026-05-10")!)
        }
        #expect(sameDay?.code == "consultation.plan_not_published_in_advance")
        let held = try topic.decideSession(Self.session, noticeDays: 1, today: CalendarDay("2026-05-11")!)
        #expect(held.topic.status == .consulting)
        topic.participantsNotifiedOn = nil
        let unnotified = #expect(throws: DomainError.self) {
            try topic.decideSession(Self.session, noticeDays: 1, today: CalendarDay("2026-05-11")!)
        }
        #expect(unnotified?.code == "consultation.participants_not_notified")
        let rural = Self.topic(.selected, flow: .rural)
        #expect(try rural.decideSession(Self.session, noticeDays: 1, today: Self.today).topic.status == .consulting)
    }

    /// CON-7: a technical topic records its result only after an expert or third-party
    /// assessment; the legal adviser alone does not count.
    @Test func aTechnicalTopicNeedsAnExpertAssessmentCON7() throws {
        var topic = Self.topic(.consulting, technical: true)
        let result = ConsultationCommand(action: .recordResult, outcome: .agreed, adoption: .adopted, summary: "同意")
        let refused = #expect(throws: DomainError.self) { try step(topic, result) }
        #expect(refused?.code == "consultation.expert_assessment_required")
        topic = ConsultationTopic.with(
            topic,
            entries: [
                .init(
                    id: UUID(), recordedOn: Self.today,
                    content: .assessment(.init(kind: .legalAdviser, assessor: "法律顾问", summary: "合法")))
            ])
        #expect(throws: DomainError.self) { try step(topic, result) }
        topic = ConsultationTopic.with(
            topic,
            entries: [
                .init(
                    id: UUID(), recordedOn: Self.today,
                    content: .assessment(.init(kind: .thirdParty, assessor: "检测机构", summary: "结构安全")))
            ])
        #expect(try step(topic, result).status == .consulted)
    }

    /// CON-8: a result not adopted needs a published reason and is never implemented.
    @Test func aResultNotAdoptedNeedsAReasonAndIsNotImplementedCON8() throws {
        let topic = Self.topic(.consulting)
        let refused = #expect(throws: DomainError.self) {
            try step(
                topic, ConsultationCommand(action: .recordResult, outcome: .agreed, adoption: .notAdopted, summary: "x")
            )
        }
        #expect(refused?.code == "consultation.adoption_reason_required")
        var consulted = try step(
            topic,
            ConsultationCommand(
                action: .recordResult, reason: "资金不足", outcome: .agreed, adoption: .notAdopted, summary: "x"))
        let published = try consulted.decide(.init(action: .publishResult), decision: nil, today: Self.today)
        #expect(published.disclosure?.category == .consultationResult)
        consulted = published.topic
        let started = #expect(throws: DomainError.self) { try step(consulted, .init(action: .startImplementation)) }
        #expect(started?.code == "consultation.not_adopted")
        #expect(try step(consulted, .init(action: .close)).status == .closedNotAdopted)
    }

    /// CON-9: no consensus leaves referral as the only step; a reserved topic starts
    /// implementation only with a passed decision; a rejected decision closes it.
    @Test func referralIsTheOnlyWayOnWithoutConsensusCON9() throws {
        let disputed = try step(
            Self.topic(.consulting),
            ConsultationCommand(action: .recordResult, outcome: .majorDispute, summary: "低层住户反对"))
        #expect(disputed.status == .referralRequired)
        for action in [ConsultationCommand.Action.publishResult, .close, .startImplementation] {
            let refused = #expect(throws: DomainError.self) { try step(disputed, .init(action: action)) }
            #expect(refused?.code == "consultation.referral_required")
        }
        let referred = try step(disputed, .init(action: .referToMeeting))
        #expect(
            (#expect(throws: DomainError.self) { try step(referred, .init(action: .close)) })?.code
                == "consultation.meeting_decision_required")
        let rejected = try step(
            referred, .init(action: .recordMeetingDecision),
            decision: LinkedMeetingDecision(id: UUID(), passed: false, meetingKind: .residentsMeeting))
        #expect(
            (#expect(throws: DomainError.self) { try step(rejected, .init(action: .publishResult)) })?.code
                == "consultation.decision_rejected")
        #expect(try step(rejected, .init(action: .close)).status == .closedRejected)

        var reserved = Self.topic(.resultPublished, reserved: true)
        reserved.result = ConsultationResult(
            outcome: .agreed, adoption: .adopted, summary: "同意", reason: nil, recordedOn: Self.today)
        #expect(
            (#expect(throws: DomainError.self) { try step(reserved, .init(action: .startImplementation)) })?.code
                == "consultation.meeting_decision_required")
        let decided = try step(
            try step(reserved, .init(action: .referToMeeting)), .init(action: .recordMeetingDecision),
            decision: LinkedMeetingDecision(id: UUID(), passed: true, meetingKind: .residentsMeeting))
        let republished = try step(decided, .init(action: .publishResult))
        #expect(try step(republished, .init(action: .startImplementation)).status == .implementing)
    }

    /// CON-11: an implemented topic closes only after an evaluation; self-evaluation warns.
    @Test func anImplementedTopicIsEvaluatedBeforeItClosesCON11() throws {
        let implemented = Self.topic(.implemented)
        #expect(
            (#expect(throws: DomainError.self) { try step(implemented, .init(action: .close)) })?.code
                == "consultation.evaluation_required")
        let selfEvaluated = try step(
            implemented, .init(action: .evaluate, summary: "按期完成", evaluatorType: .implementingBody, rating: 4))
        #expect(selfEvaluated.warnings.map(\.code) == ["consultation.self_evaluation"])
        let evaluated = try step(
            implemented, .init(action: .evaluate, summary: "按期完成", evaluatorType: .supervisionCommittee, rating: 4))
        #expect(evaluated.warnings.isEmpty)
        #expect(try step(evaluated, .init(action: .close)).status == .closed)
    }

    /// CON-6: a compound joint meeting without the property company and the street office warns,
    /// naming both.
    @Test func aJointMeetingNamesItsMissingPartiesCON6() {
        var topic = Self.topic(.selected)
        topic.plan = ConsultationPlan(
            subject: "停车",
            participants: [
                .init(constituency: .residentsCommittee, count: 1), .init(constituency: .ownersCommittee, count: 2),
            ],
            form: .compoundJointMeeting, scheduledOn: Self.today, venue: "小区", materials: "方案")
        #expect(topic.warnings.first?.actual == "property_company,street_property_office")
    }

    /// CON-10: two communities of one street are the street's with its procedure; a community's
    /// token cannot open them; different streets are refused. CON-4: resident proposals need the
    /// profile's number.
    @Test func crossCommunityTopicsAreTheStreetsCON10() throws {
        let street = UUID()
        let first = ConsultationRules.Community(id: UUID(), kind: .community, parentId: street)
        let second = ConsultationRules.Community(id: UUID(), kind: .community, parentId: street)
        var new = NewConsultationTopic(
            communityIds: [first.id, second.id], title: "跨社区道路", description: "断头路打通",
            category: .developmentInfrastructure, proposer: .committee, proposerCount: nil, technical: false,
            reservedToMeeting: false, procedureRef: nil)
        func owner(_ scope: AreaKind, _ communities: [ConsultationRules.Community]) throws -> UUID {
            try ConsultationRules.owner(of: new, communities: communities, proposerKind: scope, proposalResidents: 10)
        }
        #expect(
            (#expect(throws: DomainError.self) { try owner(.community, [first, second]) })?.code
                == "consultation.cross_community_requires_street")
        #expect(
            (#expect(throws: DomainError.self) { try owner(.street, [first, second]) })?.code
                == "consultation.procedure_ref_required")
        new.procedureRef = "街道党工委〔2026〕12 号"
        #expect(try owner(.street, [first, second]) == street)
        let elsewhere = ConsultationRules.Community(id: UUID(), kind: .community, parentId: UUID())
        new.communityIds = [first.id, elsewhere.id]
        #expect(
            (#expect(throws: DomainError.self) { try owner(.district, [first, elsewhere]) })?.code
                == "consultation.cross_street_topic_unsupported")
        new.communityIds = [first.id]
        new.proposer = .residents
        new.proposerCount = 9
        #expect(
            (#expect(throws: DomainError.self) { try owner(.community, [first]) })?.code
                == "consultation.too_few_proposers")
        new.proposerCount = 10
        #expect(try owner(.community, [first]) == first.id)
    }
}

extension ConsultationTopic {
    /// The topic with other entries (tests build records without a database).
    static func with(_ topic: ConsultationTopic, entries: [ConsultationEntry]) -> ConsultationTopic {
        ConsultationTopic(
            id: topic.id, ownerAreaId: topic.ownerAreaId, ownerPath: topic.ownerPath, ownerKind: topic.ownerKind,
            communityIds: topic.communityIds, title: topic.title, description: topic.description,
            category: topic.category, proposer: topic.proposer, proposerCount: topic.proposerCount,
            technical: topic.technical, reservedToMeeting: topic.reservedToMeeting, procedureRef: topic.procedureRef,
            flow: topic.flow, status: topic.status, plan: topic.plan, planPublishedOn: topic.planPublishedOn,
            participantsNotifiedOn: topic.participantsNotifiedOn, result: topic.result,
            resultPublishedOn: topic.resultPublishedOn, meetingDecisionId: topic.meetingDecisionId,
            decisionPassed: topic.decisionPassed, evaluation: topic.evaluation, closingReason: topic.closingReason,
            entries: entries, version: topic.version, createdAt: topic.createdAt)
    }
}
