/// Lower-case hexadecimal written straight into a string's buffer: ids, `bytea` literals and
/// ETag digests are on hot paths, where appending Characters cost a few percent.
public enum LowercaseHex {
    /// Writes `byte` as two digits at `index`; returns the index after them.
    @inlinable
    public static func write(_ byte: UInt8, into output: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        let digits: StaticString = "0123456789abcdef"
        output[index] = digits.utf8Start[Int(byte >> 4)]
        output[index + 1] = digits.utf8Start[Int(byte & 0x0f)]
        return index + 2
    }

    /// `prefix` (ASCII) followed by `bytes` in hexadecimal.
    @inlinable
    public static func string(_ bytes: some Collection<UInt8>, prefix: StaticString = "") -> String {
        String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + bytes.count * 2) { output in
            var index = 0
            for offset in 0..<prefix.utf8CodeUnitCount {
                output[index] = prefix.utf8Start[offset]
                index += 1
            }
            for byte in bytes { index = write(byte, into: output, at: index) }
            return index
        }
    }
}
