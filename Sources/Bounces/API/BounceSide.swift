/// Whose side a delivery problem is on.
public enum BounceSide: String, Sendable, Equatable, CaseIterable, Codable {
    /// The sender (you): configuration, authentication, reputation, content, limits.
    case sender
    /// The recipient: unknown address, full or disabled mailbox, moved address.
    case recipient
    /// The receiving server's policy: filters, blocks, rules the receiver chose.
    case receivingPolicy
    /// The network or a temporary condition on the way: DNS, timeouts, busy servers.
    case network
    /// Not enough information to say.
    case unknown
}
