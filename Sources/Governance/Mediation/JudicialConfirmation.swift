/// The parties' joint application to a court to confirm an agreement (司法确认, MED-15) and the
/// court's answer whether it accepts it (MED-16).
public struct JudicialConfirmation: Sendable, Hashable {
    /// The application: an act done offline, dated by the client.
    public struct Application: Sendable, Hashable {
        /// The day the parties applied.
        public let appliedOn: CalendarDay
        /// The court applied to.
        public let court: String

        /// Creates the value.
        public init(appliedOn: CalendarDay, court: String) {
            self.appliedOn = appliedOn
            self.court = court
        }
    }

    /// The court's answer.
    public struct Answer: Sendable, Hashable {
        /// Whether the court accepted the application (受理).
        public let accepted: Bool
        /// The day it answered.
        public let answeredOn: CalendarDay

        /// Creates the value.
        public init(accepted: Bool, answeredOn: CalendarDay) {
            self.accepted = accepted
            self.answeredOn = answeredOn
        }
    }

    /// MED-16: the court decides within 3 days whether it accepts (法释〔2011〕5号 第四条).
    public static let answerDays = 3

    /// The application.
    public let application: Application
    /// The answer, once recorded.
    public let answer: Answer?

    /// Creates the value.
    public init(application: Application, answer: Answer?) {
        self.application = application
        self.answer = answer
    }

    /// MED-16: no answer recorded after the court's 3 days.
    public func isAnswerOverdue(today: CalendarDay) -> Bool {
        answer == nil && today > application.appliedOn.addingDays(Self.answerDays)
    }
}
