/// The voter roll's rules (ELE-3, ELE-4, ELE-5, ELE-23).
public enum VoterRollRules {
    /// ELE-5: objections within five days of publication.
    public static let objectionDays = 5
    /// ELE-5: decided within three days of being filed.
    public static let objectionDecisionDays = 3

    /// The roll is drawn up during registration; after publication it changes only by upheld
    /// objections (ELE-5).
    public static func checkEditable(_ status: ElectionStatus) throws(DomainError) {
        guard status == .registration else {
            throw DomainError(
                .conflict, code: "election.roll_closed",
                message: LocalizedText(
                    zh: "选民名单只在登记阶段编制；公布后只能通过异议处理变更（ELE-5）。",
                    en:
                        "The roll is drawn up during registration; once published it changes only by objections (ELE-5)."
                ))
        }
    }

    /// ELE-3: 18 on polling day, counted to the day (a 29 February birthday comes on 1 March).
    public static func isOfAge(birthDate: CalendarDay, pollingDay: CalendarDay) -> Bool {
        birthDate.anniversary(afterYears: 18) <= pollingDay
    }

    /// ELE-3 for one registration.
    public static func checkOfAge(birthDate: CalendarDay?, pollingDay: CalendarDay) throws(DomainError) {
        guard let birthDate, isOfAge(birthDate: birthDate, pollingDay: pollingDay) else {
            throw DomainError(
                .unprocessable, code: "election.voter_under_age",
                message: LocalizedText(
                    zh: "选举日未满十八周岁，没有选举权（ELE-3）。", en: "Under 18 on polling day: no right to vote (ELE-3)."))
        }
    }

    /// ELE-4: a resident without household registration brings the certificate that they do not
    /// vote where registered, and in a village the consent of a passed decision of the
    /// villagers' meeting or representative assembly.
    /// - Parameter consent: the named meeting's kind, area and whether one of its decisions passed.
    public static func checkCategory(
        _ new: NewVoter, villageElection: Bool, consent: (kind: MeetingKind, passed: Bool)?
    ) throws(DomainError) {
        var validator = FieldValidator()
        validator.length("certificate", new.certificate, max: 200)
        validator.notBlank("certificate", new.certificate)
        if new.category == .residentNotRegistered {
            if new.certificate == nil {
                validator.fail(
                    "certificate", "required", zh: "户籍不在本地的选民须提供未在户籍地参加选举的证明（ELE-4）。",
                    en: "A voter registered elsewhere brings the certificate of not voting there (ELE-4).")
            }
            if villageElection, new.consentMeetingId == nil {
                validator.fail(
                    "consentMeetingId", "required", zh: "须经村民会议或村民代表会议同意（ELE-4）。",
                    en: "Needs the consent of the villagers' meeting or assembly (ELE-4).")
            }
        } else if new.certificate != nil || new.consentMeetingId != nil {
            validator.fail(
                "category", "not_applicable", zh: "证明和同意只用于户籍不在本地的选民。",
                en: "Certificate and consent apply to residents registered elsewhere only.")
        }
        try validator.check()
        if new.category == .residentNotRegistered, villageElection {
            guard let consent, consent.kind == .villagersMeeting || consent.kind == .villagerRepresentativeAssembly,
                consent.passed
            else {
                throw DomainError(
                    .unprocessable, code: "election.voter_consent_missing",
                    message: LocalizedText(
                        zh: "所引用的会议不是本村村民会议或村民代表会议通过的决定（ELE-4）。",
                        en: "The meeting named is not a passed decision of this village's meeting or assembly (ELE-4).")
                )
            }
        }
    }

    /// ELE-4: one place only.
    public static var registeredElsewhere: DomainError {
        DomainError(
            .conflict, code: "election.voter_registered_elsewhere",
            message: LocalizedText(
                zh: "此人已登记在另一选举的选民名单上，只能在一地参加选举（ELE-4）。",
                en: "This person is on another election's roll: one may vote in one place only (ELE-4)."))
    }

    /// A person is on a roll once.
    public static var alreadyRegistered: DomainError {
        DomainError(
            .conflict, code: "election.voter_already_registered",
            message: LocalizedText(zh: "此人已在本次选举的选民名单上。", en: "This person is already on this roll."))
    }

    /// ELE-5: objections are filed within five days of the roll's publication.
    public static func checkObjectionFiled(today: CalendarDay, rollPublishedOn: CalendarDay?) throws(DomainError) {
        guard let rollPublishedOn else {
            throw DomainError(
                .conflict, code: "election.roll_not_published",
                message: LocalizedText(zh: "选民名单尚未公布。", en: "The roll has not been published."))
        }
        guard today <= rollPublishedOn.addingDays(objectionDays) else {
            throw DomainError(
                .unprocessable, code: "election.objection_period_over",
                message: LocalizedText(
                    zh: "对选民名单的异议应在公布之日起五日内提出（ELE-5）。",
                    en: "Objections are filed within five days of the roll's publication (ELE-5)."))
        }
    }

    /// ELE-23: the voter and the proxy are both on the roll and different; a proxy votes for at
    /// most `maximum` others; who entrusts does not also hold entrustments.
    public static func checkProxy(
        voterOnRoll: Bool, proxyOnRoll: Bool, same: Bool, proxyHolds: Int, voterHolds: Int, maximum: Int
    ) throws(DomainError) {
        guard voterOnRoll, proxyOnRoll, !same else {
            throw DomainError(
                .unprocessable, code: "election.proxy_not_on_roll",
                message: LocalizedText(
                    zh: "委托人和受托人须为本次选举的不同选民（ELE-23）。",
                    en: "Voter and proxy are two different voters on this roll (ELE-23)."))
        }
        guard proxyHolds < maximum, voterHolds == 0 else {
            throw DomainError(
                .unprocessable, code: "election.too_many_entrustments",
                message: LocalizedText(
                    zh: "每一选民接受委托不得超过 \(maximum) 人，受托人不得再委托（ELE-23）。",
                    en: "A proxy votes for at most \(maximum) others, and a proxy does not entrust in turn (ELE-23)."))
        }
    }
}
