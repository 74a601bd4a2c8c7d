public import struct Foundation.Date
public import struct Foundation.UUID

/// Work that reaches a community without admission, and why it may (ADM-6, ADM-12).
public enum ExceptionalAssignmentMode: String, Sendable, Hashable, CaseIterable {
    /// A sudden emergency (突发事件): the committee acts on the government's decisions (seed 004
    /// 第二十五条), time-boxed (ADM-6).
    case emergency
    /// A matter outside the lists entrusted by a service contract (购买服务, ADM-12).
    case purchaseOfService = "purchase_of_service"
}

/// A push outside the admitted lists, counted apart from admitted work and visible to the
/// street above the community.
public struct ExceptionalAssignment: Sendable, Hashable {
    /// Id.
    public let id: UUID
    /// Emergency or purchase of service.
    public let mode: ExceptionalAssignmentMode
    /// The department pushing it.
    public let departmentId: UUID
    /// Its name.
    public let departmentName: String
    /// The community it reaches.
    public let communityId: UUID
    /// What the work is.
    public let title: String
    /// The kind of matter (ADM-8).
    public let matter: AdmissionMatter
    /// The emergency it answers (emergency only).
    public let emergencyEvent: String?
    /// The government decision or order it follows (emergency only).
    public let decisionReference: String?
    /// The service contract (purchase of service only).
    public let contractReference: String?
    /// The contract's amount in yuan (purchase of service only).
    public let amount: Int?
    /// First day (the server's day of the push).
    public let startsOn: CalendarDay
    /// Last day: the end of the emergency box, or of the contract's term.
    public let endsOn: CalendarDay
    /// When recorded.
    public let createdAt: Date

    /// Creates the value.
    public init(
        id: UUID, mode: ExceptionalAssignmentMode, departmentId: UUID, departmentName: String, communityId: UUID,
        title: String, matter: AdmissionMatter, emergencyEvent: String?, decisionReference: String?,
        contractReference: String?, amount: Int?, startsOn: CalendarDay, endsOn: CalendarDay, createdAt: Date
    ) {
        self.id = id
        self.mode = mode
        self.departmentId = departmentId
        self.departmentName = departmentName
        self.communityId = communityId
        self.title = title
        self.matter = matter
        self.emergencyEvent = emergencyEvent
        self.decisionReference = decisionReference
        self.contractReference = contractReference
        self.amount = amount
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.createdAt = createdAt
    }

    /// Whether it still lets work through on `day`.
    public func isActive(on day: CalendarDay) -> Bool { startsOn <= day && day <= endsOn }
}

/// A request for a push outside the lists.
public struct NewExceptionalAssignment: Sendable, Hashable {
    /// Emergency or purchase of service.
    public var mode: ExceptionalAssignmentMode
    /// The department, when an admin records it for one; a department token's own otherwise.
    public var departmentId: UUID?
    /// The community.
    public var communityId: UUID
    /// What the work is.
    public var title: String
    /// The kind of matter.
    public var matter: AdmissionMatter
    /// The emergency (emergency).
    public var emergencyEvent: String?
    /// The government decision or order (emergency).
    public var decisionReference: String?
    /// Days of the box asked for (emergency; default and maximum: the profile's).
    public var days: Int?
    /// The service contract (purchase of service).
    public var contractReference: String?
    /// Its amount in yuan (purchase of service).
    public var amount: Int?
    /// The contract's last day (purchase of service).
    public var endsOn: CalendarDay?

    /// Creates the request.
    public init(
        mode: ExceptionalAssignmentMode, departmentId: UUID?, communityId: UUID, title: String,
        matter: AdmissionMatter, emergencyEvent: String?, decisionReference: String?, days: Int?,
        contractReference: String?, amount: Int?, endsOn: CalendarDay?
    ) {
        self.mode = mode
        self.departmentId = departmentId
        self.communityId = communityId
        self.title = title
        self.matter = matter
        self.emergencyEvent = emergencyEvent
        self.decisionReference = decisionReference
        self.days = days
        self.contractReference = contractReference
        self.amount = amount
        self.endsOn = endsOn
    }

    /// The longest contract term accepted, in days (five years: design).
    public static let longestContractDays = 5 * 366

    /// Checks the fields of its mode and returns the days it runs, from `today` (the server's):
    /// an emergency names the event and the government's decision and is boxed by the profile's
    /// days (ADM-6); a purchase names its contract, an amount above zero and a term, and is never
    /// a forbidden matter (ADM-12, ADM-8).
    public func validate(today: CalendarDay, emergencyDays: Int) throws(DomainError) -> (
        startsOn: CalendarDay, endsOn: CalendarDay
    ) {
        var validator = FieldValidator()
        validator.length("title", title, max: 200)
        validator.notBlank("title", title)
        func require(_ field: String, _ value: String?, rule: String) {
            if (value ?? "").allSatisfy(\.isWhitespace) {
                validator.fail(
                    field, "required_for_mode", zh: "此类下派须填写此项（\(rule)）。", en: "Required for this mode (\(rule)).")
            }
        }
        func refuse(_ field: String, _ present: Bool) {
            if present {
                validator.fail(field, "not_for_mode", zh: "此类下派不填写此项。", en: "Not part of this mode.")
            }
        }
        var endsOn = today
        switch mode {
        case .emergency:
            require("emergencyEvent", emergencyEvent, rule: "ADM-6")
            require("decisionReference", decisionReference, rule: "ADM-6")
            validator.length("emergencyEvent", emergencyEvent, max: 200)
            validator.length("decisionReference", decisionReference, max: 200)
            refuse("contractReference", contractReference != nil)
            refuse("amount", amount != nil)
            refuse("endsOn", self.endsOn != nil)
            let days = days ?? emergencyDays
            if days < 1 || days > emergencyDays {
                validator.fail(
                    "days", "outside_emergency_box", zh: "应急下派期限为 1 至 \(emergencyDays) 天（ADM-6）。",
                    en: "An emergency push lasts 1 to \(emergencyDays) days (ADM-6).")
            } else {
                endsOn = today.addingDays(days - 1)
            }
        case .purchaseOfService:
            require("contractReference", contractReference, rule: "ADM-12")
            validator.length("contractReference", contractReference, max: 200)
            refuse("emergencyEvent", emergencyEvent != nil)
            refuse("decisionReference", decisionReference != nil)
            refuse("days", days != nil)
            if (amount ?? 0) <= 0 {
                validator.fail(
                    "amount", "amount_required", zh: "购买服务须有大于零的合同金额（ADM-12）。",
                    en: "A purchase of service has a contract amount above zero (ADM-12).")
            }
            validator.range("amount", amount, 0...1_000_000_000)
            if let last = self.endsOn {
                if last < today || last > today.addingDays(Self.longestContractDays) {
                    validator.fail(
                        "endsOn", "invalid_term", zh: "合同期限须自今日起、不超过五年。",
                        en: "The term runs from today and at most five years.")
                } else {
                    endsOn = last
                }
            } else {
                validator.fail(
                    "endsOn", "required_for_mode", zh: "此类下派须填写此项（ADM-12）。", en: "Required for this mode (ADM-12).")
            }
        }
        try validator.check()
        if mode == .purchaseOfService { try matter.check() }  // ADM-8 holds for purchased work too
        return (today, endsOn)
    }

    /// ADM-6: one box per emergency, department and community. Inside the first box further
    /// pushes for the same emergency pass, ending with it; after it, the work needs admission.
    public static func checkEmergencyBox(
        previous: (startsOn: CalendarDay, endsOn: CalendarDay)?,
        requested: (startsOn: CalendarDay, endsOn: CalendarDay),
        today: CalendarDay
    ) throws(DomainError) -> CalendarDay {
        guard let previous else { return requested.endsOn }
        guard today <= previous.endsOn else {
            throw DomainError(
                .unprocessable, code: "admission.emergency_box_over",
                message: LocalizedText(
                    zh: "该突发事件的应急下派期限已于 \(previous.endsOn) 届满，继续下派须按程序准入（ADM-6）。",
                    en:
                        "The emergency box for this event ended on \(previous.endsOn); further work needs admission (ADM-6)."
                ))
        }
        return Swift.min(requested.endsOn, previous.endsOn)
    }
}
