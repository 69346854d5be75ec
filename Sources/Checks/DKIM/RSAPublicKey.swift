/// Reads the size of an RSA public key from DER: a SubjectPublicKeyInfo (what DKIM publishes) or a bare
/// PKCS#1 RSAPublicKey (a common publishing mistake that many verifiers still accept).
enum RSAPublicKey {
    /// Why the key could not be read.
    struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        var description: String
    }

    /// The DER form the key was published in.
    enum Format: Sendable, Equatable {
        case subjectPublicKeyInfo
        case pkcs1
    }

    private static let rsaEncryptionOID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]

    /// The modulus length in bits and the format.
    static func modulusBits(der: [UInt8]) throws(DecodeError) -> (bits: Int, format: Format) {
        var reader = DERReader(bytes: der[...])
        var outer = try reader.read(tag: 0x30)
        guard reader.isAtEnd else { throw DecodeError(description: "extra bytes after the key") }
        let first = try outer.peekTag()
        if first == 0x02 {
            let modulus = try outer.read(tag: 0x02)
            return (bitLength(modulus.bytes), .pkcs1)
        }
        var algorithm = try outer.read(tag: 0x30)
        let oid = try algorithm.read(tag: 0x06)
        guard Array(oid.bytes) == rsaEncryptionOID else {
            throw DecodeError(description: "the key is not an RSA key (unexpected algorithm identifier)")
        }
        let bitString = try outer.read(tag: 0x03)
        guard let unused = bitString.bytes.first, unused == 0 else {
            throw DecodeError(description: "malformed BIT STRING")
        }
        var inner = DERReader(bytes: bitString.bytes.dropFirst())
        var sequence = try inner.read(tag: 0x30)
        let modulus = try sequence.read(tag: 0x02)
        _ = try sequence.read(tag: 0x02)
        return (bitLength(modulus.bytes), .subjectPublicKeyInfo)
    }

    private static func bitLength(_ integer: ArraySlice<UInt8>) -> Int {
        guard let index = integer.firstIndex(where: { $0 != 0 }) else { return 0 }
        let leading = integer[index].leadingZeroBitCount
        return (integer.endIndex - index) * 8 - leading
    }

    /// A minimal DER TLV reader.
    struct DERReader {
        var bytes: ArraySlice<UInt8>

        var isAtEnd: Bool { bytes.isEmpty }

        func peekTag() throws(DecodeError) -> UInt8 {
            guard let tag = bytes.first else { throw DecodeError(description: "the key is truncated") }
            return tag
        }

        mutating func read(tag expected: UInt8) throws(DecodeError) -> DERReader {
            guard let tag = bytes.first else { throw DecodeError(description: "the key is truncated") }
            guard tag == expected else {
                throw DecodeError(
                    description:
                        "unexpected DER tag 0x\(String(tag, radix: 16)) (expected 0x\(String(expected, radix: 16)))")
            }
            var index = bytes.index(after: bytes.startIndex)
            guard index < bytes.endIndex else { throw DecodeError(description: "the key is truncated") }
            var length = Int(bytes[index])
            index += 1
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard count >= 1, count <= 4, index + count <= bytes.endIndex else {
                    throw DecodeError(description: "bad DER length")
                }
                length = 0
                for byte in bytes[index..<(index + count)] { length = length << 8 | Int(byte) }
                index += count
            }
            guard length >= 0, index + length <= bytes.endIndex else {
                throw DecodeError(description: "the key is truncated")
            }
            let content = bytes[index..<(index + length)]
            bytes = bytes[(index + length)...]
            return DERReader(bytes: content)
        }
    }
}
