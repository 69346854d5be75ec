import Localization
import MailModel

/// Whether a probe may connect to one address and port, and if not, why.
public enum PolicyDecision: Sendable, Hashable {
    /// The connection is allowed.
    case allowed
    /// The connection is refused; the refusal says why in words.
    case refused(PolicyRefusal)

    /// Whether the connection is allowed.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }

    /// The refusal, when refused.
    public var refusal: PolicyRefusal? {
        if case .refused(let refusal) = self { return refusal }
        return nil
    }
}

/// Why ``TargetPolicy`` refused a connection.
public struct PolicyRefusal: Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Hashable {
        /// The address is not a public internet address; the text names its kind.
        case nonPublicAddress(String)
        /// The port is not a mail port.
        case port(Int)
    }

    /// What was wrong.
    public var reason: Reason
    /// The address that was refused.
    public var address: IPAddress
    /// The port that was refused.
    public var port: Int

    /// Creates a refusal.
    public init(reason: Reason, address: IPAddress, port: Int) {
        self.reason = reason
        self.address = address
        self.port = port
    }

    /// A sentence for people, in English: what was refused and how an operator could allow it. An
    /// IPv4-mapped address (`::ffff:7f00:1`) is named as the IPv4 address it carries (127.0.0.1).
    public var description: String { text.english }

    /// The sentence, to be shown in the reader's language.
    public var text: LocalizedText {
        switch reason {
        case .nonPublicAddress(let kind):
            // The kind of address as a translatable phrase when it is the one the policy names (as it
            // always is for a refusal the policy made), else as given.
            let kindText =
                TargetPolicy.nonPublicKindText(of: address).flatMap { $0.english == kind ? $0 : nil }
                ?? .verbatim(kind)
            return L(
                "\(address.unmapped) is \(kindText), not a public internet address, so MailDoctor does not connect to it (use --allow-private to test servers on your own network)."
            )
        case .port(let port):
            let ports = TargetPolicy.mailPorts.sorted().map(String.init).joined(separator: ", ")
            return L(
                "Port \(port) is not a mail port (\(ports)), so MailDoctor does not connect to it (use --allow-private to test other ports)."
            )
        }
    }
}
