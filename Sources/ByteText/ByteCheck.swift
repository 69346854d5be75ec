/// Fast whole-buffer tests, a machine word at a time: the first NUL byte or invalid UTF-8 sequence (the
/// `serve` protocol refuses both before parsing JSON), whether bytes are 7-bit, and how many control
/// bytes a sample holds (the bounce reader's text-or-binary test).
@usableFromInline package enum ByteCheck {
    /// The first problem found in a line.
    @usableFromInline package enum Problem: Equatable, Sendable {
        /// A NUL byte at this offset.
        case nul(Int)
        /// An invalid UTF-8 sequence starting at this offset.
        case invalidUTF8(Int)
    }

    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080
    @usableFromInline static let lowBits: UInt64 = 0x0101_0101_0101_0101

    /// The first NUL byte or invalid UTF-8 sequence, or nil when the bytes are clean UTF-8.
    @inlinable
    package static func firstProblem(in bytes: ByteView) -> Problem? {
        bytes.withBuffer { firstProblem(inBuffer: $0) }
    }

    @usableFromInline static func firstProblem(inBuffer bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        let count = bytes.count
        // Unsafe: the per-line hot loop of `serve`; eight-byte loads only while `index + 8 <= count`,
        // single bytes only below `count` (`index + length <= count` is checked before a sequence).
        guard let base = bytes.baseAddress else { return nil }
        var index = 0
        while index < count {
            // Eight ASCII bytes without a zero at a time.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let hasZero = (word &- lowBits) & ~word & highBits
                if word & highBits != 0 || hasZero != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let lead = base[index]
            if lead < 0x80 {
                if lead == 0 { return .nul(index) }
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return .invalidUTF8(index)
            }
            guard index + length <= count else { return .invalidUTF8(index) }
            let second = base[index + 1]
            guard second >= low, second <= high else { return .invalidUTF8(index) }
            var offset = 2
            while offset < length {
                guard base[index + offset] & 0xC0 == 0x80 else { return .invalidUTF8(index) }
                offset += 1
            }
            index += length
        }
        return nil
    }

    /// Whether every byte is 7-bit (below 0x80); true for no bytes.
    @inlinable
    package static func isASCII(_ bytes: ByteView) -> Bool {
        let count = bytes.count
        var index = 0
        var high: UInt64 = 0
        // Unsafe: called on every decoded MIME part; 32 and 8-byte loads only while they end at or
        // before `count`, single bytes only below it.
        let raw = bytes.buffer
        // 32 bytes a step, stopping at the first 8-bit byte.
        while index &+ 32 <= count {
            high =
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 24, as: UInt64.self)
            if high & 0x8080_8080_8080_8080 != 0 { return false }
            index &+= 32
        }
        while index &+ 8 <= count {
            high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < count {
            high |= UInt64(raw[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// How many of `bytes` are NUL, and how many are control bytes: below 0x20 with their bit set in
    /// `controlMask` (bit n for byte n).
    @inlinable
    package static func controlByteCounts(in bytes: ByteView, controlMask: UInt32) -> (control: Int, nul: Int) {
        let count = bytes.count
        var control = 0
        var nul = 0
        // Unsafe: runs over the first 8 KiB of every bounce read; eight-byte loads only while
        // `index + 8 <= count`, and each flagged byte lies inside the word just loaded.
        let raw = bytes.buffer
        var index = 0
        // Eight bytes at a time: skip words without any byte below 0x20 (most of a text).
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            // Every byte below 0x20 has its bit set (a borrow may also flag a byte above it; `tally`
            // checks each flagged byte), so only flagged bytes are looked at.
            var flagged = below
            while flagged != 0 {
                tally(raw[index + flagged.trailingZeroBitCount >> 3], controlMask, &control, &nul)
                flagged &= flagged &- 1
            }
            index += 8
        }
        while index < count {
            tally(raw[index], controlMask, &control, &nul)
            index += 1
        }
        return (control, nul)
    }

    /// Counts `byte` when it is NUL or a control byte of `controlMask`.
    @inlinable @inline(__always)
    static func tally(_ byte: UInt8, _ controlMask: UInt32, _ control: inout Int, _ nul: inout Int) {
        guard byte < 0x20 else { return }
        if byte == 0 { nul += 1 }
        if (controlMask >> UInt32(byte)) & 1 == 1 { control += 1 }
    }
}
