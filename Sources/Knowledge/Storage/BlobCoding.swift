/// Why a serialised knowledge base or index was refused: truncated, corrupt, or written by another
/// version of the format.
public struct BlobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Appends values in the compact binary form ``BlobReader`` reads: integers little-endian with fixed
/// widths, counts and lengths as `UInt32`, arrays of plain values as their bytes.
public struct BlobWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {}

    /// Appends a 32-bit unsigned integer.
    public mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a 64-bit unsigned integer.
    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer as 64 bits.
    public mutating func write(_ value: Int) {
        write(UInt64(bitPattern: Int64(value)))
    }

    /// Appends a count or length, which must fit in 32 bits.
    public mutating func writeCount(_ count: Int) {
        precondition(count >= 0 && count <= Int(UInt32.max), "count out of range")
        write(UInt32(count))
    }

    /// Appends a double by its bits.
    public mutating func write(_ value: Double) {
        write(value.bitPattern)
    }

    /// Appends a boolean as one byte.
    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Appends a string: its UTF-8 length, then its bytes.
    public mutating func write(_ value: String) {
        writeCount(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// Appends an optional string: a presence byte, then the string.
    public mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    /// Appends a list of strings.
    public mutating func write(_ values: [String]) {
        writeCount(values.count)
        for value in values { write(value) }
    }

    /// Appends a string-to-string map, keys sorted so that the bytes do not depend on hashing.
    public mutating func write(_ values: [String: String]) {
        writeCount(values.count)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            write(key)
            write(value)
        }
    }

    /// Appends a map of string lists, keys sorted.
    public mutating func write(_ values: [String: [String]]) {
        writeCount(values.count)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            write(key)
            write(value)
        }
    }

    /// Appends an array of plain values (integers, floats) as its count and raw little-endian bytes.
    public mutating func writeRaw<T: BitwiseCopyable>(_ values: [T]) {
        writeCount(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes as they are, without a length.
    public mutating func append(contentsOf other: [UInt8]) {
        bytes.append(contentsOf: other)
    }
}

/// Reads what ``BlobWriter`` wrote, from borrowed bytes; every read is bounds-checked and a short or
/// inconsistent input throws ``BlobError`` instead of trapping.
public struct BlobReader {
    private let base: UnsafeRawBufferPointer
    /// Where the next read starts.
    public private(set) var offset: Int

    /// Reads `base` from its start. The bytes must outlive the reader.
    public init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        self.offset = 0
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == base.count }

    private mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(BlobError)
        -> UnsafeRawBufferPointer
    {
        guard count >= 0, count <= base.count - offset else {
            throw BlobError(
                "truncated: \(what()) needs \(count) bytes at offset \(offset), \(base.count - offset) left")
        }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Reads a 32-bit unsigned integer.
    public mutating func uint32() throws(BlobError) -> UInt32 {
        let bytes = try take(4, "an integer")
        return UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self))
    }

    /// Reads a 64-bit unsigned integer.
    public mutating func uint64() throws(BlobError) -> UInt64 {
        let bytes = try take(8, "an integer")
        return UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
    }

    /// Reads an integer written as 64 bits.
    public mutating func int() throws(BlobError) -> Int {
        Int(Int64(bitPattern: try uint64()))
    }

    /// Reads a count; it cannot exceed the bytes left divided by `minimumSize`, the least each element
    /// takes, so a corrupt count cannot make a huge allocation.
    public mutating func count(minimumSize: Int = 1) throws(BlobError) -> Int {
        let count = Int(try uint32())
        guard count <= (base.count - offset) / max(minimumSize, 1) else {
            throw BlobError("corrupt: a count of \(count) at offset \(offset - 4) exceeds the bytes left")
        }
        return count
    }

    /// Reads a double by its bits.
    public mutating func double() throws(BlobError) -> Double {
        Double(bitPattern: try uint64())
    }

    /// Reads a boolean byte.
    public mutating func bool() throws(BlobError) -> Bool {
        let byte = try take(1, "a flag")[0]
        guard byte <= 1 else { throw BlobError("corrupt: a flag of \(byte) at offset \(offset - 1)") }
        return byte == 1
    }

    /// Reads a string.
    public mutating func string() throws(BlobError) -> String {
        let length = Int(try uint32())
        return String(decoding: try take(length, "a string"), as: UTF8.self)
    }

    /// Reads an optional string.
    public mutating func optionalString() throws(BlobError) -> String? {
        try bool() ? try string() : nil
    }

    /// Reads a list of strings.
    public mutating func strings() throws(BlobError) -> [String] {
        let count = try count(minimumSize: 4)
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    /// Reads a string-to-string map.
    public mutating func stringMap() throws(BlobError) -> [String: String] {
        let count = try count(minimumSize: 8)
        var values: [String: String] = [:]
        values.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            values[key] = try string()
        }
        return values
    }

    /// Reads a map of string lists.
    public mutating func stringListMap() throws(BlobError) -> [String: [String]] {
        let count = try count(minimumSize: 8)
        var values: [String: [String]] = [:]
        values.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            values[key] = try strings()
        }
        return values
    }

    /// Reads an array of plain values written by `writeRaw`.
    public mutating func raw<T: BitwiseCopyable>(_ type: T.Type) throws(BlobError) -> [T] {
        let count = try count(minimumSize: MemoryLayout<T>.stride)
        let bytes = try take(count * MemoryLayout<T>.stride, "an array")
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            initialized = count
        }
    }

    /// Reads `count` bytes as they are.
    public mutating func bytes(_ count: Int) throws(BlobError) -> UnsafeRawBufferPointer {
        try take(count, "a section")
    }
}
