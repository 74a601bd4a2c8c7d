/// The rules of a publication (DIS-1 – DIS-6) and of its timeliness (DIS-3).
public enum DisclosureRules {
    /// A publication submitted today by the committee of an area of `areaKind`: channels (DIS-1),
    /// categories by area (DIS-2), a major item's day (DIS-3), finance lines and the supervision
    /// committee's review where the profile requires it (DIS-5), no unmasked personal data (DIS-6).
    public static func check(
        _ new: NewDisclosure, areaKind: AreaKind, financeReviewRequired: Bool, today: CalendarDay
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.length("title", new.title, max: 200)
        validator.notBlank("title", new.title)
        validator.publishable("title", new.title)
        validator.length("content", new.content, max: 20_000)
        validator.notBlank("content", new.content)
        validator.publishable("content", new.content)
        if new.periodFrom > new.periodTo {
            validator.fail("periodTo", "before_period_from", zh: "截止日期不能早于起始日期。", en: "Ends before it starts.")
        } else if new.periodFrom.addingDays(366 * 5) < new.periodTo {
            validator.fail("periodTo", "too_long", zh: "公开所涉期间不超过五年。", en: "A period of five years at most.")
        }
        if new.periodFrom > today {
            validator.fail("periodFrom", "in_future", zh: "所涉期间不能始于今天之后。", en: "The period cannot start after today.")
        }
        validator.statedDay("occurredOn", new.occurredOn, today: today)
        validator.statedDay("reviewedOn", new.reviewedOn, today: today)
        if let takeDownOn = new.takeDownOn, takeDownOn < today {
            validator.fail("takeDownOn", "in_past", zh: "撤下日期不能早于今天。", en: "Cannot be taken down before today.")
        }
        if new.major, new.occurredOn == nil {
            validator.fail("occurredOn", "required", zh: "重大事项须注明决定日期。", en: "A major item states when it was decided.")
        }
        if new.channels.isEmpty || Set(new.channels).count != new.channels.count {
            validator.fail(
                "channels", "disclosure_channel_required", zh: "须至少选择一个不重复的公开渠道（DIS-1）。",
                en: "At least one channel, each once (DIS-1).")
        }
        if new.category == .finance {
            if new.financeLines.isEmpty || new.financeLines.count > 500 {
                validator.fail("financeLines", "size", zh: "财务公开须列 1–500 项收支。", en: "Finance lists 1–500 lines.")
            }
        } else if !new.financeLines.isEmpty {
            validator.fail(
                "financeLines", "not_finance", zh: "只有财务公开列收支明细。", en: "Only finance items carry lines.")
        }
        for (index, line) in new.financeLines.enumerated() {
            validator.length("financeLines/\(index)/item", line.item, max: 200)
            validator.notBlank("financeLines/\(index)/item", line.item)
            validator.publishable("financeLines/\(index)/item", line.item)
            validator.range("financeLines/\(index)/amountFen", line.amountFen, 1...100_000_000_000)
        }
        if (new.reviewerMemberId == nil) != (new.reviewedOn == nil) {
            validator.fail(
                "reviewedOn", "review_incomplete", zh: "审核人与审核日期须同时填写。", en: "A review names its reviewer and day.")
        }
        try validator.check()
        if new.category.isRuralOnly, areaKind != .village {
            throw DomainError(
                .unprocessable, code: "disclosure.category_not_for_area",
                message: LocalizedText(
                    zh: "该类公开事项只适用于村（DIS-2）。", en: "This category is published by villages only (DIS-2)."))
        }
        if new.category == .finance, financeReviewRequired, new.reviewerMemberId == nil {
            throw DomainError(
                .unprocessable, code: "disclosure.finance_not_reviewed",
                message: LocalizedText(
                    zh: "财务公开须经居（村）务监督委员会审核后发布（DIS-5）。",
                    en: "Finance is published after the supervision committee's review (DIS-5)."))
        }
    }

    /// DIS-5: the reviewer is not a serving member of the area's supervision committee.
    public static let reviewerNotSupervisor = DomainError(
        .unprocessable, code: "disclosure.reviewer_not_supervisor",
        message: LocalizedText(
            zh: "审核人须为本社区（村）在任的监督委员会成员（DIS-5）。",
            en: "The reviewer is a serving member of the area's supervision committee (DIS-5)."))
}
