import Foundation
import Governance
import Testing

/// Self-governance meetings (COM-18 – COM-21): quorum by basis, proposals, notice, decisions.
@Suite struct MeetingRulesTests {
    static let profile2026 = RuleProfile(lawVersion: 2026, overrides: [])
    static let profile2018 = RuleProfile(lawVersion: 2018, overrides: [])
    static let today = CalendarDay("2026-11-30")!

    static func meeting(
        _ kind: MeetingKind, basis: MeetingBasis, eligible: Int, present: Int, proposal: MeetingProposal? = nil,
        noticeDays: Int = 10
    ) -> NewMeeting {
        NewMeeting(
            areaId: UUID(), kind: kind, basis: basis, proposal: proposal, noticeOn: today.addingDays(-noticeDays),
            heldOn: today, eligible: eligible, present: present, agenda: ["议题"])
    }

    static func held(_ new: NewMeeting, eligible: Int) -> Meeting {
        Meeting(
            id: UUID(), areaId: new.areaId, areaPath: "c.d.s.v", kind: new.kind, basis: new.basis,
            proposal: new.proposal, noticeOn: new.noticeOn, heldOn: new.heldOn, eligible: eligible,
            present: new.present,
            quorate: MeetingRules.isQuorate(kind: new.kind, basis: new.basis, eligible: eligible, present: new.present),
            agenda: new.agenda, decisions: [], version: 1, createdAt: Date())
    }

    /// COM-18: 60 members, 39 present has no quorum (needs 40); with 40 present, 20 votes for
    /// is rejected and 21 passes.
    @Test func anAssemblyNeedsTwoThirdsAndAMajorityOfThosePresentCOM18() throws {
        let short = Self.held(
            Self.meeting(.villagerRepresentativeAssembly, basis: .assemblyMembers, eligible: 60, present: 39),
            eligible: 60)
        #expect(!short.quorate)
        let refused = #expect(throws: DomainError.self) {
            try MeetingRules.decide(yes: 39, no: 0, abstain: 0, at: short)
        }
        #expect(refused?.code == "meeting.quorum_not_met")
        let quorate = Self.held(
            Self.meeting(.villagerRepresentativeAssembly, basis: .assemblyMembers, eligible: 60, present: 40),
            eligible: 60)
        #expect(quorate.quorate)
        #expect(try MeetingRules.decide(yes: 20, no: 20, abstain: 0, at: quorate) == false)
        #expect(try MeetingRules.decide(yes: 21, no: 19, abstain: 0, at: quorate) == true)
        let tooMany = #expect(throws: DomainError.self) {
            try MeetingRules.decide(yes: 21, no: 19, abstain: 1, at: quorate)
        }
        #expect(tooMany?.fieldErrors.first?.code == "exceeds_present")
    }

    /// COM-18: convened on the proposal of at least a fifth of the representatives.
    @Test(arguments: [(11, false), (12, true)])
    func anAssemblyIsConvenedOnAFifthOfRepresentativesCOM18(signatures: Int, accepted: Bool) {
        let new = Self.meeting(
            .villagerRepresentativeAssembly, basis: .assemblyMembers, eligible: 60, present: 50,
            proposal: MeetingProposal(base: .representatives, signatures: signatures, total: 60))
        #expect(Self.accepted(new, eligible: 60, area: .village) == accepted)
    }

    /// COM-19: more than half of 1,000 adults (500 is not), or two thirds of 300 households (200 is).
    @Test(arguments: [
        (MeetingBasis.adults, 1000, 500, false), (.adults, 1000, 501, true), (.households, 300, 199, false),
        (.households, 300, 200, true),
    ])
    func aVillagersMeetingsQuorumDependsOnItsBasisCOM19(basis: MeetingBasis, eligible: Int, present: Int, quorate: Bool)
    {
        #expect(
            MeetingRules.isQuorate(kind: .villagersMeeting, basis: basis, eligible: eligible, present: present)
                == quorate)
    }

    /// COM-19: ten days' notice; a tenth of the villagers or a third of the representatives may ask.
    @Test func aVillagersMeetingNeedsTenDaysNoticeAndItsProposersCOM19() {
        #expect(
            !Self.accepted(
                Self.meeting(.villagersMeeting, basis: .adults, eligible: 1000, present: 600, noticeDays: 9),
                eligible: 1000, area: .village))
        #expect(
            Self.accepted(
                Self.meeting(.villagersMeeting, basis: .adults, eligible: 1000, present: 600, noticeDays: 10),
                eligible: 1000, area: .village))
        for (base, signatures, total, accepted) in [
            (ProposerBase.adults, 99, 1000, false), (.adults, 100, 1000, true), (.representatives, 19, 60, false),
            (.representatives, 20, 60, true), (.households, 300, 300, false),
        ] {
            let new = Self.meeting(
                .villagersMeeting, basis: .adults, eligible: 1000, present: 600,
                proposal: MeetingProposal(base: base, signatures: signatures, total: total))
            #expect(Self.accepted(new, eligible: 1000, area: .village) == accepted, "\(base) \(signatures)/\(total)")
        }
    }

    /// COM-20: more than half (800 adults, 400 present is not); a fifth of adults may ask under
    /// the 2018 law, a tenth under the 2026 revision.
    @Test func aResidentsMeetingNeedsMoreThanHalfAndItsProposersCOM20() {
        #expect(!MeetingRules.isQuorate(kind: .residentsMeeting, basis: .adults, eligible: 800, present: 400))
        #expect(MeetingRules.isQuorate(kind: .residentsMeeting, basis: .adults, eligible: 800, present: 401))
        func proposed(_ signatures: Int, _ profile: RuleProfile) -> Bool {
            Self.accepted(
                Self.meeting(
                    .residentsMeeting, basis: .adults, eligible: 800, present: 500,
                    proposal: MeetingProposal(base: .adults, signatures: signatures, total: 800)),
                eligible: 800, area: .community, profile: profile)
        }
        #expect(!proposed(159, Self.profile2018) && proposed(160, Self.profile2018))
        #expect(!proposed(79, Self.profile2026) && proposed(80, Self.profile2026))
    }

    /// Meetings are recorded after they are held: not dated ahead; in their own kind of area; on
    /// a basis their kind allows.
    @Test func aMeetingIsRecordedWhereAndAsItsKindAllows() {
        var ahead = Self.meeting(.residentsMeeting, basis: .adults, eligible: 800, present: 500)
        ahead.heldOn = Self.today.addingDays(1)
        #expect(!Self.accepted(ahead, eligible: 800, area: .community))
        #expect(
            !Self.accepted(
                Self.meeting(.residentsMeeting, basis: .adults, eligible: 800, present: 500), eligible: 800,
                area: .village))
        #expect(
            !Self.accepted(
                Self.meeting(.residentsMeeting, basis: .assemblyMembers, eligible: 800, present: 500), eligible: 800,
                area: .community))
        #expect(
            !Self.accepted(
                Self.meeting(.residentsMeeting, basis: .adults, eligible: 800, present: 801), eligible: 800,
                area: .community))
    }

    /// COM-18: the last full quarter of the assembly's term without a meeting is a finding.
    @Test func anAssemblyMeetsEveryQuarterCOM18() {
        let today = CalendarDay("2026-11-30")!  // the last full quarter: July–September
        let start = CalendarDay("2026-01-01")!
        #expect(MeetingRules.quarterlyFinding(meetingDays: [], termStart: start, today: today)?.rule == "COM-18")
        #expect(
            MeetingRules.quarterlyFinding(
                meetingDays: [CalendarDay("2026-06-30")!, CalendarDay("2026-10-01")!], termStart: start, today: today)
                != nil)
        #expect(
            MeetingRules.quarterlyFinding(meetingDays: [CalendarDay("2026-07-01")!], termStart: start, today: today)
                == nil)
        #expect(
            MeetingRules.quarterlyFinding(meetingDays: [CalendarDay("2026-09-30")!], termStart: start, today: today)
                == nil)
        #expect(
            MeetingRules.quarterlyFinding(meetingDays: [], termStart: CalendarDay("2026-07-02")!, today: today) == nil)
    }

    static func accepted(
        _ new: NewMeeting, eligible: Int, area: AreaKind, profile: RuleProfile = profile2026
    ) -> Bool {
        (try? MeetingRules.check(new, areaKind: area, eligible: eligible, profile: profile, today: today)) != nil
    }
}
