import Foundation
import Governance
import Testing

/// The lifecycle decisions of elections and admission, pure: state + command + who + today →
/// a change or a refusal.
@Suite struct DecisionTests {
    static let pollingDay = CalendarDay("2026-06-20")!

    static func election(_ status: ElectionStatus) -> Election {
        Election(
            id: UUID(), committeeId: UUID(), areaPath: "c1.d2.s3.m4", kind: .general, method: .allVoters,
            seats: [.director: 1, .member: 2], pollingDay: pollingDay, status: status, lawVersion: 2026,
            rollDaysBefore: 20,
            candidateDaysBefore: 5, rollPublishedOn: nil, candidatesPublishedOn: nil, version: 1, createdAt: Date())
    }

    @Test func nominationNeedsTheRollTwentyDaysBeforePollingDay() throws {
        let registration = Self.election(.registration)
        // ELE-5: 20 days before polling day passes, 19 is refused.
        let change = try registration.decideTransition(
            to: .nomination, rollPublishedOn: Self.pollingDay.addingDays(-20), publishedOn: nil,
            firstBallotCandidates: [])
        #expect(change.status == .nomination && change.rollPublishedOn == Self.pollingDay.addingDays(-20))
        #expect(throws: DomainError.self) {
            try registration.decideTransition(
                to: .nomination, rollPublishedOn: Self.pollingDay.addingDays(-19), publishedOn: nil,
                firstBallotCandidates: [])
        }
        let missing = #expect(throws: DomainError.self) {
            try registration.decideTransition(
                to: .nomination, rollPublishedOn: nil, publishedOn: nil, firstBallotCandidates: [])
        }
        #expect(missing?.fieldErrors.first?.field == "rollPublishedOn")
    }

    @Test func candidatesArePublishedOnlyWhenThereAreMoreThanSeats() throws {
        let nomination = Self.election(.nomination)
        let publishedOn = Self.pollingDay.addingDays(-5)
        // ELE-7: two seats of member need more than two candidates.
        #expect(throws: DomainError.self) {
            try nomination.decideTransition(
                to: .candidatesPublished, rollPublishedOn: nil, publishedOn: publishedOn,
                firstBallotCandidates: [.director, .director, .member, .member])
        }
        let change = try nomination.decideTransition(
            to: .candidatesPublished, rollPublishedOn: nil, publishedOn: publishedOn,
            firstBallotCandidates: [.director, .director, .member, .member, .member])
        #expect(change.candidatesPublishedOn == publishedOn)
        #expect(throws: DomainError.self) {
            try Self.election(.draft).decideTransition(
                to: .voting, rollPublishedOn: nil, publishedOn: nil, firstBallotCandidates: [])
        }
    }

    static func application(_ status: AdmissionStatus, applicant: UUID) -> AdmissionApplication {
        AdmissionApplication(
            id: UUID(), departmentId: UUID(), departmentName: "民政局", applicantTokenId: applicant, areaId: UUID(),
            areaPath: "c1.d2", title: "t",
            description: "d",
            category: .statutoryDuty, legalBasis: "l", startsOn: CalendarDay("2027-01-01")!,
            endsOn: CalendarDay("2027-12-31")!,
            fundingAmount: nil, fundingSource: nil, staffing: nil, workloadHoursPerMonth: 1, forms: [],
            storedStatus: status,
            submittedOn: nil, legalOpinion: nil, decisionMeeting: nil, decisionDate: nil, decisionReference: nil,
            version: 1,
            createdAt: Date())
    }

    static func principal(_ role: Role, id: UUID = UUID()) -> Principal {
        Principal(
            tokenId: id, role: role, scopeAreaId: UUID(), scopePath: "c1.d2", expiresAt: Date.distantFuture,
            departmentId: role == .department ? UUID() : nil)
    }

    @Test func submissionIsDatedTodayAndTheApplicantNeverReviewsItself() throws {
        let today = CalendarDay("2026-11-30")!
        let applicant = UUID()
        let submitted = try Self.application(.draft, applicant: applicant).decide(
            AdmissionStep(to: .submitted), by: Self.principal(.department, id: applicant), on: today)
        #expect(submitted.submittedOn == today)
        // ADM-4: a department does not review, and a reviewer who applied may not either.
        #expect(throws: DomainError.self) {
            try Self.application(.submitted, applicant: applicant).decide(
                AdmissionStep(to: .legalReview), by: Self.principal(.department, id: applicant), on: today)
        }
        let review = try Self.application(.submitted, applicant: applicant).decide(
            AdmissionStep(to: .legalReview), by: Self.principal(.reviewer), on: today)
        #expect(review.submittedOn == nil && review.step.to == .legalReview)
    }

    @Test func admissionNeedsTheMeetingItsDateAndItsReference() {
        let decision = Self.application(.decision, applicant: UUID())
        let reviewer = Self.principal(.reviewer)
        let today = CalendarDay("2026-11-30")!
        for (step, field) in [
            (AdmissionStep(to: .admitted), "decisionMeeting"),
            (AdmissionStep(to: .admitted, meeting: .governmentExecutiveMeeting), "decisionDate"),
            (
                AdmissionStep(to: .admitted, meeting: .governmentExecutiveMeeting, decisionDate: today),
                "decisionReference"
            ),
        ] {
            let refusal = #expect(throws: DomainError.self) { try decision.decide(step, by: reviewer, on: today) }
            #expect(refusal?.fieldErrors.first?.field == field)
        }
        #expect(throws: Never.self) {
            try decision.decide(
                AdmissionStep(
                    to: .admitted, meeting: .governmentExecutiveMeeting, decisionDate: today, decisionReference: "第1次"),
                by: reviewer, on: today)
        }
    }
}
