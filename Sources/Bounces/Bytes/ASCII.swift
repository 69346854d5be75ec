/// Byte-level helpers over ASCII text; everything here is linear in its input.
enum ASCII {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22
    static let hyphen: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let at: UInt8 = 0x40
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E

    /// Lower-cases one ASCII letter and leaves every other byte alone.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// Upper-cases one ASCII letter and leaves every other byte alone.
    @inline(__always)
    static func upper(_ byte: UInt8) -> UInt8 {
        (byte >= 0x61 && byte <= 0x7A) ? byte & 0xDF : byte
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isAlpha(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return lowered >= 0x61 && lowered <= 0x7A
    }

    @inline(__always)
    static func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isAlpha(byte) }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lf || byte == cr || byte == 0x0B || byte == 0x0C
    }

    /// True when `bytes`, ASCII letters lower-cased, equal `lowered` (already lower-case).
    @inline(__always)
    static func equalsLowered<C: Collection>(_ bytes: C, _ lowered: [UInt8]) -> Bool where C.Element == UInt8 {
        guard bytes.count == lowered.count else { return false }
        var offset = 0
        for byte in bytes {
            if lower(byte) != lowered[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Returns a lower-cased copy of ASCII bytes (non-ASCII bytes are kept as they are).
    static func lowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ lowercased(buffer: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { lowercased(buffer: $0) }
    }

    private static func lowercased(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: buffer.count) { target, written in
            for index in 0..<buffer.count {
                let byte = buffer[index]
                target[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            written = buffer.count
        }
    }

    /// Returns the bytes of a string literal as lower-case ASCII.
    static func lowered(_ text: String) -> [UInt8] { lowercased(text.utf8) }
}
