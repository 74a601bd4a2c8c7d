import Foundation

/// One row's cells while its item is encoded: each cell's bytes in one buffer, in the order the
/// members come, and written out in the columns' order.
///
/// The buffer is also where an array or object cell's JSON is written while its value is
/// encoded (`CSVRowCells+JSON`): straight into bytes, with the cell's quotes already doubled,
/// instead of a tree of the value written out afterwards.
///
/// Its state is `@exclusivity(unchecked)`: a row is written by one task, synchronously, and the
/// runtime's check of each access to a class's property cost an eighth of an export's time.
final class CSVRowCells {
    let encoder: CSVRowEncoder
    /// The cells' bytes, and the JSON of the value being written.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var cells: [Range<Int>?]
    /// The values being written, innermost last.
    @exclusivity(unchecked) var frames: [CSVJSONFrame] = []
    /// The members of the objects being written, in the order they came.
    @exclusivity(unchecked) var members: [CSVJSONMember] = []
    /// Where an object whose members came out of key order is put in order.
    @exclusivity(unchecked) var scratch: [UInt8] = []
    /// The members of that object, in key order.
    @exclusivity(unchecked) var order: [Int] = []
    /// Whether the composite cell being written is what `CSVTranscoder.canonicalJSON` accepts
    /// as it stands (otherwise it goes the transcoder's way for such cells).
    @exclusivity(unchecked) var canonical = true
    /// Set when the item asked for something this encoder does not write: the page goes the
    /// JSON way.
    @exclusivity(unchecked) var needsJSON = false

    init(_ encoder: CSVRowEncoder) {
        self.encoder = encoder
        cells = Array(repeating: nil, count: encoder.columnCount)
        bytes.reserveCapacity(4096)
    }

    func reset() {
        bytes.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        for index in cells.indices { cells[index] = nil }
    }

    /// Sets a column's cell to what `write` appends (the last value of a member wins, as in the
    /// transcoder).
    private func setCell(_ column: Int, _ write: () throws -> Void) rethrows {
        let start = bytes.count
        try write()
        cells[column] = start..<bytes.count
    }

    func setNull(_ destination: CSVRowEncoder.Destination) {
        if let column = destination.column { cells[column] = nil }
    }

    func setText(_ text: String, _ destination: CSVRowEncoder.Destination) {
        guard let column = destination.column else { return }
        setCell(column) { appendTextCell(text) }
    }

    func setLiteral(_ text: String, _ destination: CSVRowEncoder.Destination) {
        guard let column = destination.column else { return }
        setCell(column) { bytes.append(contentsOf: text.utf8) }
    }

    /// A member's value: its cell, and for an object with `parent.child` columns, its members'
    /// cells (the value is encoded once for each).
    func setValue<T: Encodable>(_ value: T, _ destination: CSVRowEncoder.Destination) throws {
        if let column = destination.column { try setCell(column) { try write(value, asCell: true) } }
        if let children = destination.children {
            try value.encode(to: CSVRowItemEncoder(row: self, destinations: children))
        }
    }

    /// The row, CRLF-terminated.
    func write(into out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let cell { out.append(contentsOf: bytes[cell]) }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }
}
