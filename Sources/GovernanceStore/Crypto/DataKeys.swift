public import Foundation

/// The keys derived from the deployment's master key (`GRASSROOTS_DATA_KEY`, 32 bytes in
/// base64): one to encrypt, one for the keyed hashes of exact lookups. Separate keys, so a
/// leaked lookup index reveals nothing about the ciphertexts.
public struct DataKeys: Sendable {
    /// Encrypts personal data and stored responses.
    public let cipher: DataCipher
    private let lookupKey: Data
    private let fingerprintKey: Data

    /// Derives the keys from the master key.
    public init(masterKey: Data) {
        precondition(masterKey.count == 32, "the master key must be 32 bytes")
        cipher = DataCipher(key: Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/encryption".utf8)))
        lookupKey = Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/lookup".utf8))
        fingerprintKey = Crypto.hmacSHA256(key: masterKey, Data("grassroots/v1/fingerprint".utf8))
    }

    /// Parses a base64 master key; `nil` unless it decodes to exactly 32 bytes.
    public static func masterKey(base64 text: String) -> Data? {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32
        else { return nil }
        return data
    }

    /// The keyed hash of a value, for exact-match lookups (ID numbers).
    public func lookupHash(_ value: String) -> Data {
        Crypto.hmacSHA256(key: lookupKey, Data(value.utf8))
    }

    /// The keyed digest of request content (idempotency fingerprints): a plain hash of a body
    /// holding an ID number could be reversed by guessing from a database dump.
    public func fingerprint(_ content: Data) -> Data {
        Crypto.hmacSHA256(key: fingerprintKey, content)
    }

    /// Encrypts a string.
    public func seal(_ value: String) -> Data { cipher.seal(Data(value.utf8)) }

    /// Decrypts a string sealed by `seal`.
    public func open(_ sealed: Data) -> String? { cipher.open(sealed).flatMap { String(data: $0, encoding: .utf8) } }
}
