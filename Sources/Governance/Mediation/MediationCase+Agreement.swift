public import struct Foundation.Date
public import struct Foundation.UUID

// The decisions about a case's agreement (MED-12..16) and its police report (MED-10). Dates the
// client states are of acts done offline: never after today, never before the step they follow.

extension MediationCase {
    /// Records an agreement reached in mediation. A written one waits for its signatures and
    /// the seal (the case stays in mediation, its clock running); an oral one takes effect on
    /// the day it was reached and concludes the case (MED-13). A new agreement replaces one
    /// still pending, with its signatures.
    public func decideAgreement(_ agreement: MediationAgreement, today: CalendarDay) throws(DomainError)
        -> MediationChange
    {
        try status.checkTransition(to: .agreement)
        var validator = FieldValidator()
        validator.statedDay("agreedOn", agreement.agreedOn, today: today, notBefore: acceptedOn)
        try validator.check()
        var change = MediationChange()
        change.agreement = agreement
        if agreement.form == .oral {
            change.status = .agreement
            change.agreementEffectiveOn = agreement.agreedOn
            change.concludedOn = agreement.agreedOn
        }
        return change
    }

    /// Records one signature of the pending written agreement; the last of the parties', the
    /// mediator's and the seal makes it effective on the latest of their days (MED-13).
    public func decideSignature(_ signature: AgreementSignature, today: CalendarDay) throws(DomainError)
        -> MediationChange
    {
        guard status == .inMediation, let agreement, agreement.status == .pendingSignatures else {
            throw DomainError(
                .conflict, code: "mediation.no_pending_agreement",
                message: LocalizedText(
                    zh: "本案没有待签署的书面调解协议。", en: "The case has no written agreement waiting for signatures."))
        }
        var validator = FieldValidator()
        validator.statedDay("signedOn", signature.on, today: today, notBefore: agreement.content.agreedOn)
        try validator.check()
        var signatures = agreement.partySignatures
        var mediatorSignedOn = agreement.mediatorSignedOn
        var sealedOn = agreement.sealedOn
        let alreadySigned: Bool
        switch signature.signer {
        case .party(let partyId):
            guard parties.contains(where: { $0.id == partyId }) else { throw DomainError.notFound("mediation_party") }
            alreadySigned = signatures[partyId] != nil
            signatures[partyId] = signature
        case .mediator:
            alreadySigned = mediatorSignedOn != nil
            mediatorSignedOn = signature.on
        case .committeeSeal:
            alreadySigned = sealedOn != nil
            sealedOn = signature.on
        }
        guard !alreadySigned else {
            throw DomainError(
                .conflict, code: "mediation.already_signed",
                message: LocalizedText(zh: "该签署已记录。", en: "This signature is already recorded."))
        }
        var change = MediationChange()
        change.signature = signature
        let signed = RecordedAgreement(
            content: agreement.content, partySignatures: signatures, mediatorSignedOn: mediatorSignedOn,
            sealedOn: sealedOn, effectiveOn: nil)
        if let effective = signed.effectiveDay(parties: parties.map(\.id)) {
            change.status = .agreement
            change.agreementEffectiveOn = effective
            change.concludedOn = effective
        }
        return change
    }

    /// MED-15: the parties apply **jointly** to a court within 30 days of the day the agreement
    /// took effect; confirmation is optional, and one application per agreement.
    public func decideJudicialApplication(
        appliedOn: CalendarDay, applicants: Set<UUID>, court: String, today: CalendarDay
    ) throws(DomainError) -> MediationChange {
        guard let agreement, let effectiveOn = agreement.effectiveOn else {
            throw DomainError(
                .conflict, code: "mediation.agreement_not_effective",
                message: LocalizedText(
                    zh: "调解协议尚未生效，不能申请司法确认（MED-15）。",
                    en: "The agreement has not taken effect; judicial confirmation cannot be applied for (MED-15)."))
        }
        guard judicialConfirmation == nil else {
            throw DomainError(
                .conflict, code: "mediation.judicial_already_applied",
                message: LocalizedText(zh: "已记录司法确认申请。", en: "An application is already recorded."))
        }
        var validator = FieldValidator()
        validator.length("court", court, max: 200)
        validator.notBlank("court", court)
        validator.statedDay("appliedOn", appliedOn, today: today, notBefore: effectiveOn)
        try validator.check()
        guard applicants == Set(parties.map(\.id)) else {
            throw DomainError(
                .unprocessable, code: "mediation.joint_application_required",
                message: LocalizedText(
                    zh: "司法确认须由双方当事人共同申请（MED-15）。",
                    en: "Judicial confirmation is applied for jointly by every party (MED-15)."))
        }
        let lastDay = MediationClock.judicialConfirmationDeadline(effectiveOn: effectiveOn)
        guard appliedOn <= lastDay else {
            throw DomainError(
                .unprocessable, code: "mediation.judicial_window_closed",
                message: LocalizedText(
                    zh: "须自调解协议生效之日起三十日内申请司法确认（截止 \(lastDay)，MED-15）。",
                    en:
                        "Judicial confirmation is applied for within 30 days of the agreement taking effect (last day \(lastDay), MED-15)."
                ))
        }
        var change = MediationChange()
        change.judicialApplication = .init(appliedOn: appliedOn, court: court)
        return change
    }

    /// MED-16: the court's answer whether it accepts the application, once.
    public func decideJudicialAnswer(accepted: Bool, answeredOn: CalendarDay, today: CalendarDay) throws(DomainError)
        -> MediationChange
    {
        guard let judicialConfirmation else {
            throw DomainError(
                .conflict, code: "mediation.no_judicial_application",
                message: LocalizedText(zh: "尚未记录司法确认申请。", en: "No application for judicial confirmation is recorded."))
        }
        guard judicialConfirmation.answer == nil else {
            throw DomainError(
                .conflict, code: "mediation.judicial_already_answered",
                message: LocalizedText(zh: "法院的答复已记录。", en: "The court's answer is already recorded."))
        }
        var validator = FieldValidator()
        validator.statedDay(
            "answeredOn", answeredOn, today: today, notBefore: judicialConfirmation.application.appliedOn)
        try validator.check()
        var change = MediationChange()
        change.judicialAnswer = .init(accepted: accepted, answeredOn: answeredOn)
        return change
    }

    /// MED-10: the report to the police of a dispute that may become a public-security or
    /// criminal case, once, not in the future.
    public func decidePoliceReport(_ report: PoliceReport, now: Date) throws(DomainError) -> MediationChange {
        guard policeReport == nil else {
            throw DomainError(
                .conflict, code: "mediation.police_already_reported",
                message: LocalizedText(zh: "已记录向公安机关报告。", en: "The report to the police is already recorded."))
        }
        var validator = FieldValidator()
        validator.length("reportedTo", report.reportedTo, max: 200)
        validator.notBlank("reportedTo", report.reportedTo)
        if report.reportedAt > now.addingTimeInterval(60) {
            validator.fail("reportedAt", "in_future", zh: "报告时间不能晚于现在。", en: "Cannot be in the future.")
        }
        try validator.check()
        var change = MediationChange()
        change.policeReport = report
        return change
    }
}
