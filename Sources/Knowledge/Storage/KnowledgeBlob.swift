import ByteText

/// The container the build embeds in the binary: named sections (a parsed knowledge base, the search
/// index of each document set) behind a header with a format version and a checksum.
///
/// Layout: `MDKB`, format version (`UInt32`), byte-order tag (`UInt32`), payload length (`UInt64`),
/// payload checksum (`UInt64`); then the payload: the section count, each section's name and length,
/// and the sections' bytes one after the other. A blob that is truncated, corrupt, from another format
/// version or from a machine with another byte order is refused with a ``BlobError``.
public enum KnowledgeBlob {
    /// Bumped whenever anything serialised changes shape.
    public static let formatVersion: UInt32 = 8
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
        blob.appendLittleEndian(formatVersion)
        blob.appendNative(byteOrderTag)
        blob.appendLittleEndian(UInt64(body.count))
        let sum = body.withByteView { checksum($0) }
        blob.appendLittleEndian(sum)
        return blob + body
    }

    /// Checks a blob's header and checksum and returns its sections by name (views into `blob`).
    package static func sections(of blob: ByteView) throws(BlobError) -> [String: ByteView] {
        guard blob.count >= headerSize else {
            throw BlobError("truncated: \(blob.count) bytes, shorter than the \(headerSize)-byte header")
        }
        guard blob.prefix(4).elementsEqual(magic) else { throw BlobError("not a knowledge-base blob (no MDKB mark)") }
        var header = BlobReader(blob[4..<headerSize])
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
        let body = blob.dropFirst(headerSize)
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
        var sections: [String: ByteView] = [:]
        for (name, size) in entries { sections[name] = try reader.bytes(size) }
        guard reader.isAtEnd else { throw BlobError("corrupt: bytes left after the last section") }
        return sections
    }

    /// A 64-bit checksum of `bytes`: four multiply-rotate lanes over 8-byte words, so one changed byte
    /// always changes it, at a fraction of a millisecond per megabyte.
    package static func checksum(_ bytes: ByteView) -> UInt64 {
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
            lanes.0 = mix(lanes.0, bytes.integer(at: start, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.integer(at: start + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.integer(at: start + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.integer(at: start + 24, as: UInt64.self))
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
        Base64.encode(bytes)
    }

    /// Decodes ``base64(_:)``'s output; any other character, or a length that is no multiple of four,
    /// is refused.
    package static func decodeBase64(_ text: ByteView) throws(BlobError) -> [UInt8] {
        do {
            return try Base64.decode(text)
        } catch {
            switch error {
            case .length(let count): throw BlobError("corrupt: base64 text of \(count) characters")
            case .character: throw BlobError("corrupt: a character outside base64")
            }
        }
    }
}
