/// Byte-level helpers over ASCII text; everything here is linear in its input.
@usableFromInline package enum ASCII {
    /// Line feed.
    @usableFromInline package static let lf: UInt8 = 0x0A
    /// Carriage return.
    @usableFromInline package static let cr: UInt8 = 0x0D
    /// Space.
    @usableFromInline package static let space: UInt8 = 0x20
    /// Horizontal tab.
    @usableFromInline package static let tab: UInt8 = 0x09
    /// `:`.
    @usableFromInline package static let colon: UInt8 = 0x3A
    /// `;`.
    @usableFromInline package static let semicolon: UInt8 = 0x3B
    /// `=`.
    @usableFromInline package static let equals: UInt8 = 0x3D
    /// `"`.
    @usableFromInline package static let quote: UInt8 = 0x22
    /// `-`.
    @usableFromInline package static let hyphen: UInt8 = 0x2D
    /// `.`.
    @usableFromInline package static let dot: UInt8 = 0x2E
    /// `@`.
    @usableFromInline package static let at: UInt8 = 0x40
    /// `<`.
    @usableFromInline package static let lessThan: UInt8 = 0x3C
    /// `>`.
    @usableFromInline package static let greaterThan: UInt8 = 0x3E

    /// Lower-cases one ASCII letter and leaves every other byte alone.
    @inlinable @inline(__always)
    package static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// Upper-cases one ASCII letter and leaves every other byte alone.
    @inlinable @inline(__always)
    package static func upper(_ byte: UInt8) -> UInt8 {
        (byte >= 0x61 && byte <= 0x7A) ? byte & 0xDF : byte
    }

    /// True for `0`…`9`.
    @inlinable @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// True for an ASCII letter of either case.
    @inlinable @inline(__always)
    package static func isAlpha(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return lowered >= 0x61 && lowered <= 0x7A
    }

    /// True for an ASCII letter or digit.
    @inlinable @inline(__always)
    package static func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isAlpha(byte) }

    /// True for a space or a tab.
    @inlinable @inline(__always)
    package static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// True for space, tab, LF, CR, vertical tab and form feed.
    @inlinable @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lf || byte == cr || byte == 0x0B || byte == 0x0C
    }

    /// True when `bytes`, ASCII letters lower-cased, equal `lowered` (already lower-case).
    @inlinable @inline(__always)
    package static func equalsLowered<C: Collection>(_ bytes: C, _ lowered: [UInt8]) -> Bool where C.Element == UInt8 {
        guard bytes.count == lowered.count else { return false }
        var offset = 0
        for byte in bytes {
            if lower(byte) != lowered[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Whether the bytes of a view, ASCII letters lower-cased, equal `lowered` (already lower-case).
    @inlinable @inline(__always)
    package static func equalsLowered(_ bytes: ByteView, _ lowered: [UInt8]) -> Bool {
        guard bytes.count == lowered.count else { return false }
        for offset in 0..<bytes.count where lower(bytes[offset]) != lowered[offset] { return false }
        return true
    }

    /// A lower-cased copy of the bytes of a view (non-ASCII bytes are kept as they are).
    @inlinable
    package static func lowercased(_ bytes: ByteView) -> [UInt8] {
        bytes.withBuffer { lowercased(buffer: $0) }
    }

    /// Returns a lower-cased copy of ASCII bytes (non-ASCII bytes are kept as they are).
    @inlinable
    package static func lowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ lowercased(buffer: $0) }) { return result }
        // Unsafe: borrows the copy's storage for this call only.
        return Array(bytes).withUnsafeBufferPointer { lowercased(buffer: $0) }
    }

    /// Lower-cased copy of a buffer; every index read and written is below `buffer.count`.
    @inlinable
    package static func lowercased(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // Unsafe: the new array has room for `buffer.count` bytes and exactly that many are written.
        [UInt8](unsafeUninitializedCapacity: buffer.count) { target, written in
            for index in 0..<buffer.count {
                let byte = buffer[index]
                target[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            written = buffer.count
        }
    }

    /// Returns the bytes of a string literal as lower-case ASCII.
    @inlinable
    package static func lowered(_ text: String) -> [UInt8] { lowercased(text.utf8) }
}
