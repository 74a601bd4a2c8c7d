import Foundation
import Governance
import Testing

/// Affairs disclosure (DIS-1 – DIS-6): the rules of a publication and its timeliness.
@Suite struct DisclosureRulesTests {
    static let today = CalendarDay("2026-11-30")!

    static func item(
        _ category: DisclosureCategory, _ from: String, _ to: String, published: String? = nil, major: Bool = false,
        occurred: String? = nil
    ) -> DisclosureTimeliness.Item {
        DisclosureTimeliness.Item(
            category: category, periodFrom: CalendarDay(from)!, periodTo: CalendarDay(to)!,
            publishedOn: CalendarDay(published ?? to)!, major: major, occurredOn: occurred.flatMap(CalendarDay.init))
    }

    static func new(
        _ category: DisclosureCategory = .affairs, channels: [DisclosureChannel] = [.wallBoard],
        lines: [FinanceLine] = [], content: String = "本季度居务", reviewer: UUID? = nil
    ) -> NewDisclosure {
        NewDisclosure(
            areaId: UUID(), category: category, title: "公开", periodFrom: CalendarDay("2026-07-01")!,
            periodTo: CalendarDay("2026-09-30")!, content: content, financeLines: lines, channels: channels,
            major: false, occurredOn: nil, takeDownOn: nil, reviewerMemberId: reviewer,
            reviewedOn: reviewer == nil ? nil : today, corrects: nil)
    }

    /// DIS-3: rural V with frequent finance publishes January and March and not February → a
    /// finding for February; urban C with the same pattern → none.
    @Test func aMissingMonthOfFinanceIsAFindingInFrequentVillagesOnlyDIS3() {
        let items = [
            Self.item(.finance, "2026-01-01", "2026-01-31"), Self.item(.finance, "2026-03-01", "2026-03-31"),
            Self.item(.affairs, "2026-01-01", "2026-03-31"), Self.item(.rulesProcedures, "2026-01-01", "2026-12-31"),
        ]
        let rural = DisclosureTimeliness.report(
            items: items, rural: true, frequentFinance: true, majorDays: 5, hasProcedureItem: true,
            from: CalendarDay("2026-01-01")!, to: CalendarDay("2026-03-31")!, today: Self.today)
        #expect(rural.findings.map(\.code) == ["disclosure.finance_month_missed"])
        #expect(rural.findings.first?.actual.contains("2026-02-01–2026-02-28") == true)
        #expect(rural.due == 4 && rural.onTime == 3)
        let urban = DisclosureTimeliness.report(
            items: items, rural: false, frequentFinance: true, majorDays: 5, hasProcedureItem: true,
            from: CalendarDay("2026-01-01")!, to: CalendarDay("2026-03-31")!, today: Self.today)
        #expect(urban.findings.isEmpty)
    }

    /// DIS-3: a general item covering up to 06-30 counts for Q2; nothing until 10-01 leaves Q3
    /// missed. DIS-1: no rules-and-procedures item is a finding.
    @Test func generalAffairsEveryQuarterDIS3DIS1() {
        let report = DisclosureTimeliness.report(
            items: [Self.item(.affairs, "2026-04-01", "2026-06-30"), Self.item(.affairs, "2026-10-01", "2026-10-31")],
            rural: false, frequentFinance: false, majorDays: 5, hasProcedureItem: false,
            from: CalendarDay("2026-04-01")!, to: CalendarDay("2026-11-30")!, today: Self.today)
        #expect(report.findings.map(\.code) == ["disclosure.quarter_missed", "disclosure.no_procedure_disclosure"])
        #expect(report.findings.first?.actual == "0 (2026-07-01–2026-09-30)")
        #expect(report.due == 2 && report.onTime == 1)
    }

    /// DIS-3: a major item decided on 11-20 is on time published on 11-25 (5 days), late on 11-26.
    @Test func aMajorItemWithinFiveDaysDIS3() {
        func late(_ published: String) -> Bool {
            DisclosureTimeliness.report(
                items: [
                    Self.item(
                        .meetingDecision, "2026-11-20", "2026-11-20", published: published, major: true,
                        occurred: "2026-11-20")
                ],
                rural: false, frequentFinance: false, majorDays: 5, hasProcedureItem: true,
                from: CalendarDay("2026-11-01")!, to: Self.today, today: Self.today
            ).findings.contains { $0.code == "disclosure.major_item_late" }
        }
        #expect(!late("2026-11-25"))
        #expect(late("2026-11-26"))
    }

    /// DIS-1 channels, DIS-2 rural-only categories, DIS-5 finance review, DIS-6 masked numbers.
    @Test func aPublicationsChannelsCategoryReviewAndPersonalDataDIS1DIS2DIS5DIS6() throws {
        func code(_ new: NewDisclosure, _ kind: AreaKind = .community, review: Bool = true) -> String? {
            do {
                try DisclosureRules.check(new, areaKind: kind, financeReviewRequired: review, today: Self.today)
                return nil
            } catch {
                return error.fieldErrors.first?.code ?? error.code
            }
        }
        #expect(code(Self.new(channels: [])) == "disclosure_channel_required")
        #expect(code(Self.new(.familyPlanningPlan)) == "disclosure.category_not_for_area")
        #expect(code(Self.new(.familyPlanningPlan), .village) == nil)
        let lines = [FinanceLine(direction: .income, item: "租金", amountFen: 1_200_000)]
        #expect(code(Self.new(.finance, lines: lines)) == "disclosure.finance_not_reviewed")
        #expect(code(Self.new(.finance, lines: lines), review: false) == nil)
        #expect(code(Self.new(.finance, lines: lines, reviewer: UUID())) == nil)
        #expect(code(Self.new(content: "低保户 张三 330203199001011234")) == "unmasked_personal_data")
        #expect(code(Self.new(content: "低保户 张三 3302**********1234")) == nil)
        #expect(code(Self.new(content: "联系 13812345678")) == "unmasked_personal_data")
        #expect(code(Self.new(content: "联系 138****5678，金额 12000000000000")) == nil)
    }
}

/// Conventions (CNV-1 – CNV-8): the procedure's rules.
@Suite struct ConventionRulesTests {
    static let today = CalendarDay("2026-11-30")!

    static func convention(
        _ status: ConventionStatus,
        clauses: [ConventionClause] = [.init(number: 1, text: "文明养犬", sanction: .criticismEducation)],
        effectiveOn: CalendarDay? = today, kind: ConventionKind = .communityConvention
    ) -> Convention {
        Convention(
            id: UUID(), areaId: UUID(), areaPath: "c.d.s.m", kind: kind,
            draft: ConventionDraft(
                name: "《东湖社区居民公约》", body: "爱护家园", deliberatingBody: kind.deliberatingMeeting,
                effectiveOn: effectiveOn, clauses: clauses),
            revises: nil, consultationTopicId: nil, opinionsSolicitedOn: nil, opinionNote: nil, storedStatus: status,
            legalityReview: nil, meetingDecisionId: nil, authorisationRef: nil,
            adoptedOn: status == .adopted ? today : nil, filedWith: nil, filedOn: nil, publishedOn: nil,
            supersededOn: nil, records: [], version: 1, createdAt: Date())
    }

    func decide(
        _ convention: Convention, _ command: ConventionCommand, above: Bool = false, decision: AdoptingDecision? = nil,
        another: Bool = false
    ) throws -> Convention {
        try convention.decide(
            command, actorAboveCommunity: above, decision: decision, parentId: nil, anotherInForce: another,
            today: Self.today
        ).convention
    }

    /// CNV-2, CNV-4: the street reviews legality; findings return the draft with reasons; the
    /// street never edits the text.
    @Test func theStreetReviewsAndReturnsButNeverEditsCNV2CNV4() throws {
        let inReview = Self.convention(.legalityReview)
        let review = ConventionCommand(action: .recordLegalityReview, reviewerType: .streetLegalOffice)
        #expect(
            (#expect(throws: DomainError.self) { try decide(inReview, review) })?.code == "convention.review_by_street")
        var returning = review
        returning.findings = [LegalityFinding(kind: .restrictsPersonalRights, clause: 1, note: "限制出行")]
        #expect(
            (#expect(throws: DomainError.self) { try decide(inReview, returning, above: true) })?.fieldErrors.first?
                .field
                == "reasons")
        returning.reasons = "第一条限制人身自由"
        let returned = try decide(inReview, returning, above: true)
        #expect(returned.storedStatus == .drafting && returned.legalityReview?.passed == false)
        let edit = ConventionCommand(action: .amendDraft, draft: returned.draft)
        #expect(
            (#expect(throws: DomainError.self) { try decide(returned, edit, above: true) })?.code
                == "convention.street_cannot_edit")
        #expect(try decide(returned, edit).storedStatus == .drafting)
        #expect(try decide(inReview, review, above: true).storedStatus == .readyForVote)
    }

    /// CNV-5: restricting liberty is refused; a fine is an open finding the reviewer must clear.
    @Test func finesAreClearedExplicitlyAndLibertyIsNeverRestrictedCNV5() throws {
        let liberty = ConventionDraft(
            name: nil, body: nil, deliberatingBody: nil, effectiveOn: nil,
            clauses: [.init(number: 1, text: "禁止外出", sanction: .restrictionOfLiberty)])
        #expect(
            (#expect(throws: DomainError.self) { try liberty.checkSanctions() })?.code
                == "convention.sanction_kind_forbidden")
        // DIS-6: the text is published on the board, so no full phone number in it.
        let leaking = ConventionDraft(
            name: "公约", body: "违者联系 13812345678", deliberatingBody: nil, effectiveOn: nil, clauses: [])
        #expect(
            (#expect(throws: DomainError.self) { try ConventionCommand(action: .amendDraft, draft: leaking).validate() })?
                .fieldErrors.first?.code == "unmasked_personal_data")
        let fined = Self.convention(.legalityReview, clauses: [.init(number: 3, text: "乱扔垃圾罚款 200 元", sanction: .fine)])
        #expect(
            fined.warnings(on: Self.today, filingDays: 30).contains { $0.code == "convention.sanction_may_be_unlawful" }
        )
        let pass = ConventionCommand(action: .recordLegalityReview, reviewerType: .legalAdviser)
        #expect(
            (#expect(throws: DomainError.self) { try decide(fined, pass, above: true) })?.code
                == "convention.sanction_finding_open")
        var cleared = pass
        cleared.sanctionsCleared = true
        #expect(try decide(fined, cleared, above: true).storedStatus == .readyForVote)
    }

    /// CNV-1: the vote needs the four parts; CNV-3: the residents' meeting votes, its assembly
    /// only with an authorisation; CNV-8: a second version that revises nothing is refused.
    @Test func theVoteNeedsFourPartsTheRightBodyAndNoRivalCNV1CNV3CNV8() throws {
        let undated = Self.convention(.readyForVote, effectiveOn: nil)
        let missing = #expect(throws: DomainError.self) { try decide(undated, .init(action: .submitForVote)) }
        #expect(
            missing?.code == "convention.part_missing" && missing?.fieldErrors.map(\.field) == ["draft/effectiveOn"])
        let voting = Self.convention(.voting)
        let assembly = AdoptingDecision(
            id: UUID(), passed: true, meetingKind: .residentsRepresentativeAssembly, heldOn: Self.today)
        #expect(
            (#expect(throws: DomainError.self) { try decide(voting, .init(action: .recordVote), decision: assembly) })?
                .code
                == "convention.adopting_body_invalid")
        #expect(
            try decide(voting, .init(action: .recordVote, authorisationRef: "居民会议决议〔2026〕1 号"), decision: assembly)
                .storedStatus == .adopted)
        let meeting = AdoptingDecision(id: UUID(), passed: true, meetingKind: .residentsMeeting, heldOn: Self.today)
        #expect(
            (#expect(throws: DomainError.self) {
                try decide(voting, .init(action: .recordVote), decision: meeting, another: true)
            })?.code
                == "convention.already_in_force")
        let failed = AdoptingDecision(id: UUID(), passed: false, meetingKind: .residentsMeeting, heldOn: Self.today)
        #expect(try decide(voting, .init(action: .recordVote), decision: failed).storedStatus == .drafting)
    }

    /// CNV-6: in force from its effective day, filed or not, with a warning after the filing
    /// days; CNV-7: records only in force, citing a clause; CNV-5: never a monetary penalty.
    @Test func inForceOnItsDayAndRecordsWithoutFinesCNV5CNV6CNV7() throws {
        var adopted = Self.convention(.adopted, effectiveOn: Self.today.addingDays(1))
        #expect(adopted.status(on: Self.today) == .adopted)
        #expect(adopted.status(on: Self.today.addingDays(1)) == .inForce)
        adopted.adoptedOn = Self.today.addingDays(-31)
        #expect(adopted.warnings(on: Self.today, filingDays: 30).contains { $0.code == "convention.not_filed" })
        adopted.adoptedOn = Self.today.addingDays(-30)
        #expect(!adopted.warnings(on: Self.today, filingDays: 30).contains { $0.code == "convention.not_filed" })
        let praise = NewConventionRecord(
            kind: .praise, clause: 1, subjectName: "5 幢 201 户", note: "清理楼道", amountFen: nil, supervisorMemberId: nil)
        #expect(
            (#expect(throws: DomainError.self) {
                try adopted.checkRecord(praise, supervisorServing: false, today: Self.today)
            })?.code
                == "convention.not_in_force")
        let inForce = Self.convention(.adopted)
        try inForce.checkRecord(praise, supervisorServing: false, today: Self.today)
        var fine = praise
        fine.amountFen = 20_000
        #expect(
            (#expect(throws: DomainError.self) {
                try inForce.checkRecord(fine, supervisorServing: false, today: Self.today)
            })?.code
                == "convention.monetary_penalty")
        var unknownClause = praise
        unknownClause.clause = 9
        #expect(
            (#expect(throws: DomainError.self) {
                try inForce.checkRecord(unknownClause, supervisorServing: false, today: Self.today)
            })?.code
                == "convention.clause_required")
        let supervision = NewConventionRecord(
            kind: .supervisionReview, clause: nil, subjectName: nil, note: "执行良好", amountFen: nil,
            supervisorMemberId: UUID())
        #expect(
            (#expect(throws: DomainError.self) {
                try inForce.checkRecord(supervision, supervisorServing: false, today: Self.today)
            })?.code
                == "convention.reviewer_not_supervisor")
        try inForce.checkRecord(supervision, supervisorServing: true, today: Self.today)
    }
}
