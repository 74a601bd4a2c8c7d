public import Foundation

/// The keys derived from the deployment's master key (`GRASSROOTS_DATA_KEY`, 32 bytes in
/// base64) and from the master keys it replaced (`GRASSROOTS_PREVIOUS_DATA_KEYS`), which stay
/// readable while `grassroots keys rotate` re-encrypts under the current one.
///
/// Each master key yields one key to encrypt, one for the keyed hashes of exact lookups and
/// one for request fingerprints: separate keys, so a leaked lookup index reveals nothing
/// about the ciphertexts.
///
/// A ciphertext is `0x02 ‖ key id (4 bytes) ‖ AES-GCM output`, and the AES-GCM associated
/// data is that header with the field's place (`SealedField`): a value copied into another
/// row or column fails to open instead of showing up as that row's data. Values written
/// before the header existed (bare AES-GCM output, no associated data) still open, and
/// `keys rotate` (run by `migrate`) rewrites them.
public struct DataKeys: Sendable {
    /// The keys derived from one master key.
    struct Generation: Sendable {
        let id: Data
        let cipher: DataCipher
        let lookupKey: Data
        let fingerprintKey: Data

        init(masterKey: Data) {
            id = Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/key-id".utf8)).prefix(4)
            cipher = DataCipher(key: Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/encryption".utf8)))
            lookupKey = Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/lookup".utf8))
            fingerprintKey = Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/fingerprint".utf8))
        }

        var header: Data { Data([DataKeys.formatVersion]) + id }
    }

    static let formatVersion: UInt8 = 2
    static let headerLength = 5

    private let current: Generation
    private let previous: [Generation]

    /// Derives the keys from the master key and, for reading only, from earlier master keys.
    public init(masterKey: Data, previousMasterKeys: [Data] = []) {
        precondition(masterKey.count == 32, "the master key must be 32 bytes")
        precondition(previousMasterKeys.allSatisfy { $0.count == 32 }, "every master key must be 32 bytes")
        let current = Generation(masterKey: masterKey)
        self.current = current
        previous = previousMasterKeys.map(Generation.init(masterKey:)).filter { $0.id != current.id }
    }

    /// Parses a base64 master key; `nil` unless it decodes to exactly 32 bytes.
    public static func masterKey(base64 text: String) -> Data? {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32
        else { return nil }
        return data
    }

    /// The current key's id in hex, as it appears in every ciphertext written now.
    public var currentKeyId: String { current.id.map { String(format: "%02x", $0) }.joined() }

    /// The first bytes of every ciphertext sealed under the current key: a stored value that
    /// does not start with them is due for rotation.
    public var currentHeader: Data { current.header }

    private var generations: [Generation] { [current] + previous }

    /// Encrypts `value` for `field` under the current key.
    public func seal(_ value: String, in field: SealedField) -> Data { sealData(Data(value.utf8), in: field) }

    /// Encrypts bytes for `field` under the current key.
    public func sealData(_ plaintext: Data, in field: SealedField) -> Data {
        let header = current.header
        return header + current.cipher.seal(plaintext, associatedData: header + field.associatedData)
    }

    /// Decrypts a string sealed for `field`; `nil` when it was sealed for another place, was
    /// altered, or no configured key opens it.
    public func open(_ sealed: Data, in field: SealedField) -> String? {
        openData(sealed, in: field).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Decrypts bytes sealed for `field`; `nil` as for `open`.
    public func openData(_ sealed: Data, in field: SealedField) -> Data? {
        if sealed.count > Self.headerLength, sealed[sealed.startIndex] == Self.formatVersion {
            let header = sealed.prefix(Self.headerLength)
            if let generation = generations.first(where: { $0.header == header }),
                let plaintext = generation.cipher.open(
                    sealed.dropFirst(Self.headerLength), associatedData: header + field.associatedData)
            {
                return plaintext
            }
        }
        // Written before ciphertexts carried a header: bare AES-GCM output without associated
        // data. A headed value never opens this way (its tag covers other bytes).
        for generation in generations {
            if let plaintext = generation.cipher.open(sealed) { return plaintext }
        }
        return nil
    }

    /// The keyed hash of a value under the current key, to store for exact-match lookups.
    public func lookupHash(_ value: String) -> Data {
        Crypto.hmacSHA256(key: current.lookupKey, Data(value.utf8))
    }

    /// The keyed hashes of a value under every configured key, current first: what a lookup
    /// matches while rotation has rewritten some rows and not others.
    public func lookupHashes(_ value: String) -> [Data] {
        generations.map { Crypto.hmacSHA256(key: $0.lookupKey, Data(value.utf8)) }
    }

    /// The keyed digest of request content (idempotency fingerprints) under the current key:
    /// a plain hash of a body holding an ID number could be reversed by guessing from a dump.
    public func fingerprint(_ content: Data) -> Data {
        Crypto.hmacSHA256(key: current.fingerprintKey, content)
    }

    /// Whether `stored` is the fingerprint of `content` under any configured key.
    public func fingerprintMatches(_ stored: Data, content: Data) -> Bool {
        generations.contains { Crypto.constantTimeEqual(Crypto.hmacSHA256(key: $0.fingerprintKey, content), stored) }
    }
}
