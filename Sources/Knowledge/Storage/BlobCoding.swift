import ByteText

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
        bytes.appendLittleEndian(value)
    }

    /// Appends a 64-bit unsigned integer.
    public mutating func write(_ value: UInt64) {
        bytes.appendLittleEndian(value)
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
        bytes.appendValues(values)
    }

    /// Appends bytes as they are, without a length.
    public mutating func append(contentsOf other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// Appends a count, then each element as `element` writes it; ``BlobReader/list(minimumSize:_:)`` reads it.
    package mutating func writeList<Elements: Collection>(
        _ elements: Elements, _ element: (inout BlobWriter, Elements.Element) -> Void
    ) {
        writeCount(elements.count)
        for item in elements { element(&self, item) }
    }
}

/// Reads what ``BlobWriter`` wrote, from borrowed bytes; every read is bounds-checked and a short or
/// inconsistent input throws ``BlobError`` instead of trapping.
package struct BlobReader {
    private var reader: ByteReader
    /// Where the next read starts.
    package var offset: Int { reader.offset }

    /// Reads `base` from its start. The bytes must outlive the reader.
    package init(_ base: ByteView) {
        self.reader = ByteReader(base)
    }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { reader.isAtEnd }

    private func truncated(_ count: Int, _ what: String) -> BlobError {
        BlobError("truncated: \(what) needs \(count) bytes at offset \(offset), \(reader.remaining) left")
    }

    private mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(BlobError) -> ByteView {
        guard let slice = reader.take(count) else { throw truncated(count, what()) }
        return slice
    }

    /// Reads a 32-bit unsigned integer.
    package mutating func uint32() throws(BlobError) -> UInt32 {
        guard let value = reader.littleEndian(UInt32.self) else { throw truncated(4, "an integer") }
        return value
    }

    /// Reads a 64-bit unsigned integer.
    package mutating func uint64() throws(BlobError) -> UInt64 {
        guard let value = reader.littleEndian(UInt64.self) else { throw truncated(8, "an integer") }
        return value
    }

    /// Reads an integer written as 64 bits.
    package mutating func int() throws(BlobError) -> Int {
        Int(Int64(bitPattern: try uint64()))
    }

    /// Reads a count; it cannot exceed the bytes left divided by `minimumSize`, the least each element
    /// takes, so a corrupt count cannot make a huge allocation.
    package mutating func count(minimumSize: Int = 1) throws(BlobError) -> Int {
        let count = Int(try uint32())
        guard count <= reader.remaining / max(minimumSize, 1) else {
            throw BlobError("corrupt: a count of \(count) at offset \(offset - 4) exceeds the bytes left")
        }
        return count
    }

    /// Reads a double by its bits.
    package mutating func double() throws(BlobError) -> Double {
        Double(bitPattern: try uint64())
    }

    /// Reads a boolean byte.
    package mutating func bool() throws(BlobError) -> Bool {
        guard let byte = reader.byte() else { throw truncated(1, "a flag") }
        guard byte <= 1 else { throw BlobError("corrupt: a flag of \(byte) at offset \(offset - 1)") }
        return byte == 1
    }

    /// Reads a string.
    package mutating func string() throws(BlobError) -> String {
        let length = Int(try uint32())
        return try take(length, "a string").string
    }

    /// Reads an optional string.
    package mutating func optionalString() throws(BlobError) -> String? {
        try bool() ? try string() : nil
    }

    /// Reads a count, then that many elements as `element` reads them; each takes at least `minimumSize`
    /// bytes.
    package mutating func list<Element>(
        minimumSize: Int, _ element: (inout BlobReader) throws(BlobError) -> Element
    ) throws(BlobError) -> [Element] {
        let count = try count(minimumSize: minimumSize)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }

    /// Reads a list of strings.
    package mutating func strings() throws(BlobError) -> [String] {
        try list(minimumSize: 4) { reader throws(BlobError) in try reader.string() }
    }

    /// Reads a string-to-string map.
    package mutating func stringMap() throws(BlobError) -> [String: String] {
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
    package mutating func stringListMap() throws(BlobError) -> [String: [String]] {
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
    package mutating func raw<T: BitwiseCopyable>(_ type: T.Type) throws(BlobError) -> [T] {
        let count = try count(minimumSize: MemoryLayout<T>.stride)
        return try take(count * MemoryLayout<T>.stride, "an array").copyValues(as: T.self)
    }

    /// Reads `count` bytes as they are.
    package mutating func bytes(_ count: Int) throws(BlobError) -> ByteView {
        try take(count, "a section")
    }
}
