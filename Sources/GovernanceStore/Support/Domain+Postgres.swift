public import Governance
public import Postgres

// Domain values bind and decode as themselves, so repositories never spell `.description`,
// `.rawValue` or `init(rawValue:)` around a column, and an unknown value in a column is a
// decoding error rather than a crash.

extension CalendarDay: PostgresEncodable, PostgresNonNullDecodable {
    /// `YYYY-MM-DD`, PostgreSQL's `date` input.
    public var postgresText: String { description }
    /// Reads a `date` column (`YYYY-MM-DD`).
    public init?(nonNullPostgresText text: String) { self.init(text) }
}

/// A string-backed domain enumeration stored as its raw value in a `text` column.
public protocol PostgresTextEnumeration: RawRepresentable, PostgresEncodable, PostgresNonNullDecodable
where RawValue == String {}

extension PostgresTextEnumeration {
    /// The raw value.
    public var postgresText: String { rawValue }
    /// The case whose raw value is the column's text.
    public init?(nonNullPostgresText text: String) { self.init(rawValue: text) }
}

extension AreaKind: PostgresTextEnumeration {}
extension ConsultationStatus: PostgresTextEnumeration {}
extension ConsultationCategory: PostgresTextEnumeration {}
extension ConsultationProposer: PostgresTextEnumeration {}
extension ConsultationFlow: PostgresTextEnumeration {}
extension ConsultationBody.Kind: PostgresTextEnumeration {}
extension DisclosureCategory: PostgresTextEnumeration {}
extension DisclosureChannel: PostgresTextEnumeration {}
extension ConventionKind: PostgresTextEnumeration {}
extension ConventionStatus: PostgresTextEnumeration {}
extension ConventionRecordKind: PostgresTextEnumeration {}
extension MeetingKind: PostgresTextEnumeration {}
extension GridType: PostgresTextEnumeration {}
extension GridCategory: PostgresTextEnumeration {}
extension GridPost: PostgresTextEnumeration {}
extension GridEndReason: PostgresTextEnumeration {}
extension Employment: PostgresTextEnumeration {}
extension Role: PostgresTextEnumeration {}
extension Gender: PostgresTextEnumeration {}
extension CommitteeKind: PostgresTextEnumeration {}
extension SubcommitteeSubject: PostgresTextEnumeration {}
extension CommitteePosition: PostgresTextEnumeration {}
extension Constituency: PostgresTextEnumeration {}
extension TenureEndReason: PostgresTextEnumeration {}
extension FinanceRole: PostgresTextEnumeration {}
extension SeatReason: PostgresTextEnumeration {}
extension ElectionStatus: PostgresTextEnumeration {}
extension ElectionKind: PostgresTextEnumeration {}
extension ElectionMethod: PostgresTextEnumeration {}
extension MediationStatus: PostgresTextEnumeration {}
extension MediationLevel: PostgresTextEnumeration {}
extension MediationComplexity: PostgresTextEnumeration {}
extension MediationRisk: PostgresTextEnumeration {}
extension AgreementForm: PostgresTextEnumeration {}
extension SigningMethod: PostgresTextEnumeration {}
extension PerformanceStatus: PostgresTextEnumeration {}
extension AdmissionStatus: PostgresTextEnumeration {}
extension AdmissionCategory: PostgresTextEnumeration {}
extension AdmissionMatter: PostgresTextEnumeration {}
extension ExceptionalAssignmentMode: PostgresTextEnumeration {}
extension DecisionMeeting: PostgresTextEnumeration {}
extension DepartmentLevel: PostgresTextEnumeration {}
extension GridEventStatus: PostgresTextEnumeration {}
extension GridEventTier: PostgresTextEnumeration {}
extension GridEventSource: PostgresTextEnumeration {}
extension GridEventRating: PostgresTextEnumeration {}
extension GridEventDispatch.Status: PostgresTextEnumeration {}
extension DayKind: PostgresTextEnumeration {}
