import ByteText
import Localization
import MailModel

/// The selector and domain of a pasted `DKIM-Signature:` header (its `s=` and `d=` tags).
public struct DKIMSignatureHeader: Sendable, Equatable {
    /// The `d=` signing domain.
    public var domain: String
    /// The `s=` selector.
    public var selector: String
    /// The `a=` algorithm, if given.
    public var algorithm: String?

    /// Parses a header, with or without the `DKIM-Signature:` name, folded or not.
    ///
    /// - Throws: ``TargetError`` when `s=` or `d=` is missing or malformed.
    public static func parse(_ text: String) throws(TargetError) -> DKIMSignatureHeader {
        var body = Substring(text)
        if let colon = body.firstIndex(of: ":"), body[..<colon].trimmingWhitespace().lowercased() == "dkim-signature" {
            body = body[body.index(after: colon)...]
        }
        let unfolded = body.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
        let tags = DKIMTagList(unfolded)
        guard let selector = tags.value("s")?.filter({ !$0.isWhitespace }), !selector.isEmpty else {
            throw TargetError(
                L(
                    "The pasted DKIM-Signature has no s= (selector) tag; paste the whole header, including its continuation lines."
                )
            )
        }
        guard let domain = tags.value("d")?.filter({ !$0.isWhitespace }), !domain.isEmpty else {
            throw TargetError(
                L(
                    "The pasted DKIM-Signature has no d= (domain) tag; paste the whole header, including its continuation lines."
                )
            )
        }
        let normalized = DNSName.normalize(domain)
        if let problem = DNSName.hostnameProblem(normalized) {
            throw TargetError(
                L("The d= tag of the pasted DKIM-Signature (\"\(domain)\") is not a valid domain: \(problem)."))
        }
        if let problem = DNSName.wireProblem(selector + "._domainkey." + normalized) {
            throw TargetError(
                L("The s= tag of the pasted DKIM-Signature (\"\(selector)\") cannot be looked up: \(problem)."))
        }
        return DKIMSignatureHeader(
            domain: normalized, selector: DNSName.normalize(selector), algorithm: tags.value("a"))
    }
}
