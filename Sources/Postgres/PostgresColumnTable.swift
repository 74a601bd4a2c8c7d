/// The position of each column of a result by its name, found without `Hasher`: a list's row
/// looks up some fifty names, and SipHash's setup and finish on each short name cost more than
/// the rest of the lookup. Names are hashed with FNV-1a into an open-addressed table.
struct PostgresColumnTable: Sendable {
    /// Per slot, a column's position, or -1 for none.
    private let slots: [Int32]
    private let names: [String]
    private let mask: Int

    /// The table of `names`; of a name given twice, the first position is kept.
    init(_ names: [String]) {
        var capacity = 8
        while capacity < names.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        for (position, name) in names.enumerated() {
            var slot = Self.hash(name) & (capacity - 1)
            while slots[slot] >= 0, names[Int(slots[slot])] != name { slot = (slot + 1) & (capacity - 1) }
            if slots[slot] < 0 { slots[slot] = Int32(position) }
        }
        self.slots = slots
        self.names = names
        mask = capacity - 1
    }

    /// The position of the column `name`.
    func position(of name: String) -> Int? {
        var slot = Self.hash(name) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if names[Int(position)] == name { return Int(position) }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 29))
        }
    }
}
