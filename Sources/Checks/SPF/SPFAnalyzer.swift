import MailModel

/// Walks a domain's SPF record and everything it includes or redirects to, without a client IP:
/// counts the DNS lookups and void lookups an evaluation can cost and finds broken branches.
struct SPFAnalyzer: Sendable {
    let resolver: any DNSResolving

    /// One record in the include/redirect tree.
    struct Node: Sendable {
        /// How this record was reached: "" for the top, "include:x" or "redirect=x".
        var via: String
        var domain: String
        var record: SPFRecord?
        /// Why the record could not be used, if it could not.
        var problem: Problem?
        /// Lookups this record itself costs (include/a/mx/ptr/exists, plus redirect when used).
        var ownLookups = 0
        /// Lookups of this record that found nothing (a/mx targets without data).
        var voidTargets: [String] = []
        /// Targets whose DNS lookup failed.
        var failedTargets: [String] = []
        /// mx mechanisms whose domain has more than 10 MX records.
        var oversizedMX: [String] = []
        var children: [Node] = []

        /// Lookups of this record and everything under it.
        var totalLookups: Int { ownLookups + children.reduce(0) { $0 + $1.totalLookups } }
        /// Void lookups of this record and everything under it.
        var totalVoids: Int { voidTargets.count + children.reduce(0) { $0 + $1.totalVoids } }

        /// Every node, depth first.
        var flattened: [Node] { [self] + children.flatMap(\.flattened) }
    }

    /// Why a record in the tree is unusable.
    enum Problem: Sendable {
        case missing(String)
        case multiple(Int)
        case syntax(SPFSyntaxError, String)
        case dns(DNSOutcome)
        case loop
        case tooDeep
    }

    /// Analyses `domain`, whose record has already been fetched and parsed.
    func analyze(domain: String, record: SPFRecord) async -> Node {
        await analyze(via: "", domain: domain, record: record, path: [domain], depth: 0)
    }

    private func analyze(via: String, domain: String, record: SPFRecord, path: [String], depth: Int) async -> Node {
        var node = Node(via: via, domain: domain, record: record)
        let usesRedirect = record.redirect != nil && record.allMechanism == nil
        node.ownLookups = record.mechanisms.filter(\.countsAsLookup).count + (usesRedirect ? 1 : 0)

        var branches: [(label: String, target: String)] = []
        var probes: [(target: String, kind: ProbeKind)] = []
        for mechanism in record.mechanisms {
            switch mechanism.kind {
            case .include(let spec):
                if let target = spec.literalValue { branches.append(("include:" + target, target)) }
            case .a(let spec, _, _):
                if let target = spec?.literalValue ?? (spec == nil ? domain : nil) { probes.append((target, .address)) }
            case .mx(let spec, _, _):
                if let target = spec?.literalValue ?? (spec == nil ? domain : nil) { probes.append((target, .mx)) }
            case .exists(let spec):
                if let target = spec.literalValue { probes.append((target, .exists)) }
            case .all, .ip4, .ip6, .ptr:
                break
            }
        }
        if usesRedirect, let target = record.redirect?.literalValue {
            branches.append(("redirect=" + target, target))
        }

        // Probes and branches are independent: ask everything at once, keep the record's order.
        let probeOutcomes = await withTaskGroup(of: (Int, ProbeOutcome).self) { group in
            for (index, probe) in probes.enumerated() {
                group.addTask { (index, await self.probe(probe.target, kind: probe.kind)) }
            }
            var outcomes: [(Int, ProbeOutcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for (probe, outcome) in zip(probes, probeOutcomes) {
            let target = DNSName.normalize(probe.target)
            switch outcome {
            case .found, .skipped: break
            case .void: node.voidTargets.append(target)
            case .failed: node.failedTargets.append(target)
            case .oversizedMX: node.oversizedMX.append(target)
            }
        }
        node.children = await withTaskGroup(of: (Int, Node).self) { group in
            for (index, branch) in branches.enumerated() {
                group.addTask {
                    (index, await self.branch(branch.label, rawTarget: branch.target, path: path, depth: depth))
                }
            }
            var children: [(Int, Node)] = []
            for await child in group { children.append(child) }
            return children.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return node
    }

    /// One include or redirect: a loop, too deep, a broken target or the analysed child record.
    private func branch(_ label: String, rawTarget: String, path: [String], depth: Int) async -> Node {
        let target = DNSName.normalize(SPFMacroContext.truncateDomain(rawTarget))
        if path.contains(target) { return Node(via: label, domain: target, problem: .loop) }
        if depth >= 10 { return Node(via: label, domain: target, problem: .tooDeep) }
        switch await fetch(target) {
        case .success(let child):
            return await analyze(via: label, domain: target, record: child, path: path + [target], depth: depth + 1)
        case .failure(let problem):
            return Node(via: label, domain: target, problem: problem.problem)
        }
    }

    /// Fetches and parses the single SPF record of `domain`.
    func fetch(_ domain: String) async -> Result<SPFRecord, ProblemBox> {
        let answer = await resolver.resolve(domain, .txt)
        switch answer.outcome {
        case .nxdomain: return .failure(ProblemBox(.missing("\(domain) does not exist")))
        case .noData: return .failure(ProblemBox(.missing("\(domain) has no TXT records")))
        case .answer: break
        default: return .failure(ProblemBox(.dns(answer.outcome)))
        }
        let records = answer.texts.filter(SPFRecord.isSPF)
        guard !records.isEmpty else { return .failure(ProblemBox(.missing("\(domain) has no SPF record"))) }
        guard records.count == 1 else { return .failure(ProblemBox(.multiple(records.count))) }
        do {
            return .success(try SPFParser.parse(records[0]))
        } catch {
            return .failure(ProblemBox(.syntax(error, records[0])))
        }
    }

    /// What a/mx/exists targets are looked up for.
    enum ProbeKind: Sendable {
        case address, mx, exists
    }

    /// What a target lookup found.
    enum ProbeOutcome: Sendable {
        case found, void, failed, oversizedMX, skipped
    }

    /// Looks up an a/mx/exists target the way an evaluation would, to find void and failing lookups.
    private func probe(_ rawTarget: String, kind: ProbeKind) async -> ProbeOutcome {
        let target = DNSName.normalize(rawTarget)
        guard DNSName.wireProblem(target) == nil else { return .skipped }
        switch kind {
        case .mx:
            let answer = await resolver.resolve(target, .mx)
            switch answer.outcome {
            case .answer: return answer.records.count > 10 ? .oversizedMX : .found
            case .noData, .nxdomain: return .void
            default: return .failed
            }
        case .address, .exists:
            async let v4 = resolver.resolve(target, .a)
            async let v6 = kind == .address ? resolver.resolve(target, .aaaa) : nil
            let answers = [await v4, await v6].compactMap { $0 }
            if answers.contains(where: { !$0.outcome.isDefinitive }) { return .failed }
            return answers.contains { $0.outcome == .answer } ? .found : .void
        }
    }

    /// Draws the tree as indented lines: "include:x (3 lookups): v=spf1 …".
    static func render(_ node: Node, depth: Int = 0) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        let head = node.via.isEmpty ? node.domain : node.via
        var line = indent + head
        if let record = node.record {
            line += " [\(String.counted(node.ownLookups, "lookup"))]: \(record.text)"
        } else if let problem = node.problem {
            line += " — \(problem.shortText)"
        }
        return [line] + node.children.flatMap { render($0, depth: depth + 1) }
    }
}

/// A ``SPFAnalyzer/Problem`` wrapped as an `Error` for `Result`.
struct ProblemBox: Error, Sendable {
    var problem: SPFAnalyzer.Problem

    init(_ problem: SPFAnalyzer.Problem) {
        self.problem = problem
    }
}

extension SPFAnalyzer.Problem {
    /// A few words for the tree view.
    var shortText: String {
        switch self {
        case .missing(let reason): "no SPF record (\(reason))"
        case .multiple(let count): "\(count) SPF records (only one is allowed)"
        case .syntax(let error, _): "syntax error \(error)"
        case .dns(let outcome): "lookup failed (\(outcome.label))"
        case .loop: "loop: already included above"
        case .tooDeep: "nested too deeply"
        }
    }
}
