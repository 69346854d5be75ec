import ByteText
import MailModel

/// A DKIM public key record (RFC 6376 §3.6.1), analysed: key type and size, revocation, flags.
public struct DKIMKeyRecord: Sendable, Equatable {
    /// What kind of key it is.
    public enum KeyType: Sendable, Equatable {
        case rsa(bits: Int)
        case ed25519
        case revoked
        case unknown(String)
        case invalid(String)
    }

    /// The record text.
    public var text: String
    /// The key.
    public var key: KeyType
    /// `t=y`: the domain is testing DKIM; receivers treat signatures as unsigned.
    public var testing: Bool
    /// The `h=` hash algorithms, if restricted.
    public var hashes: [String]?
    /// Problems in the tag syntax or version.
    public var syntaxProblems: [String]
    /// The key is a bare PKCS#1 RSAPublicKey rather than a SubjectPublicKeyInfo.
    public var isPKCS1: Bool

    /// Whether a TXT string looks like a DKIM key record (it has a `p=` tag or starts with `v=DKIM1`).
    public static func isKeyRecord(_ text: String) -> Bool {
        let tags = DKIMTagList(text)
        return tags.value("p") != nil || tags.value("v") == "DKIM1"
    }

    /// Analyses a key record.
    public init(_ text: String) {
        self.text = text
        let tags = DKIMTagList(text)
        syntaxProblems = tags.problems
        isPKCS1 = false
        if let version = tags.value("v") {
            if version != "DKIM1" { syntaxProblems.append("v=\(version) must be v=DKIM1") }
            if tags.tags.first?.name != "v" { syntaxProblems.append("v=DKIM1 must be the first tag") }
        }
        testing = (tags.value("t") ?? "").split(separator: ":").contains { $0.trimmingWhitespace() == "y" }
        hashes = tags.value("h").map { $0.split(separator: ":").map { $0.trimmingWhitespace().lowercased() } }
        let keyType = (tags.value("k") ?? "rsa").lowercased()
        guard let publicKey = tags.value("p") else {
            key = .invalid("the record has no p= tag with the public key")
            return
        }
        let compact = publicKey.filter { !$0.isWhitespace }
        if compact.isEmpty {
            key = .revoked
            return
        }
        guard let der = Base64.decode(compact) else {
            key = .invalid("the p= value is not valid Base64 (a line break or quote pasted into it?)")
            return
        }
        switch keyType {
        case "rsa":
            do {
                let (bits, format) = try RSAPublicKey.modulusBits(der: der)
                key = .rsa(bits: bits)
                isPKCS1 = format == .pkcs1
            } catch {
                key = .invalid("the p= value is not a valid RSA public key (\(error))")
            }
        case "ed25519":
            key = der.count == 32 ? .ed25519 : .invalid("an Ed25519 key must be 32 bytes, this one has \(der.count)")
        default:
            key = .unknown(keyType)
        }
    }
}
