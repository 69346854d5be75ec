/// Borrowed, read-only bytes: a pointer and a count behind a bounds-checked interface.
///
/// A view does not own its bytes. It is made by ``Swift/Array/withByteView(_:)``,
/// ``Swift/String/withByteView(_:)``, ``Swift/StaticString/withByteView(_:)`` or from a
/// ``PinnedBytes`` table, and is valid only while those bytes are alive: inside the closure, or for as
/// long as the owner of the bytes keeps them (a blob's sections are views into the blob).
/// Indexing and slicing trap on a position outside the view; ``ByteReader`` reads from a view without
/// ever trapping.
@usableFromInline package struct ByteView: @unchecked Sendable {
    // Unsafe: the one place a borrowed buffer is held; every access below goes through `count`.
    @usableFromInline let buffer: UnsafeRawBufferPointer

    /// A view of the bytes `buffer` points to (the bridge from a C call or an `unsafe` standard
    /// library API; callers keep the bytes alive).
    @inlinable
    package init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    /// A view of the bytes `buffer` points to; callers keep the bytes alive.
    @inlinable
    package init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // Unsafe: reinterprets typed bytes as raw bytes, same memory, same count.
        self.buffer = UnsafeRawBufferPointer(buffer)
    }

    /// An empty view.
    @inlinable
    package init() {
        // Unsafe: the empty buffer, which no read can reach into.
        self.buffer = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// The number of bytes.
    @inlinable @inline(__always)
    package var count: Int { buffer.count }

    /// Whether the view holds no byte.
    @inlinable @inline(__always)
    package var isEmpty: Bool { buffer.isEmpty }

    /// The positions `0..<count`.
    @inlinable @inline(__always)
    package var indices: Range<Int> { 0..<buffer.count }

    /// The byte at `index`; traps when `index` is outside `0..<count`.
    @inlinable @inline(__always)
    package subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < buffer.count, "ByteView index out of range")
        // Unsafe: a read of one borrowed byte, checked just above.
        return buffer[index]
    }

    /// The bytes in `range`, as a view whose positions start at 0; traps when `range` leaves the view.
    @inlinable @inline(__always)
    package subscript(range: Range<Int>) -> ByteView {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "ByteView range out of range")
        // Unsafe: a sub-range of the same borrowed buffer, checked just above.
        return ByteView(UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    /// The first `count` bytes (all of them when there are fewer).
    @inlinable
    package func prefix(_ count: Int) -> ByteView {
        self[0..<Swift.min(Swift.max(count, 0), buffer.count)]
    }

    /// The bytes from `start` to the end; traps when `start` is outside `0...count`.
    @inlinable
    package func dropFirst(_ start: Int) -> ByteView {
        self[start..<buffer.count]
    }

    /// The integer stored at `offset` in the machine's byte order, at any alignment; traps when it does
    /// not fit in the view.
    @inlinable @inline(__always)
    package func integer<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        precondition(
            offset >= 0 && offset <= buffer.count - MemoryLayout<T>.size, "ByteView load out of range")
        // Unsafe: an unaligned load of a plain integer, bounds checked just above.
        return buffer.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    /// The little-endian integer stored at `offset`, at any alignment; traps when it does not fit.
    @inlinable @inline(__always)
    package func loadLittleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(littleEndian: integer(at: offset, as: T.self))
    }

    /// The view's bytes as an array of plain values (in the machine's byte order); traps unless the
    /// count is a whole number of values.
    @inlinable
    package func copyValues<T: BitwiseCopyable>(as type: T.Type) -> [T] {
        let stride = MemoryLayout<T>.stride
        precondition(stride > 0 && buffer.count % stride == 0, "ByteView size is not a whole number of values")
        let count = buffer.count / stride
        return [T](unsafeUninitializedCapacity: count) { values, initialized in
            // Unsafe: fills a fresh array of plain values with exactly its byte size, checked above.
            if count > 0 { UnsafeMutableRawBufferPointer(values).copyMemory(from: buffer) }
            initialized = count
        }
    }

    /// The position of the first `byte` in the view, or nil.
    @inlinable @inline(__always)
    package func firstIndex(of byte: UInt8) -> Int? {
        // Unsafe: a scan of the borrowed bytes within their count.
        buffer.firstIndex(of: byte)
    }

    /// Whether the view holds exactly the bytes of `other`.
    @inlinable
    package func elementsEqual(_ other: some Sequence<UInt8>) -> Bool {
        // Unsafe: a scan of the borrowed bytes within their count.
        buffer.elementsEqual(other)
    }

    /// Whether the view starts with the bytes of the ASCII/UTF-8 literal `prefix`.
    @inlinable
    package func hasPrefix(_ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard buffer.count >= length else { return false }
        // Unsafe: a literal's UTF-8 bytes live for the whole process; read within its own length.
        let expected = prefix.utf8Start
        for offset in 0..<length where buffer[offset] != expected[offset] { return false }
        return true
    }

    /// The bytes as an array.
    @inlinable
    package var array: [UInt8] {
        // Unsafe: a copy of the borrowed bytes within their count.
        [UInt8](buffer)
    }

    /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD).
    @inlinable
    package var string: String {
        // Unsafe: a copy of the borrowed bytes within their count.
        String(decoding: buffer, as: UTF8.self)
    }

    /// Calls `body` with the view's bytes as a typed buffer, for a standard-library API that only takes
    /// one (`String(decoding:)` is covered by ``string``).
    @inlinable
    package func withBuffer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        // Unsafe: the typed view of the same borrowed bytes, for the duration of the call only.
        try body(buffer.assumingMemoryBound(to: UInt8.self))
    }
}

extension ByteView: Sequence {
    /// Iterates the bytes in order.
    @usableFromInline package struct Iterator: IteratorProtocol {
        @usableFromInline let view: ByteView
        @usableFromInline var index = 0

        /// An iterator at the first byte of `view`.
        @inlinable init(view: ByteView) { self.view = view }

        /// The next byte, or nil at the end.
        @inlinable @inline(__always)
        package mutating func next() -> UInt8? {
            guard index < view.count else { return nil }
            defer { index += 1 }
            // Unsafe: a read of one borrowed byte, below `count` by the guard.
            return view.buffer[index]
        }
    }

    /// An iterator over the bytes.
    @inlinable
    package func makeIterator() -> Iterator { Iterator(view: self) }

    /// Calls `body` with the bytes as a typed buffer (they are always contiguous).
    @inlinable
    package func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        // Unsafe: the typed view of the same borrowed bytes, for the duration of the call only.
        try body(buffer.assumingMemoryBound(to: UInt8.self))
    }

    /// The number of bytes.
    @inlinable
    package var underestimatedCount: Int { buffer.count }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of `view` (one copy, no per-byte loop).
    @inlinable @inline(__always)
    package mutating func append(bytesOf view: ByteView) {
        view.withBuffer { append(contentsOf: $0) }
    }

    /// Calls `body` with a view of the array's bytes; the view must not escape the call.
    @inlinable @inline(__always)
    package func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        // Unsafe: borrows the array's contiguous storage for the duration of `body` only.
        let result = withUnsafeBytes { raw in Result { () throws(E) -> R in try body(ByteView(raw)) } }
        return try result.get()
    }
}

extension ArraySlice where Element == UInt8 {
    /// Calls `body` with a view of the slice's bytes (position 0 is the slice's first byte); the view
    /// must not escape the call.
    @inlinable @inline(__always)
    package func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        // Unsafe: borrows the slice's contiguous storage for the duration of `body` only.
        let result = withUnsafeBytes { raw in Result { () throws(E) -> R in try body(ByteView(raw)) } }
        return try result.get()
    }
}

extension String {
    /// Calls `body` with a view of the string's UTF-8 bytes (made contiguous first if needed); the view
    /// must not escape the call.
    @inlinable @inline(__always)
    package mutating func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        // Unsafe: borrows the string's UTF-8 storage for the duration of `body` only.
        let result = withUTF8 { utf8 in Result { () throws(E) -> R in try body(ByteView(utf8)) } }
        return try result.get()
    }
}

extension StaticString {
    /// Calls `body` with a view of the literal's UTF-8 bytes.
    @inlinable @inline(__always)
    package func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        // Unsafe: a literal's bytes live for the whole process.
        let result = withUTF8Buffer { utf8 in Result { () throws(E) -> R in try body(ByteView(utf8)) } }
        return try result.get()
    }
}

extension String.UTF8View {
    /// Calls `body` with a view of the bytes when they are stored contiguously (native strings);
    /// nil otherwise, without calling it.
    @inlinable @inline(__always)
    package func withContiguousByteView<R>(_ body: (ByteView) -> R) -> R? {
        // Unsafe: borrows the string's storage for the duration of `body` only.
        withContiguousStorageIfAvailable { body(ByteView($0)) }
    }
}
