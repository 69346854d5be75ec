/// A setting the engine cannot be built with. ``message`` says what is wrong in a sentence a person can
/// act on; ``setting`` says which setting it is, so that a front end can name where the value came from
/// (`--dnsbl: …`, `MAILDOCTOR_DNSBL: …`, `@dnsbl: …`).
public enum EngineSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider profile named is not in the knowledge base; `known` lists the ones that are.
    case unknownProvider(String, known: [String])
    /// The resolver is not an IP address and port (the reason says why).
    case badResolver(String)
    /// A deadline, in seconds, is not more than 0 and at most 300.
    case badTimeout(Double)
    /// The blocklist list is empty or names a zone that cannot be queried (the reason says which).
    case badDNSBLZones(String)
    /// An allowed host is not a host name, an address or a network (the reason says which).
    case badAllowHosts(String)
    /// The probes are neither `fixture` nor `none` (the word given).
    case badProbes(String)
    /// The test fixture was asked for (`fixture` resolver or probes) but its address or ports were not
    /// given: the test servers are not running.
    case fixtureUnavailable(EngineSettings.Setting)

    /// The setting at fault.
    public var setting: EngineSettings.Setting {
        switch self {
        case .unknownProvider: .provider
        case .badResolver: .resolver
        case .badTimeout: .timeout
        case .badDNSBLZones: .dnsbl
        case .badAllowHosts: .allowHosts
        case .badProbes: .probes
        case .fixtureUnavailable(let setting): setting
        }
    }

    /// What is wrong, in one sentence, without saying where the value came from.
    public var message: String {
        switch self {
        case .unknownProvider(let name, let known):
            "unknown provider '\(name)'; known: \((known + ["none"]).joined(separator: ", "))"
        case .badResolver(let reason), .badDNSBLZones(let reason), .badAllowHosts(let reason):
            reason
        case .badTimeout(let seconds):
            "the timeout must be more than 0 and at most \(Int(EngineSettings.maximumTimeout)) seconds (got \(Self.format(seconds)))"
        case .badProbes(let word):
            "probes must be fixture or none, not '\(word)'"
        case .fixtureUnavailable(.probes):
            "the test mail servers are not running (their ports were not given)"
        case .fixtureUnavailable:
            "the test DNS server is not running (its address was not given)"
        }
    }

    /// The ``message``.
    public var description: String { message }

    /// `3` for 3.0, `0.5` for 0.5.
    private static func format(_ seconds: Double) -> String {
        if seconds.isFinite, seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int(seconds)) }
        return String(seconds)
    }
}
