import ByteText
import Testing

/// The word-at-a-time kernels moved here from the bounce reader, each compared with a plain Swift
/// version on the lengths around their word and block sizes, with 8-bit and control bytes at every
/// position of interest.
@Suite struct KernelTests {
    /// The lengths around the 8-byte word and the 32-byte block.
    static let lengths = [0, 1, 7, 8, 9, 31, 32, 33, 64, 65]

    /// `length` printable bytes, then variants with `byte` at the first, last, and each word-edge position.
    static func samples(length: Int, marking byte: UInt8) -> [[UInt8]] {
        let plain = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        var samples = [plain]
        for position in [0, 7, 8, 9, 31, 32, length - 1] where position >= 0 && position < length {
            var marked = plain
            marked[position] = byte
            samples.append(marked)
        }
        return samples
    }

    @Test(arguments: lengths)
    func isASCIIMatchesAPlainLoop(length: Int) {
        for high in [UInt8(0x80), 0xC3, 0xFF] {
            for sample in Self.samples(length: length, marking: high) {
                let expected = sample.allSatisfy { $0 < 0x80 }
                #expect(sample.withByteView(ByteCheck.isASCII) == expected, "\(sample)")
            }
        }
    }

    @Test(arguments: lengths)
    func controlByteCountsMatchAPlainLoop(length: Int) {
        // All but LF, CR, TAB, ESC and FF, as the bounce reader asks.
        let mask: UInt32 =
            ~(UInt32(1) << 0x0A | UInt32(1) << 0x0D | UInt32(1) << 0x09 | UInt32(1) << 0x1B | UInt32(1) << 0x0C)
        for special in [UInt8(0), 0x01, 0x09, 0x0A, 0x1B, 0x1F, 0x20, 0x21, 0x80, 0xFF] {
            var samples = Self.samples(length: length, marking: special)
            // Every byte value below 0x21 in a row too (borrows across neighbouring bytes).
            samples.append((0..<length).map { UInt8($0 % 0x21) })
            for sample in samples {
                let control = sample.filter { $0 < 0x20 && (mask >> UInt32($0)) & 1 == 1 }.count
                let nul = sample.filter { $0 == 0 }.count
                let counts = sample.withByteView { ByteCheck.controlByteCounts(in: $0, controlMask: mask) }
                #expect(counts.control == control && counts.nul == nul, "\(sample)")
            }
        }
    }

    @Test(arguments: lengths)
    func byteOffsetMatchesFirstIndex(length: Int) {
        for sample in Self.samples(length: length, marking: UInt8(ascii: "=")) {
            for from in [-1, 0, 1, 8, length - 1, length, length + 1] {
                let expected =
                    from >= 0 && from < length ? sample[from...].firstIndex(of: UInt8(ascii: "=")) : nil
                let found = sample.withByteView { ByteSearch.offset(of: UInt8(ascii: "="), in: $0, from: from) }
                #expect(found == expected, "\(sample) from \(from)")
            }
        }
    }

    @Test func sliceViewsStartAtTheSlice() {
        let bytes = Array("abcdef".utf8)
        bytes[2..<5].withByteView { view in
            #expect(view.string == "cde")
            #expect(view[0] == UInt8(ascii: "c"))
        }
    }

    /// The phrases every position of a text is checked against: two-byte pairs, three-byte heads, prefixes
    /// shorter, equal to and longer than the 8-byte word, phrases sharing a head, 8-bit bytes.
    static let phrases: [[UInt8]] = [
        "ab", "zz", "abc", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnopqrstuvwxyz", "bcd", "bcx",
        "mailbox full", "mailbox", "user unknown", "\u{E9}t\u{E9}", "a", "",
    ].map { Array($0.utf8) }

    /// Which phrases occur in `text`, found by comparing every phrase at every position.
    static func plainScan(_ text: [UInt8]) -> Set<Int> {
        var found = Set<Int>()
        for (index, phrase) in phrases.enumerated() where phrase.count >= 2 && phrase.count <= text.count {
            for start in 0...(text.count - phrase.count) where Array(text[start..<(start + phrase.count)]) == phrase {
                found.insert(index)
            }
        }
        return found
    }

    @Test(arguments: [
        "", "a", "ab", "abc", "abcdefg", "abcdefgh", "abcdefghi", "xxabcdefghijklmnopqrstuvwxyz",
        "abcdefghijklmnopqrstuvwxy", "the mailbox full of user unknown bcd", "zz", "xzz", "\u{E9}t\u{E9} abcdefgh",
        "bcxbcdab", "mailbox fulL", "abcdefgh abcdefghi abcdefg",
    ])
    func phraseScanMatchesAPlainSearch(text: String) {
        let index = PhraseIndex(Self.phrases)
        let bytes = Array(text.utf8)
        var found = Set<Int>()
        index.scan(bytes) { found.insert($0) }
        #expect(found == Self.plainScan(bytes))
    }
}
