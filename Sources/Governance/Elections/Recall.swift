/// Recall (罢免) of a committee member: the petition (ELE-18) and the vote (ELE-19).
public struct RecallVote: Sendable, Hashable {
    /// Voters who signed the petition.
    public var signatures: Int
    /// Representatives who signed (the alternative basis for villages).
    public var representativeSignatures: Int
    /// Representatives in the village's assembly.
    public var representatives: Int
    /// Registered voters.
    public var registeredVoters: Int
    /// Ballots cast in the recall vote.
    public var cast: Int
    /// Ballots in favour of the recall.
    public var inFavour: Int
    /// ELE-18's petition shares as denominators: one in `voterShare` voters, or one in
    /// `representativeShare` representatives. Villages' are the law's 5 and 3; residents'
    /// committees take them from the rule profile (ELE-20: the 2018 law names none).
    public var voterShare = 5
    /// See `voterShare`.
    public var representativeShare = 3

    /// Creates the facts of a recall.
    public init(
        signatures: Int, representativeSignatures: Int, representatives: Int, registeredVoters: Int, cast: Int,
        inFavour: Int
    ) {
        self.signatures = signatures
        self.representativeSignatures = representativeSignatures
        self.representatives = representatives
        self.registeredVoters = registeredVoters
        self.cast = cast
        self.inFavour = inFavour
    }

    /// ELE-18: at least one fifth of voters, or one third of representatives, signed.
    public var petitionValid: Bool {
        (registeredVoters > 0 && voterShare * signatures >= registeredVoters)
            || (representatives > 0 && representativeShare * representativeSignatures >= representatives)
    }

    /// ELE-19: more than half of registered voters voted, and more than half of those in favour.
    public var passed: Bool { petitionValid && 2 * cast > registeredVoters && 2 * inFavour > cast }

    /// Checks the counts fit together; an insufficient petition is a 422 with its rule.
    public func validate() throws(DomainError) {
        var validator = FieldValidator()
        for (field, value) in [
            ("signatures", signatures), ("representativeSignatures", representativeSignatures),
            ("representatives", representatives),
            ("registeredVoters", registeredVoters), ("cast", cast), ("inFavour", inFavour),
        ] {
            validator.range(field, value, 0...10_000_000)
        }
        if cast > registeredVoters {
            validator.fail(
                "cast", "exceeds_registered", zh: "投票数不能多于登记选民数。", en: "More ballots than registered voters.")
        }
        if inFavour > cast {
            validator.fail("inFavour", "exceeds_cast", zh: "赞成票不能多于投票数。", en: "More votes in favour than ballots cast.")
        }
        if signatures > registeredVoters {
            validator.fail(
                "signatures", "exceeds_registered", zh: "联名人数不能多于登记选民数。", en: "More signatures than registered voters.")
        }
        try validator.check()
        guard petitionValid else {
            throw DomainError(
                .unprocessable, code: "recall.petition_insufficient",
                message: LocalizedText(
                    zh: "罢免要求须有 1/\(voterShare) 以上选民或 1/\(representativeShare) 以上代表联名（ELE-18、ELE-20）。",
                    en:
                        "A recall needs 1/\(voterShare) of voters or 1/\(representativeShare) of representatives (ELE-18, ELE-20)."
                ))
        }
    }
}
