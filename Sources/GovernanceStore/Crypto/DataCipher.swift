import CLibCrypto

public import struct Foundation.Data

/// AES-256-GCM for personal data and stored responses at rest (等保 L3-CES1-27/28).
///
/// Output layout: 12-byte random nonce ‖ ciphertext ‖ 16-byte tag. Each value gets its own
/// nonce, so equal plaintexts give different ciphertexts; exact lookups use the keyed hash.
/// The associated data is authenticated but not stored: opening with other associated data
/// (another row's) fails, which is what binds a ciphertext to its place (`DataKeys`).
public struct DataCipher: Sendable {
    private let key: Data

    /// A cipher under a 32-byte key.
    public init(key: Data) {
        precondition(key.count == 32, "AES-256 needs a 32-byte key")
        self.key = key
    }

    /// Encrypts `plaintext`, authenticating `associatedData` with it.
    public func seal(_ plaintext: Data, associatedData: Data = Data()) -> Data {
        let nonce = Crypto.randomBytes(12)
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("OpenSSL: cannot allocate a cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: plaintext.count + 16)
        var written: Int32 = 0
        var tag = [UInt8](repeating: 0, count: 16)
        let ok = key.withUnsafeBytes { keyBytes in
            nonce.withUnsafeBytes { nonceBytes in
                plaintext.withUnsafeBytes { input -> Bool in
                    guard
                        EVP_EncryptInit_ex(
                            context, EVP_aes_256_gcm(), nil, keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                            nonceBytes.baseAddress?.assumingMemoryBound(to: UInt8.self)) == 1
                    else { return false }
                    guard Self.authenticate(associatedData, encrypting: true, in: context) else { return false }
                    if input.count > 0 {
                        guard
                            EVP_EncryptUpdate(
                                context, &output, &written, input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                Int32(input.count)) == 1
                        else { return false }
                    }
                    var finalLength: Int32 = 0
                    let finished = output.withUnsafeMutableBufferPointer { buffer in
                        EVP_EncryptFinal_ex(context, buffer.baseAddress! + Int(written), &finalLength) == 1
                    }
                    written += finalLength
                    return finished && EVP_CIPHER_CTX_ctrl(context, CLibCryptoGCMGetTag, 16, &tag) == 1
                }
            }
        }
        guard ok else { fatalError("OpenSSL AES-256-GCM encryption failed") }
        return nonce + Data(output.prefix(Int(written))) + Data(tag)
    }

    /// Decrypts what `seal` produced; `nil` when the data was altered, the key is wrong or the
    /// associated data differs from what it was sealed with.
    public func open(_ sealed: Data, associatedData: Data = Data()) -> Data? {
        guard sealed.count >= 28 else { return nil }
        let nonce = Data(sealed.prefix(12))
        let ciphertext = Data(sealed.dropFirst(12).dropLast(16))
        var tag = [UInt8](sealed.suffix(16))
        guard let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var written: Int32 = 0
        let ok = key.withUnsafeBytes { keyBytes in
            nonce.withUnsafeBytes { nonceBytes in
                ciphertext.withUnsafeBytes { input -> Bool in
                    guard
                        EVP_DecryptInit_ex(
                            context, EVP_aes_256_gcm(), nil, keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                            nonceBytes.baseAddress?.assumingMemoryBound(to: UInt8.self)) == 1
                    else { return false }
                    guard Self.authenticate(associatedData, encrypting: false, in: context) else { return false }
                    if input.count > 0 {
                        guard
                            EVP_DecryptUpdate(
                                context, &output, &written, input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                Int32(input.count)) == 1
                        else { return false }
                    }
                    guard EVP_CIPHER_CTX_ctrl(context, CLibCryptoGCMSetTag, 16, &tag) == 1 else { return false }
                    var finalLength: Int32 = 0
                    let verified = output.withUnsafeMutableBufferPointer { buffer in
                        EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(written), &finalLength) == 1
                    }
                    written += finalLength
                    return verified
                }
            }
        }
        return ok ? Data(output.prefix(Int(written))) : nil
    }

    /// Feeds associated data to the cipher: an update with no output buffer.
    private static func authenticate(_ associatedData: Data, encrypting: Bool, in context: OpaquePointer) -> Bool {
        guard !associatedData.isEmpty else { return true }
        var ignored: Int32 = 0
        return associatedData.withUnsafeBytes { bytes in
            let pointer = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return encrypting
                ? EVP_EncryptUpdate(context, nil, &ignored, pointer, Int32(bytes.count)) == 1
                : EVP_DecryptUpdate(context, nil, &ignored, pointer, Int32(bytes.count)) == 1
        }
    }
}
