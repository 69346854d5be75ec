import ByteText
import MailModel

/// Evaluates SPF for a client IP: RFC 7208 `check_host()`, with macros, include/redirect,
/// the 10-lookup and 2-void-lookup limits and `exp=` explanations.
public struct SPFEvaluator: Sendable {
    private let resolver: any DNSResolving
    /// DNS-querying mechanisms allowed per evaluation (RFC 7208 §4.6.4: 10).
    public var lookupLimit = 10
    /// Lookups returning no data allowed per evaluation (RFC 7208 §4.6.4: 2).
    public var voidLookupLimit = 2

    /// Creates an evaluator that asks `resolver`.
    public init(resolver: any DNSResolving) {
        self.resolver = resolver
    }

    /// Evaluates SPF for mail from `sender` (MAIL FROM; empty for bounces) sent by `ip` after `HELO helo`.
    ///
    /// An empty sender means the HELO identity is checked: the sender becomes `postmaster@<helo>`.
    public func checkHost(ip: IPAddress, sender: String, helo: String) async -> SPFVerdict {
        var mailFrom = sender
        if mailFrom.isEmpty { mailFrom = "postmaster@" + helo }
        var localPart = ""
        var domain = mailFrom
        if let at = mailFrom.lastIndex(of: "@") {
            localPart = String(mailFrom[..<at])
            domain = String(mailFrom[mailFrom.index(after: at)...])
        }
        if localPart.isEmpty {
            localPart = "postmaster"
            mailFrom = "postmaster@" + domain
        }
        let context = SPFMacroContext(
            sender: mailFrom, localPart: localPart, senderDomain: domain, domain: domain, ip: ip.unmapped, helo: helo)
        return await checkHost(context: context)
    }

    /// Evaluates SPF for `domain` with an explicit macro context.
    func checkHost(context: SPFMacroContext) async -> SPFVerdict {
        let run = SPFRun()
        let outcome: SPFRunOutcome
        do {
            outcome = try await evaluate(
                domain: context.domain, context: context, run: run, wantExplanation: true, depth: 0)
        } catch {
            switch error {
            case .permerror(let reason):
                outcome = SPFRunOutcome(result: .permerror, path: run.errorPath, reason: reason)
            case .temperror(let reason):
                outcome = SPFRunOutcome(result: .temperror, path: run.errorPath, reason: reason)
            }
        }
        return SPFVerdict(
            result: outcome.result, mechanism: outcome.path.isEmpty ? nil : outcome.path.joined(separator: " → "),
            explanation: outcome.explanation, reason: outcome.reason, lookups: run.lookups, voidLookups: run.voids)
    }

    // MARK: - check_host()

    private func evaluate(domain: String, context: SPFMacroContext, run: SPFRun, wantExplanation: Bool, depth: Int)
        async throws(SPFAbort) -> SPFRunOutcome
    {
        var context = context
        context.domain = DNSName.normalize(domain)
        let domain = context.domain
        if let problem = DNSName.wireProblem(domain) {
            return SPFRunOutcome(result: .none, reason: "\"\(domain)\" is not a valid domain: \(problem)")
        }
        if !domain.contains(".") {
            return SPFRunOutcome(result: .none, reason: "\"\(domain)\" is not a fully qualified domain")
        }
        let record: SPFRecord
        switch await fetchRecord(domain) {
        case .none(let reason): return SPFRunOutcome(result: .none, reason: reason)
        case .temperror(let reason):
            throw .temperror(reason)
        case .permerror(let reason):
            throw .permerror(reason)
        case .record(let parsed): record = parsed
        }

        for mechanism in record.mechanisms {
            if mechanism.countsAsLookup {
                try run.countLookup(limit: lookupLimit, at: "\(mechanism.text) in \(domain)")
            }
            let matched: Bool
            var innerPath: [String] = []
            do {
                (matched, innerPath) = try await matches(mechanism, context: context, run: run, depth: depth)
            } catch {
                if run.errorPath.isEmpty { run.errorPath = ["\(mechanism.text) in \(domain)"] }
                throw error
            }
            if matched {
                let result = mechanism.qualifier.result
                var outcome = SPFRunOutcome(
                    result: result, path: ["\(mechanism.text) in \(domain)"] + innerPath,
                    reason: "\"\(mechanism.text)\" matched in the SPF record of \(domain)")
                if result == .fail, wantExplanation, let exp = record.explanation {
                    outcome.explanation = await explanation(exp, context: context, run: run)
                }
                return outcome
            }
        }

        if let redirect = record.redirect {
            try run.countLookup(limit: lookupLimit, at: "redirect=\(redirect.text) in \(domain)")
            let target = try await expandDomain(redirect, context: context, run: run)
            let inner = try await evaluate(
                domain: target, context: context, run: run, wantExplanation: wantExplanation, depth: depth + 1)
            if inner.result == .none {
                run.errorPath = ["redirect=\(redirect.text) in \(domain)"]
                throw .permerror("redirect=\(target) points to a domain without an SPF record (\(inner.reason))")
            }
            var outcome = inner
            outcome.path = ["redirect=\(target) in \(domain)"] + inner.path
            return outcome
        }
        return SPFRunOutcome(
            result: .neutral, reason: "no mechanism matched in the SPF record of \(domain), so the default is neutral")
    }

    /// Looks up and selects the domain's single SPF record (RFC 7208 §4.4–4.5).
    private func fetchRecord(_ domain: String) async -> RecordLookup {
        let answer = await resolver.resolve(domain, .txt)
        switch answer.outcome {
        case .nxdomain: return .none("\(domain) does not exist")
        case .noData: return .none("\(domain) has no TXT records")
        case .servfail, .refused, .timeout, .failure:
            return .temperror("the TXT lookup for \(domain) failed: \(answer.outcome.explanation)")
        case .answer: break
        }
        let candidates = answer.texts.filter(SPFRecord.isSPF)
        guard !candidates.isEmpty else { return .none("\(domain) has no SPF record") }
        guard candidates.count == 1 else {
            return .permerror("\(domain) publishes \(candidates.count) SPF records; exactly one is allowed")
        }
        do {
            return .record(try SPFParser.parse(candidates[0]))
        } catch {
            return .permerror("the SPF record of \(domain) has a syntax error \(error)")
        }
    }

    // MARK: - Mechanisms

    private func matches(_ mechanism: SPFMechanism, context: SPFMacroContext, run: SPFRun, depth: Int)
        async throws(SPFAbort) -> (Bool, [String])
    {
        let ip = context.ip
        switch mechanism.kind {
        case .all:
            return (true, [])
        case .ip4(let network, let prefix):
            return (ip.isV4 && ip.isIn(network, prefix: prefix), [])
        case .ip6(let network, let prefix):
            return (!ip.isV4 && ip.isIn(network, prefix: prefix), [])
        case .include(let spec):
            let target = try await expandDomain(spec, context: context, run: run)
            let inner = try await evaluate(
                domain: target, context: context, run: run, wantExplanation: false, depth: depth + 1)
            switch inner.result {
            case .pass: return (true, inner.path)
            case .fail, .softfail, .neutral: return (false, [])
            case .temperror: throw .temperror(inner.reason)
            case .permerror: throw .permerror(inner.reason)
            case .none:
                throw .permerror("include:\(target) points to a domain without an SPF record (\(inner.reason))")
            }
        case .a(let spec, let cidr4, let cidr6):
            let target = try await targetName(spec, context: context, run: run)
            guard let target else { return (false, []) }
            let addresses = try await addresses(of: target, v4: ip.isV4, run: run, countVoid: true)
            return (addresses.contains { ip.isIn($0, prefix: (ip.isV4 ? cidr4 ?? 32 : cidr6 ?? 128)) }, [])
        case .mx(let spec, let cidr4, let cidr6):
            let target = try await targetName(spec, context: context, run: run)
            guard let target else { return (false, []) }
            let answer = await resolver.resolve(target, .mx)
            switch answer.outcome {
            case .answer: break
            case .noData, .nxdomain:
                try run.countVoid(limit: voidLookupLimit, at: target)
                return (false, [])
            default: throw .temperror("the MX lookup for \(target) failed: \(answer.outcome.explanation)")
            }
            guard answer.records.count <= 10 else {
                throw .permerror("\(target) has \(answer.records.count) MX records; SPF allows at most 10 for \"mx\"")
            }
            let prefix = ip.isV4 ? cidr4 ?? 32 : cidr6 ?? 128
            for record in answer.records {
                guard case .mx(_, let exchange) = record, !exchange.isEmpty else { continue }
                let addresses = try await addresses(of: exchange, v4: ip.isV4, run: run, countVoid: false)
                if addresses.contains(where: { ip.isIn($0, prefix: prefix) }) { return (true, []) }
            }
            return (false, [])
        case .ptr(let spec):
            let target = try await targetName(spec, context: context, run: run)
            guard let target else { return (false, []) }
            let names = await validatedNames(ip: ip, run: run)
            if run.ptrWasVoid { try run.countVoid(limit: voidLookupLimit, at: ip.reverseName) }
            return (names.contains { DNSName.isSubdomain($0, of: target) }, [])
        case .exists(let spec):
            let target = try await targetName(spec, context: context, run: run)
            guard let target else { return (false, []) }
            let answer = await resolver.resolve(target, .a)
            switch answer.outcome {
            case .answer: return (true, [])
            case .noData, .nxdomain:
                try run.countVoid(limit: voidLookupLimit, at: target)
                return (false, [])
            default: throw .temperror("the A lookup for \(target) failed: \(answer.outcome.explanation)")
            }
        }
    }

    /// The expanded target of a/mx/ptr/exists, or nil when it is not a name DNS can look up (no match).
    private func targetName(_ spec: SPFMacroString?, context: SPFMacroContext, run: SPFRun) async throws(SPFAbort)
        -> String?
    {
        guard let spec else { return context.domain }
        let name = try await expandDomain(spec, context: context, run: run)
        return DNSName.wireProblem(name) == nil ? name : nil
    }

    /// A or AAAA addresses of `name`; no data counts as a void lookup when asked.
    private func addresses(of name: String, v4: Bool, run: SPFRun, countVoid: Bool) async throws(SPFAbort)
        -> [IPAddress]
    {
        guard DNSName.wireProblem(name) == nil else { return [] }
        let answer = await resolver.resolve(name, v4 ? .a : .aaaa)
        switch answer.outcome {
        case .answer: return answer.addresses.compactMap(IPAddress.init)
        case .noData, .nxdomain:
            if countVoid { try run.countVoid(limit: voidLookupLimit, at: name) }
            return []
        default: throw .temperror("the \(v4 ? "A" : "AAAA") lookup for \(name) failed: \(answer.outcome.explanation)")
        }
    }

    /// PTR names of `ip` confirmed by a forward lookup (at most 10 names are tried, RFC 7208 §4.6.4).
    private func validatedNames(ip: IPAddress, run: SPFRun) async -> [String] {
        if let cached = run.validatedNames { return cached }
        let answer = await resolver.resolve(ip.reverseName, .ptr)
        var names: [String] = []
        run.ptrWasVoid = answer.outcome == .noData || answer.outcome == .nxdomain
        for record in answer.records.prefix(10) {
            guard case .ptr(let name) = record, DNSName.wireProblem(name) == nil else { continue }
            let forward = await resolver.resolve(name, ip.isV4 ? .a : .aaaa)
            if forward.addresses.compactMap(IPAddress.init).contains(ip) { names.append(name) }
        }
        run.validatedNames = names
        return names
    }

    // MARK: - Macros

    /// Expands a domain-spec and trims it to 253 characters.
    private func expandDomain(_ spec: SPFMacroString, context: SPFMacroContext, run: SPFRun) async throws(SPFAbort)
        -> String
    {
        SPFMacroContext.truncateDomain(await expand(spec, context: context, run: run))
    }

    private func expand(_ string: SPFMacroString, context: SPFMacroContext, run: SPFRun) async -> String {
        var out = ""
        for token in string.tokens {
            switch token {
            case .literal(let text), .escape(let text): out += text
            case .macro(let macro):
                var validated: String?
                if macro.letter == "p" { validated = await pName(context: context, run: run) }
                out += SPFMacroContext.transform(context.rawValue(macro.letter, validatedName: validated), macro)
            }
        }
        return out
    }

    /// `%{p}`: a validated name of the client, preferring the domain itself or one of its subdomains.
    private func pName(context: SPFMacroContext, run: SPFRun) async -> String {
        let names = await validatedNames(ip: context.ip, run: run)
        if let exact = names.first(where: { $0 == context.domain }) { return exact }
        if let sub = names.first(where: { DNSName.isSubdomain($0, of: context.domain) }) { return sub }
        return names.first ?? "unknown"
    }

    /// The `exp=` text, or nil whenever anything about it is wrong (RFC 7208 §6.2).
    private func explanation(_ spec: SPFMacroString, context: SPFMacroContext, run: SPFRun) async -> String? {
        let name = SPFMacroContext.truncateDomain(await expand(spec, context: context, run: run))
        guard DNSName.wireProblem(name) == nil else { return nil }
        let answer = await resolver.resolve(name, .txt)
        guard answer.outcome == .answer, answer.texts.count == 1, let text = answer.texts.first, text.isASCII,
            let parsed = try? SPFMacroString.parse(Substring(text), explanation: true)
        else { return nil }
        return await expand(parsed, context: context, run: run)
    }
}
