import Foundation
import IdentifierText
import Testing

/// The hand-written id text agrees with Foundation's on every id, and refuses malformed text.
@Suite struct IdentifierTextTests {
    @Test func formattingAndParsingAgreeWithFoundation() {
        for _ in 0..<2000 {
            let id = UUID()
            #expect(id.lowercasedText == id.uuidString.lowercased())
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.lowercasedText) == id)
            #expect(UUID(text: "[\(id.lowercasedText)]".dropFirst().dropLast()) == id)
        }
        let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        #expect(zero.lowercasedText == "00000000-0000-0000-0000-000000000000")
        #expect(
            UUID(text: "FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF")?.lowercasedText == "ffffffff-ffff-ffff-ffff-ffffffffffff"
        )
    }

    @Test(arguments: [
        "", "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4", "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4e0",
        "0192f0c17b1a7cc39a393f0e5f1c2d4e", "0192f0c1-7b1a-7cc3-9a39_3f0e5f1c2d4e",
        "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4g",
        "{0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4}", " 0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4",
        "0192f0c1-7b1a-7cc3-9a3-93f0e5f1c2d4e",
        "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d中",
    ])
    func malformedTextIsRefused(text: String) {
        // Stricter than Foundation's sscanf, which takes " 0192f0c1-…-3f0e5f1c2d4" (a leading
        // space, eleven digits in the last group).
        #expect(UUID(text: text) == nil)
    }
}
