/// A fast pre-pass over a line: finds the first NUL byte or invalid UTF-8 sequence (the `serve`
/// protocol refuses both before parsing JSON).
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
}
