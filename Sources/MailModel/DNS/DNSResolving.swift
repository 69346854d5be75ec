/// Answers DNS questions. The implementations live in `DNSResolver`: `CAresResolver` (the live one), `InMemoryResolver`
/// (tests, scripted sessions) and the caching and budget wrappers.
///
/// Implementations never throw: every failure is a ``DNSOutcome`` so checks can tell
/// "no record" from "could not find out".
public protocol DNSResolving: Sendable {
    /// Asks one question and returns the answer, with CNAME chains followed.
    func resolve(_ question: DNSQuestion) async -> DNSAnswer
}

extension DNSResolving {
    /// Asks for records of `type` at `name`.
    public func resolve(_ name: String, _ type: DNSRecordType) async -> DNSAnswer {
        await resolve(DNSQuestion(name, type))
    }
}
