/// The container the build embeds in the binary: named sections (a parsed knowledge base, the search
/// index of each document set) behind a header with a format version and a checksum.
///
/// Layout: `MDKB`, format version (`UInt32`), byte-order tag (`UInt32`), payload length (`UInt64`),
/// payload checksum (`UInt64`); then the payload: the section count, each section's name and length,
/// and the sections' bytes one after the other. A blob that is truncated, corrupt, from another format
/// version or from a machine with another byte order is refused with a ``BlobError``.
public enum KnowledgeBlob {
    /// Bumped whenever anything serialised changes shape.
    public static let formatVersion: UInt32 = 4
    private static let magic: [UInt8] = Array("MDKB".utf8)
    /// Written in the writer's byte order; read back differently on a machine with another one.
    private static let byteOrderTag: UInt32 = 0x0102_0304
    private static let headerSize = 4 + 4 + 4 + 8 + 8

    /// Packs sections into one blob.
    public static func pack(_ sections: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var payload = BlobWriter()
        payload.writeCount(sections.count)
        for section in sections {
            payload.write(section.name)
            payload.write(section.bytes.count)
        }
        for section in sections { payload.append(contentsOf: section.bytes) }
        let body = payload.bytes
        var blob = magic
        withUnsafeBytes(of: formatVersion.littleEndian) { blob.append(contentsOf: $0) }
        withUnsafeBytes(of: byteOrderTag) { blob.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(body.count).littleEndian) { blob.append(contentsOf: $0) }
        let sum = body.withUnsafeBytes { checksum($0) }
        withUnsafeBytes(of: sum.littleEndian) { blob.append(contentsOf: $0) }
        return blob + body
    }

    /// Checks a blob's header and checksum and returns its sections by name (views into `blob`).
    public static func sections(of blob: UnsafeRawBufferPointer) throws(BlobError) -> [String: UnsafeRawBufferPointer] {
        guard blob.count >= headerSize else {
            throw BlobError("truncated: \(blob.count) bytes, shorter than the \(headerSize)-byte header")
        }
        guard blob.prefix(4).elementsEqual(magic) else { throw BlobError("not a knowledge-base blob (no MDKB mark)") }
        var header = BlobReader(UnsafeRawBufferPointer(rebasing: blob[4..<headerSize]))
        let version = try header.uint32()
        guard version == formatVersion else {
            throw BlobError("format version \(version), this program reads version \(formatVersion)")
        }
        guard UInt32(littleEndian: try header.uint32()) == byteOrderTag.littleEndian else {
            throw BlobError("written on a machine with another byte order")
        }
        let length = try header.uint64()
        let expected = try header.uint64()
        guard length == UInt64(blob.count - headerSize) else {
            throw BlobError(
                length > UInt64(blob.count - headerSize)
                    ? "truncated: the header announces \(length) bytes, \(blob.count - headerSize) present"
                    : "corrupt: \(UInt64(blob.count - headerSize) - length) bytes more than the header announces")
        }
        let body = UnsafeRawBufferPointer(rebasing: blob[headerSize...])
        guard checksum(body) == expected else { throw BlobError("corrupt: the checksum does not match") }
        var reader = BlobReader(body)
        let count = try reader.count(minimumSize: 12)
        var entries: [(String, Int)] = []
        for _ in 0..<count {
            let name = try reader.string()
            let size = try reader.int()
            guard size >= 0 else { throw BlobError("corrupt: section '\(name)' has a negative length") }
            entries.append((name, size))
        }
        var sections: [String: UnsafeRawBufferPointer] = [:]
        for (name, size) in entries { sections[name] = try reader.bytes(size) }
        guard reader.isAtEnd else { throw BlobError("corrupt: bytes left after the last section") }
        return sections
    }

    /// A 64-bit checksum of `bytes`: four multiply-rotate lanes over 8-byte words, so one changed byte
    /// always changes it, at a fraction of a millisecond per megabyte.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B1_85EB_CA87
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1
        )
        func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (lane ^ word) &* prime
            return (mixed << 31) | (mixed >> 33)
        }
        let blocks = bytes.count / 32
        for block in 0..<blocks {
            let start = block * 32
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: start + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: start + 24, as: UInt64.self))
        }
        var tail: UInt64 = UInt64(bytes.count)
        for index in (blocks * 32)..<bytes.count {
            tail = mix(tail, UInt64(bytes[index]))
        }
        var sum = mix(lanes.0, tail)
        sum = mix(sum, lanes.1)
        sum = mix(sum, lanes.2)
        return mix(sum, lanes.3)
    }

    /// Base64 of a blob, the form the generated source carries it in (a string literal is the one
    /// way a Swift source keeps megabytes in read-only data at no start-up cost).
    public static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((value >> UInt32(shift)) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int((value >> 18) & 63)])
            out.append(alphabet[Int((value >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((value >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes ``base64(_:)``'s output; any other character, or a length that is no multiple of four,
    /// is refused.
    public static func decodeBase64(_ text: UnsafeBufferPointer<UInt8>) throws(BlobError) -> [UInt8] {
        guard text.count % 4 == 0 else { throw BlobError("corrupt: base64 text of \(text.count) characters") }
        var padding = 0
        if text.count >= 4 {
            if text[text.count - 1] == UInt8(ascii: "=") { padding += 1 }
            if text[text.count - 2] == UInt8(ascii: "=") { padding += 1 }
        }
        let count = text.count / 4 * 3 - padding
        var invalid = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            decodeTable.withUnsafeBufferPointer { table in
                var written = 0
                var index = 0
                let end = text.count
                while index < end {
                    let a = table[Int(text[index])]
                    let b = table[Int(text[index + 1])]
                    let c = table[Int(text[index + 2])]
                    let d = table[Int(text[index + 3])]
                    index += 4
                    if (a | b | c | d) & 0x80 != 0 {
                        // Only the final group may hold padding (decoded as 0x40).
                        guard index == end, (a | b) & 0xC0 == 0, d == 0xC0, padding == 2 ? c == 0xC0 : c & 0xC0 == 0
                        else {
                            invalid = true
                            break
                        }
                    }
                    let value = UInt32(a & 63) << 18 | UInt32(b & 63) << 12 | UInt32(c & 63) << 6 | UInt32(d & 63)
                    if written < count { out[written] = UInt8(truncatingIfNeeded: value >> 16) }
                    if written + 1 < count { out[written + 1] = UInt8(truncatingIfNeeded: value >> 8) }
                    if written + 2 < count { out[written + 2] = UInt8(truncatingIfNeeded: value) }
                    written += 3
                }
                if invalid { out.initialize(repeating: 0) }
            }
            initialized = count
        }
        if invalid { throw BlobError("corrupt: a character outside base64") }
        return bytes
    }

    /// Six-bit value of each base64 character; 0xC0 for `=`, 0xFF for anything else.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        table[Int(UInt8(ascii: "="))] = 0xC0
        return table
    }()
}
