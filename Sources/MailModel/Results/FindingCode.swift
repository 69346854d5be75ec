/// The stable code of a ``Finding``, such as `spf.too-many-lookups`: the check's id, a dot and the
/// observation, never renamed once shipped. In JSON it is the plain string.
///
/// The module that owns a check declares its codes as static members (`FindingCode.spfTooManyLookups` in
/// `Checks`, `FindingCode.probeTargetRefused` in `Probes`), and every other module names them from there.
public struct FindingCode: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The code as written in `check --json` and after a finding in text: `mx.null`.
    public var rawValue: String

    /// Wraps a code.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A code made of a check's id and the observation: `FindingCode(.smtp, "dns-error")` is `smtp.dns-error`.
    public init(_ check: CheckID, _ observation: String) {
        self.rawValue = check.rawValue + "." + observation
    }

    /// The code as written: `mx.null`.
    public var description: String { rawValue }

    /// `probe.target-refused`: a probe did not connect because the target policy refuses the address (a
    /// private or loopback address, a host not on the allow-list). The probes make it; it is named here
    /// because the conversation, which does not link the probes, answers such a result differently.
    public static let probeTargetRefused = FindingCode(rawValue: "probe.target-refused")
}
