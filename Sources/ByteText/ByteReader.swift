/// Reads little-endian values one after the other from a ``ByteView``; a read that would pass the end
/// returns nil and leaves the position where it was, so a truncated or corrupt input never traps.
@usableFromInline package struct ByteReader {
    /// The bytes read.
    @usableFromInline package let bytes: ByteView
    /// Where the next read starts.
    @usableFromInline package private(set) var offset: Int = 0

    /// Reads `bytes` from their start.
    @inlinable
    package init(_ bytes: ByteView) {
        self.bytes = bytes
    }

    /// The number of bytes not read yet.
    @inlinable
    package var remaining: Int { bytes.count - offset }

    /// Whether every byte has been read.
    @inlinable
    package var isAtEnd: Bool { offset == bytes.count }

    /// The next `count` bytes, or nil when fewer are left (or `count` is negative).
    @inlinable
    package mutating func take(_ count: Int) -> ByteView? {
        guard count >= 0, count <= remaining else { return nil }
        let slice = bytes[offset..<(offset + count)]
        offset += count
        return slice
    }

    /// The next little-endian integer of type `T`, or nil when it does not fit.
    @inlinable
    package mutating func littleEndian<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { return nil }
        let value = bytes.loadLittleEndian(at: offset, as: T.self)
        offset += size
        return value
    }

    /// The next byte, or nil at the end.
    @inlinable
    package mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `count` plain values (integers, floats) in the machine's byte order, or nil when fewer
    /// bytes are left.
    @inlinable
    package mutating func values<T: BitwiseCopyable>(_ type: T.Type, count: Int) -> [T]? {
        let (size, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow, let slice = take(size) else { return nil }
        return slice.copyValues(as: T.self)
    }
}

extension Array where Element == UInt8 {
    /// Appends an integer's bytes in little-endian order.
    @inlinable @inline(__always)
    package mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        // Unsafe: reads the bytes of a plain integer held on the stack, for this call only.
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends an integer's bytes in the machine's byte order.
    @inlinable @inline(__always)
    package mutating func appendNative<T: FixedWidthInteger>(_ value: T) {
        // Unsafe: reads the bytes of a plain integer held on the stack, for this call only.
        Swift.withUnsafeBytes(of: value) { append(contentsOf: $0) }
    }

    /// Appends the bytes of plain values (integers, floats) in the machine's byte order.
    @inlinable
    package mutating func appendValues<T: BitwiseCopyable>(_ values: [T]) {
        // Unsafe: reads the storage of an array of plain values, for this call only.
        values.withUnsafeBytes { append(contentsOf: $0) }
    }
}
