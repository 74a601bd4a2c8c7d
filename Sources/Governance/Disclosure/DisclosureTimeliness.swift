/// DIS-1, DIS-3: whether a committee published on time over a window of days.
///
/// Periods are calendar quarters and months (reading "每季度" and "每月" as calendar periods is
/// (c)). A period counts once it has ended before today. General affairs are due every quarter;
/// finance every month where the village's collective finance is marked frequent (rural only:
/// the urban text has no monthly rule); a major item within the profile's days of its decision.
public struct DisclosureTimeliness: Sendable, Hashable {
    /// What the report reads of one item.
    public struct Item: Sendable, Hashable {
        /// Category.
        public let category: DisclosureCategory
        /// Period covered.
        public let periodFrom: CalendarDay
        /// Period covered.
        public let periodTo: CalendarDay
        /// Day published.
        public let publishedOn: CalendarDay
        /// Major matter.
        public let major: Bool
        /// Day decided.
        public let occurredOn: CalendarDay?

        /// Creates the value.
        public init(
            category: DisclosureCategory, periodFrom: CalendarDay, periodTo: CalendarDay, publishedOn: CalendarDay,
            major: Bool, occurredOn: CalendarDay?
        ) {
            self.category = category
            self.periodFrom = periodFrom
            self.periodTo = periodTo
            self.publishedOn = publishedOn
            self.major = major
            self.occurredOn = occurredOn
        }
    }

    /// The first day of the window.
    public let from: CalendarDay
    /// The last day of the window.
    public let to: CalendarDay
    /// Periods and major items that were due in the window.
    public let due: Int
    /// Those published on time.
    public let onTime: Int
    /// One finding per missed period or late item.
    public let findings: [ComplianceFinding]

    /// `onTime ÷ due`, or nil when nothing was due.
    public var rate: Double? { due == 0 ? nil : Double(onTime) / Double(due) }

    /// The report for `[from, to]`.
    public static func report(
        items: [Item], rural: Bool, frequentFinance: Bool, majorDays: Int, hasProcedureItem: Bool,
        from: CalendarDay, to: CalendarDay, today: CalendarDay
    ) -> DisclosureTimeliness {
        var due = 0
        var onTime = 0
        var findings: [ComplianceFinding] = []
        func covered(_ start: CalendarDay, _ end: CalendarDay, _ include: (DisclosureCategory) -> Bool) -> Bool {
            items.contains { include($0.category) && $0.periodFrom <= end && $0.periodTo >= start }
        }
        var quarter = from.quarterStart
        while true {
            let end = quarter.firstOfMonth(after: 3).addingDays(-1)
            guard end < today, end <= to else { break }
            if quarter >= from {
                due += 1
                if covered(quarter, end, { $0 != .finance }) {
                    onTime += 1
                } else {
                    findings.append(
                        ComplianceFinding(
                            rule: "DIS-3", code: "disclosure.quarter_missed",
                            message: LocalizedText(
                                zh: "一般事项至少每季度公布一次。", en: "General affairs are published at least every quarter."),
                            actual: "0 (\(quarter)–\(end))", expected: "≥1"))
                }
            }
            quarter = quarter.firstOfMonth(after: 3)
        }
        if rural, frequentFinance {
            var month = CalendarDay(year: from.year, month: from.month, day: 1)!
            while true {
                let end = month.firstOfMonth(after: 1).addingDays(-1)
                guard end < today, end <= to else { break }
                if month >= from {
                    due += 1
                    if covered(month, end, { $0 == .finance }) {
                        onTime += 1
                    } else {
                        findings.append(
                            ComplianceFinding(
                                rule: "DIS-3", code: "disclosure.finance_month_missed",
                                message: LocalizedText(
                                    zh: "集体财务往来较多的村，财务收支每月公布一次。",
                                    en: "A village with frequent collective finance publishes it every month."),
                                actual: "0 (\(month)–\(end))", expected: "≥1"))
                    }
                }
                month = month.firstOfMonth(after: 1)
            }
        }
        for item in items where item.major {
            guard let occurredOn = item.occurredOn, item.publishedOn >= from, item.publishedOn <= to else { continue }
            due += 1
            if item.publishedOn <= occurredOn.addingDays(majorDays) {
                onTime += 1
            } else {
                findings.append(
                    ComplianceFinding(
                        rule: "DIS-3", code: "disclosure.major_item_late",
                        message: LocalizedText(
                            zh: "重大事项应随时公布（\(majorDays) 天内）。",
                            en: "A major item is published as it arises (within \(majorDays) days)."),
                        actual: "\(occurredOn) → \(item.publishedOn)", expected: "≤ \(occurredOn.addingDays(majorDays))"
                    ))
            }
        }
        if !hasProcedureItem {
            findings.append(
                ComplianceFinding(
                    rule: "DIS-1", code: "disclosure.no_procedure_disclosure",
                    message: LocalizedText(
                        zh: "应公开办事制度和程序。", en: "The committee publishes its working rules and procedures."),
                    actual: "0", expected: "≥1"))
        }
        return DisclosureTimeliness(from: from, to: to, due: due, onTime: onTime, findings: findings)
    }
}

extension CalendarDay {
    /// The first day of the month `months` after this day's month.
    public func firstOfMonth(after months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        return CalendarDay(year: index / 12, month: index % 12 + 1, day: 1)!
    }
}
