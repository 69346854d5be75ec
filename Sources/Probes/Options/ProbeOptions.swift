#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Options for the network probes (smtp, submission, imap, pop3).
public struct ProbeOptions: Sendable {
    /// The deadline for one whole probe (every host and port of one check id).
    public var timeout: Duration
    /// The deadline for each stage (connect, banner, EHLO, TLS…); capped by `timeout`.
    public var stageTimeout: Duration
    /// An address to test with MAIL FROM:<> and RCPT TO (smtp only; DATA is never sent).
    public var rcpt: String?
    /// A user name for a login test (submission, imap, pop3); the test needs `password` too.
    public var loginUser: String?
    /// Gives the password for a login test, asked at most once per probe and only when a login is
    /// attempted (after TLS); nil means no password. The password is sent only over TLS and never appears
    /// in results or transcripts. The closure runs on a Swift concurrency thread: a terminal prompt should
    /// be answered before the probe starts (capture the answer), not block inside the closure.
    public var password: @Sendable () -> String?
    /// Which addresses and ports may be probed.
    public var policy: TargetPolicy
    /// The name the probe gives in EHLO (an unusable name is replaced by `maildoctor.invalid`).
    public var ehloName: String
    /// A banner slower than this is reported as a deliberate delay (tarpit), not a failure.
    public var tarpitThreshold: Duration
    /// For `host:port` targets: TLS from the first byte or STARTTLS (nil: by port, 465/993/995 are implicit).
    public var tlsMode: TLSMode?
    /// Where to look when port 25 cannot be reached, to tell a blocked network from a dead server
    /// (nil: no control probe).
    public var control: ControlTargets?
    /// At most this many MX hosts are probed, in order of preference.
    public var maxMXHosts: Int
    /// Extra certificate authorities (DER) trusted besides the system's.
    public var extraTrustRoots: [[UInt8]]
    /// Connect to these ports instead of the standard ones (`[25: 2525]`), for a lab or test setup whose
    /// servers listen on unprivileged ports. The policy and the results speak of the standard port.
    public var portMap: [Int: Int] = [:]

    /// Creates options; every parameter has a default.
    public init(
        timeout: Duration = .seconds(30), stageTimeout: Duration = .seconds(10), rcpt: String? = nil,
        loginUser: String? = nil, password: @escaping @Sendable () -> String? = { nil },
        policy: TargetPolicy = .strict, ehloName: String = ProbeOptions.defaultEHLOName(),
        tarpitThreshold: Duration = .seconds(5), tlsMode: TLSMode? = nil, control: ControlTargets? = .standard,
        maxMXHosts: Int = 5, extraTrustRoots: [[UInt8]] = []
    ) {
        self.timeout = timeout
        self.stageTimeout = stageTimeout
        self.rcpt = rcpt
        self.loginUser = loginUser
        self.password = password
        self.policy = policy
        self.ehloName = ehloName
        self.tarpitThreshold = tarpitThreshold
        self.tlsMode = tlsMode
        self.control = control
        self.maxMXHosts = maxMXHosts
        self.extraTrustRoots = extraTrustRoots
    }

    /// Reads the password from an environment variable (default `MAILDOCTOR_PASSWORD`) when asked.
    public static func passwordFromEnvironment(_ name: String = "MAILDOCTOR_PASSWORD") -> @Sendable () -> String? {
        {
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }
    }

    /// This machine's host name when it is fully qualified, otherwise `maildoctor.invalid`.
    public static func defaultEHLOName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "maildoctor.invalid" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return isUsableEHLOName(name) ? name : "maildoctor.invalid"
    }

    /// Whether a name may be sent in EHLO: letters, digits, hyphens and dots, with at least one dot,
    /// or an address literal like `[192.0.2.1]`.
    public static func isUsableEHLOName(_ name: String) -> Bool {
        if name.hasPrefix("[") && name.hasSuffix("]") {
            return name.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
                && name.count > 2
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && name.utf8.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63
                    && label.utf8.allSatisfy { byte in
                        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                            || byte == 0x2D
                    }
            }
    }
}

/// How TLS starts on a connection.
public enum TLSMode: String, Sendable, CaseIterable {
    /// Plain text first, then STARTTLS / STLS (ports 25, 587, 143, 110).
    case starttls
    /// TLS from the first byte (ports 465, 993, 995).
    case implicit
}

/// Well-known endpoints used to tell "your network blocks outbound port 25" from "their server is down".
public struct ControlTargets: Sendable, Hashable {
    /// A mail server that accepts connections on `mailPort` from any unblocked network.
    public var mailHost: String
    /// Normally 25.
    public var mailPort: Int
    /// A server reachable from any connected network on `webPort`.
    public var webHost: String
    /// Normally 443.
    public var webPort: Int

    /// Creates control targets (tests point these at loopback listeners).
    public init(mailHost: String, mailPort: Int = 25, webHost: String, webPort: Int = 443) {
        self.mailHost = mailHost
        self.mailPort = mailPort
        self.webHost = webHost
        self.webPort = webPort
    }

    /// Google's inbound mail server on 25 and its web server on 443.
    public static let standard = ControlTargets(mailHost: "gmail-smtp-in.l.google.com", webHost: "www.google.com")
}
