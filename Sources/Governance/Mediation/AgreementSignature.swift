public import struct Foundation.UUID

/// Who signs a written agreement (MED-13): each party, the mediator, and the committee's seal.
public enum AgreementSigner: Sendable, Hashable {
    /// A party of the case.
    case party(UUID)
    /// The mediator.
    case mediator
    /// The mediation committee's seal (加盖人民调解委员会印章).
    case committeeSeal
}

/// How a party signed: 签名, 盖章 or 按指印 (MED-13).
public enum SigningMethod: String, Sendable, Hashable, CaseIterable {
    case signature, seal, fingerprint
}

/// One signature of the current agreement, or the mediator's, or the seal.
public struct AgreementSignature: Sendable, Hashable {
    /// Who.
    public let signer: AgreementSigner
    /// How (parties only; the mediator signs, the committee seals).
    public let method: SigningMethod
    /// The day: an act done offline, stated by the client.
    public let on: CalendarDay

    /// Creates the value.
    public init(signer: AgreementSigner, method: SigningMethod, on day: CalendarDay) {
        self.signer = signer
        self.method = method
        self.on = day
    }
}
