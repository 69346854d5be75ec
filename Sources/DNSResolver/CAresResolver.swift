import ByteText
import CAres
import MailModel

/// The live resolver: c-ares driven on its own thread, bridged to `async` with continuations.
///
/// Every query has a hard deadline of `timeoutMS × tries`; at most 128 queries are in flight at
/// once (the rest wait in a queue) and the UDP receive buffer is 4 MiB, so bursts of a thousand
/// DNSBL lookups do not overflow the socket.
public final class CAresResolver: DNSResolving {
    private let engine: CAresEngine

    /// The server in use ("HOST:PORT"), or nil for the system's resolv.conf.
    public let server: String?

    /// Creates a resolver.
    ///
    /// - Parameters:
    ///   - server: "HOST:PORT" (IPv6 as "[addr]:port"; the port may be omitted for 53), or nil
    ///     for the servers in /etc/resolv.conf.
    ///   - timeoutMS: how long each try waits for an answer, in milliseconds.
    ///   - tries: how many times a question is sent before it times out.
    /// - Throws: ``ResolverError`` when the server text is not an IP address with a port, or c-ares fails.
    public init(server: String?, timeoutMS: Int, tries: Int) throws(ResolverError) {
        guard timeoutMS > 0 else { throw ResolverError("the DNS timeout must be positive") }
        guard tries > 0 else { throw ResolverError("the number of DNS tries must be at least 1") }
        var serverCSV: String?
        if let server {
            serverCSV = try CAresResolver.serverCSV(server)
        }
        self.server = server
        self.engine = try CAresEngine(serverCSV: serverCSV, timeoutMS: timeoutMS, tries: tries, window: 128)
    }

    deinit {
        engine.shutdown()
    }

    /// Asks one question; returns when the answer arrives, the deadline passes or the task is cancelled.
    ///
    /// When the server returns an alias without the target's records (an authoritative server whose
    /// CNAME points into another zone), the target is asked in turn, up to 8 aliases deep.
    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        var answer = await resolveOnce(question)
        var hops = 0
        while answer.outcome == .noData, let target = answer.cnameChain.last, question.type != .cname, hops < 8 {
            hops += 1
            let next = await resolveOnce(DNSQuestion(target, question.type))
            if next.cnameChain.contains(where: { answer.cnameChain.contains($0) || $0 == question.name }) {
                return DNSAnswer(
                    question: question, outcome: .failure("CNAME loop at \(target)"), cnameChain: answer.cnameChain)
            }
            answer = DNSAnswer(
                question: question, outcome: next.outcome, records: next.records,
                cnameChain: answer.cnameChain + next.cnameChain)
        }
        return answer
    }

    private func resolveOnce(_ question: DNSQuestion) async -> DNSAnswer {
        if let problem = DNSName.wireProblem(question.name) {
            return DNSAnswer(
                question: question, outcome: .failure("\"\(question.name)\" cannot be looked up: \(problem)"))
        }
        let pending = PendingQuery(question: question)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pending.attach(continuation)
                engine.submit(pending)
            }
        } onCancel: {
            pending.finish(.failure("the lookup was cancelled"))
        }
    }

    /// How many questions this resolver has sent to c-ares so far.
    public var queriesSent: Int {
        engine.queriesSent
    }

    /// Validates "HOST:PORT" and turns it into c-ares's server CSV syntax.
    public static func serverCSV(_ text: String) throws(ResolverError) -> String {
        let usage = "the resolver must be an IP address and port, like 127.0.0.1:5353 or [::1]:53 (got \"\(text)\")"
        var host = Substring(text.trimmingWhitespace())
        var port: Substring = "53"
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw ResolverError(usage) }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw ResolverError(usage) }
                port = rest.dropFirst()
            }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard let address = IPAddress(String(host)) else { throw ResolverError(usage) }
        guard let number = Int(port), (1...65535).contains(number) else {
            throw ResolverError("the resolver port must be between 1 and 65535 (got \"\(port)\")")
        }
        return address.isV4 ? "\(address):\(number)" : "[\(address)]:\(number)"
    }
}
