import ByteText
import Foundation
import Testing

/// The binary and I/O primitives: views, the little-endian reader (which must fail cleanly on short
/// or inconsistent input), base64, pinned tables, the float loops, the UTF-8/NUL check and the
/// file-descriptor calls.
@Suite struct BinaryPrimitiveTests {
    @Test func viewsSliceAndCompare() {
        let bytes: [UInt8] = Array("id: hello\n".utf8)
        bytes.withByteView { view in
            #expect(view.count == 10)
            #expect(view[0] == UInt8(ascii: "i"))
            #expect(view[4..<9].string == "hello")
            #expect(view[4..<9][1] == UInt8(ascii: "e"))
            #expect(view.prefix(3).string == "id:")
            #expect(view.prefix(99).count == 10)
            #expect(view.dropFirst(10).isEmpty)
            #expect(view.hasPrefix("id:"))
            #expect(!view.hasPrefix("title:"))
            #expect(!view.prefix(2).hasPrefix("id:"))
            #expect(view.firstIndex(of: UInt8(ascii: "\n")) == 9)
            #expect(view[0..<2].firstIndex(of: UInt8(ascii: "\n")) == nil)
            #expect(view.elementsEqual(bytes))
            #expect(view.array == bytes)
            #expect(Array(view) == bytes)
            var copy: [UInt8] = [1]
            copy.append(bytesOf: view[0..<2])
            #expect(copy == [1, UInt8(ascii: "i"), UInt8(ascii: "d")])
        }
        #expect(ByteView().isEmpty)
        var text = "héllo"
        #expect(text.withByteView { $0.count } == 6)
        let literal: StaticString = "abc"
        #expect(literal.withByteView { $0.string } == "abc")
    }

    @Test func littleEndianRoundTrip() {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(UInt32(0x0102_0304))
        bytes.appendLittleEndian(UInt64(0x1122_3344_5566_7788))
        bytes.appendValues([Int32(-1), Int32(7)])
        bytes.appendValues([Float(1.5)])
        #expect(Array(bytes.prefix(4)) == [4, 3, 2, 1])
        bytes.withByteView { view in
            var reader = ByteReader(view)
            #expect(reader.littleEndian(UInt32.self) == 0x0102_0304)
            #expect(reader.littleEndian(UInt64.self) == 0x1122_3344_5566_7788)
            #expect(reader.values(Int32.self, count: 2) == [-1, 7])
            #expect(reader.values(Float.self, count: 1) == [1.5])
            #expect(reader.isAtEnd)
            #expect(reader.byte() == nil)
            #expect(view.loadLittleEndian(at: 0, as: UInt32.self) == 0x0102_0304)
        }
    }

    /// Every short read gives nil and leaves the position alone; nothing traps, whatever the cut.
    @Test func truncatedInputFailsCleanly() {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(UInt64(42))
        for cut in 0..<bytes.count {
            Array(bytes.prefix(cut)).withByteView { view in
                var reader = ByteReader(view)
                #expect(reader.littleEndian(UInt64.self) == nil)
                #expect(reader.offset == 0)
                #expect(reader.values(UInt32.self, count: 2) == nil)
                #expect(reader.take(cut + 1) == nil)
                #expect(reader.take(-1) == nil)
                #expect(reader.offset == 0)
                #expect(reader.take(cut)?.count == cut)
                #expect(reader.isAtEnd)
            }
        }
        // A count whose byte size overflows is refused, not multiplied into a trap.
        bytes.withByteView { view in
            var reader = ByteReader(view)
            #expect(reader.values(UInt64.self, count: Int.max / 2) == nil)
            #expect(reader.remaining == 8)
        }
    }

    @Test func base64MatchesFoundationAndRefusesBadText() throws {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            var copy = text
            #expect(try copy.withByteView { (view) throws(Base64.Refusal) in try Base64.decode(view) } == bytes)
        }
        for (bad, expected) in [
            ("QUJ", Base64.Refusal.length(3)), ("QUJD*A==", .character), ("QU=D", .character), ("=AAA", .character),
            ("QQ==QUJD", .character), ("QUJDQU\nD", .character),
        ] {
            var text = bad
            let result = text.withByteView { view in Result { () throws(Base64.Refusal) in try Base64.decode(view) } }
            #expect(throws: expected) { try result.get() }
        }
    }

    @Test func largeBase64IsDecodedInTwoHalvesAndRefusedWhereverItIsBad() throws {
        // Above `groupsPerPart` groups the two halves are decoded at once; both must land in place.
        let bytes = (0..<(Base64.groupsPerPart * 3 + 1000)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        var text = Base64.encode(bytes)
        #expect(try text.withByteView { (view) throws(Base64.Refusal) in try Base64.decode(view) } == bytes)
        for position in [10, text.utf8.count / 2 + 10, text.utf8.count - 10] {
            var broken = Array(text.utf8)
            broken[position] = UInt8(ascii: "*")
            var brokenText = String(decoding: broken, as: UTF8.self)
            let result = brokenText.withByteView { view in
                Result { () throws(Base64.Refusal) in try Base64.decode(view) }
            }
            #expect(throws: Base64.Refusal.character) { try result.get() }
        }
    }

    @Test func pinnedBytesReadWithinBounds() {
        var table: [UInt8] = []
        table.appendLittleEndian(UInt32(0xDEAD_BEEF))
        table += [2, 0xFE, 4]  // an int8 row: 2, -2, 4
        let pinned = PinnedBytes(copying: table)
        #expect(pinned.count == 7)
        #expect(pinned.uint32(at: 0) == 0xDEAD_BEEF)
        #expect(pinned.view(at: 4, count: 3).array == [2, 0xFE, 4])
        #expect(pinned.view.count == 7)
        var sum: [Float] = [1, 1, 1]
        pinned.addScaledInt8Row(at: 4, scale: 0.5, into: &sum)
        #expect(sum == [2, 0, 3])
        #expect(PinnedBytes(linkedAt: nil, count: 10).count == 0)
    }

    @Test func floatKernels() {
        var scores: [Float] = [1, 2, 3, 4]
        FloatKernels.addScaled([1, 0, 1, 0], weight: 2, into: &scores)
        #expect(scores == [3, 2, 5, 4])
        FloatKernels.scatterAdd([1, 2], at: [3, 0], weight: 1, into: &scores)
        #expect(scores == [5, 2, 5, 5])
        FloatKernels.multiply(&scores, by: [2, 0.5])
        #expect(scores == [10, 1, 5, 5])
        let dots = FloatKernels.dotProducts([1, 2], rows: 3, of: [1, 0, 0, 1, 3, 4])
        #expect(dots == [1, 2, 11])
        #expect(FloatKernels.dotProducts([1, 2], rows: 0, of: []) == [])
    }

    @Test func byteCheckFindsNulAndInvalidUTF8() {
        func check(_ bytes: [UInt8]) -> ByteCheck.Problem? { bytes.withByteView { ByteCheck.firstProblem(in: $0) } }
        #expect(check(Array("plain ascii text, long enough for words".utf8)) == nil)
        #expect(check(Array("héllo wörld ✓ 😀".utf8)) == nil)
        #expect(check(Array("0123456789\u{0}".utf8)) == .nul(10))
        #expect(check([0x41, 0xC3]) == .invalidUTF8(1))
        #expect(check([0x41, 0x42, 0xC0, 0x80]) == .invalidUTF8(2))
        #expect(check([0xED, 0xA0, 0x80]) == .invalidUTF8(0))  // a surrogate
        #expect(check([0xF4, 0x90, 0x80, 0x80]) == .invalidUTF8(0))  // above U+10FFFF
        #expect(check([]) == nil)
    }

    @Test func fileDescriptorCallsStayInTheirArrays() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let message = Array("hello, pipe".utf8)
        #expect(FileDescriptorIO.write(fds[1], message, from: 7) == 4)
        #expect(FileDescriptorIO.write(fds[1], message, from: message.count) == 0)
        #expect(FileDescriptorIO.write(fds[1], message, from: 99) == 0)
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 2)
        #expect(FileDescriptorIO.read(fds[0], into: &buffer, count: 100) == 2)  // clamped to the array
        #expect(buffer == Array("pi".utf8))
        #expect(FileDescriptorIO.read(fds[0], upTo: 10) == Array("pe".utf8))
        #expect(FileDescriptorIO.read(fds[0], into: &buffer, count: 2) == 0)
        #expect(FileDescriptorIO.read(-1, upTo: 4) == nil)
    }

    @Test func directoryEntryNamesStopAtTheNul() {
        let name: (CChar, CChar, CChar, CChar) = (0x61, 0x62, 0, 0x63)
        #expect(FileDescriptorIO.entryName(name) == "ab")
        let full: (CChar, CChar) = (0x61, 0x62)
        #expect(FileDescriptorIO.entryName(full) == "ab")
    }
}
