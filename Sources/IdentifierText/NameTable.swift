/// Values found by a short name (a column, a member) without `Hasher`: a list's row looks up
/// some fifty names on the way from PostgreSQL to a CSV row and again on the way out, and
/// SipHash's setup and finish on each short name cost more than the rest of the lookup. Names are
/// hashed with FNV-1a into an open-addressed table, made once and read many times.
public struct NameTable<Value: Sendable>: Sendable {
    /// Per slot, the position of an entry, or -1 for none.
    private let slots: [Int32]
    private let names: [String]
    private let values: [Value]
    private let mask: Int

    /// The table of `entries`; of a name given twice, the first entry is kept.
    public init(_ entries: [(name: String, value: Value)]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        for (position, entry) in entries.enumerated() {
            var slot = Self.hash(entry.name) & (capacity - 1)
            while slots[slot] >= 0, entries[Int(slots[slot])].name != entry.name { slot = (slot + 1) & (capacity - 1) }
            if slots[slot] < 0 { slots[slot] = Int32(position) }
        }
        self.slots = slots
        names = entries.map(\.name)
        values = entries.map(\.value)
        mask = capacity - 1
    }

    /// The value of `name`.
    public subscript(name: String) -> Value? {
        var slot = Self.hash(name) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if names[Int(position)] == name { return values[Int(position)] }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { bytes in
            // The length and the first and last eight bytes tell names apart well enough (names
            // that share them share a chain), and a long name costs no more than a short one.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
            for index in 0..<Swift.min(bytes.count, 8) { hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3 }
            for index in Swift.max(8, bytes.count - 8)..<Swift.max(8, bytes.count) {
                hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash ^ (hash >> 29))
        }
    }
}

extension NameTable where Value == Int {
    /// The position of each name in `names` (of a name given twice, the first).
    public init(positionsOf names: [String]) {
        self.init(names.enumerated().map { ($0.element, $0.offset) })
    }
}
