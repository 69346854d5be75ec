/// Read-only bytes that stay at one address for the life of the process: a table assembled into the
/// binary, or a copy made once (tests, tools) and never freed. Reads are bounds-checked; views into it
/// (``ByteView``) stay valid for as long as the process runs.
@usableFromInline package struct PinnedBytes: @unchecked Sendable {
    // Unsafe: the start of memory that is never freed nor written (see the initialisers).
    @usableFromInline let base: UnsafeRawPointer?
    /// The number of bytes.
    @usableFromInline package let count: Int

    /// The bytes at `start` (a table linked into the binary, which lives as long as the process);
    /// `count` of them. A nil `start` gives an empty table.
    @inlinable
    package init(linkedAt start: UnsafePointer<UInt8>?, count: Int) {
        // Unsafe: adopts a linked-in table by address; the linker keeps it for the process's life.
        self.base = start.map { UnsafeRawPointer($0) }
        self.count = start == nil ? 0 : max(count, 0)
    }

    /// A copy of `bytes`, aligned to 64 bytes, kept for the life of the process (made rarely: tests and
    /// tools).
    @inlinable
    package init(copying bytes: [UInt8]) {
        // Unsafe: a never-freed allocation, so that views into it stay valid like the linked table's.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { source in
            if let address = source.baseAddress { buffer.copyMemory(from: address, byteCount: bytes.count) }
        }
        self.base = UnsafeRawPointer(buffer)
        self.count = bytes.count
    }

    /// All the bytes as a view (valid for the life of the process).
    @inlinable
    package var view: ByteView {
        // Unsafe: pinned memory of exactly `count` bytes.
        ByteView(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The `count` bytes at `offset`, as a view; traps when they do not all lie in the table.
    @inlinable @inline(__always)
    package func view(at offset: Int, count length: Int) -> ByteView {
        precondition(offset >= 0 && length >= 0 && offset <= count - length, "PinnedBytes range out of range")
        // Unsafe: a sub-range of pinned memory, checked just above.
        return ByteView(UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: length))
    }

    /// The little-endian `UInt32` at `offset`; traps when it does not lie in the table.
    @inlinable @inline(__always)
    package func uint32(at offset: Int) -> UInt32 {
        precondition(offset >= 0 && offset <= count - 4, "PinnedBytes read out of range")
        // Unsafe: an unaligned 4-byte load from pinned memory, checked just above.
        guard let base else { return 0 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// `sum[i] += scale × Float(row[i])` for the `sum.count` signed bytes of the row at `offset` (one
    /// token's row of an int8 embedding matrix); traps when the row does not lie in the table.
    @inlinable @inline(__always)
    package func addScaledInt8Row(at offset: Int, scale: Float, into sum: inout [Float]) {
        let dimension = sum.count
        precondition(offset >= 0 && offset <= count - dimension, "PinnedBytes row out of range")
        guard let base else { return }
        // Unsafe: the per-token loop of embedding a text; the row's extent is checked above.
        let row = (base + offset).assumingMemoryBound(to: Int8.self)
        sum.withUnsafeMutableBufferPointer { sum in
            for index in 0..<dimension { sum[index] += scale * Float(row[index]) }
        }
    }
}
