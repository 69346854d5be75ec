import Checks
import DNSResolver
import Foundation
import Knowledge
import Localization
import MailModel

extension ConversationEngine {
    /// Runs the checks a request names and explains the results, tied back to the articles.
    func runChecks(
        _ request: CheckRequest, session: Session, about articles: [String] = [], direction: Direction = .unknown,
        progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply) {
        guard let liveChecks = liveChecksWiring else {
            return (session, Reply(intent: .check, answer: tr("Live checks are not available in this session.")))
        }
        // A check answers whatever was being clarified: the next message is read on its own, not joined to
        // the text that asked for clarification ("et le dkim c'est quoi ?" after a check is about DKIM).
        var session = session
        if isClarifying(session) {
            session.stage = .answered
            session.pendingText = nil
        }
        // The domain checks are for the person's own domain: not the provider's servers, a word, a recipient's.
        let verdict = CheckTargetScreen.verdict(
            on: request, session: session,
            providerDomains: CheckTargetScreen.providerDomains(of: knowledge.localProvider),
            providerServers: CheckTargetScreen.providerServers(of: knowledge.localProvider),
            allowPrivate: liveChecks.options.allowPrivate)
        guard case .run(let request) = verdict else {
            return screenedReply(verdict, request: request, session: session)
        }
        let probeIDs = LiveChecks.probeIDs.filter { request.ids?.contains($0) ?? false }
        if probeIDs.isEmpty, case .ip(let text) = request.target, let address = IPAddress(text),
            !address.scope.isPublic, !liveChecks.options.allowPrivate
        {
            // "And if it is listed, what do I do?" is still about blocklists.
            if request.ids?.contains(.dnsbl) ?? true { session.give(LiveChecks.article(for: .dnsbl), withSteps: false) }
            return (
                session,
                Reply(
                    intent: .check,
                    answer: tr(
                        "\(text) is not a public internet address (it is private, loopback or reserved), so blocklists and reverse DNS say nothing about it. Give the public IP address of the sending server, as it appears in the bounce or in the message headers."
                    ))
            )
        }
        let resolver: any DNSResolving
        do {
            // One message may not send more than a budget of DNS questions, whatever the domain publishes.
            resolver = BudgetedResolver(
                try liveChecks.makeResolver(), limit: liveChecks.options.queryLimit, scope: "one message")
        } catch {
            return (session, Reply(intent: .check, answer: tr("I could not start the DNS lookups: \(error).")))
        }
        let dnsIDs = request.ids.map { $0.subtracting(LiveChecks.probeIDs) }
        if !probeIDs.isEmpty {
            guard let probes = liveChecks.probes else {
                return (
                    session,
                    Reply(
                        intent: .check,
                        answer:
                            tr(
                                "The network probes (\(probeIDs.map(\.rawValue).joined(separator: ", "))) are not available here; the DNS checks are."
                            )
                    )
                )
            }
            if let wait = await probes.admit(session.id, probeIDs.count) {
                let seconds = max(
                    1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
                return (
                    session,
                    Reply(
                        intent: .check,
                        answer: tr(
                            "You have run many server probes in a short time. Try again in \(seconds) s; the DNS checks (mx, spf, dmarc…) are not limited."
                        ))
                )
            }
        }
        session.lastCheck = request
        switch request.target {
        case .domain(let domain): session.entities.domain = domain
        case .ip(let address): session.entities.ip = address
        case .address(let local, let domain):
            session.entities.address = "\(local)@\(domain)"
            session.entities.domain = domain
        }
        var options = liveChecks.options
        options.only = dnsIDs
        // A recipient's domain is not expected to use the person's provider.
        if let domain = request.target.domain, CheckTargetScreen.isRecipientDomain(domain, of: session) {
            options.provider = nil
        }
        // The DKIM selector the person named ("the selector is s1", `s=s1`) is the one to look up.
        if let selector = session.entities.selector { options.dkimSelector = selector }
        // The person's sending IP, when known: may it send for this domain?
        if let ip = session.sendingIP, request.target.domain != nil { options.ip = ip }
        let checker = DNSChecker(resolver: CachingResolver(resolver), options: options)
        let dnsPlanned = dnsIDs?.isEmpty == true ? [] : checker.plannedChecks(for: request.target)
        let planned = dnsPlanned + probeIDs
        progress(
            ProgressEvent(
                text: tr("Checking \(planned.map(\.rawValue).joined(separator: ", ")) for \(request.probeTarget)…")))
        let (merged, continuation) = AsyncStream<CheckResult>.makeStream()
        let producer = Task {
            await withTaskGroup(of: Void.self) { group in
                if !dnsPlanned.isEmpty {
                    group.addTask { for await result in checker.run(request.target) { continuation.yield(result) } }
                }
                if let probes = liveChecks.probes, !probeIDs.isEmpty {
                    group.addTask {
                        for await result in probes.run(probeIDs, request.probeTarget, resolver) {
                            continuation.yield(result.bounded())
                        }
                    }
                }
            }
            continuation.finish()
        }
        var results: [CheckResult] = []
        await withTaskCancellationHandler {
            for await result in merged {
                results.append(result)
                progress(
                    ProgressEvent(
                        text: "\(result.id.rawValue): \(result.status.rawValue) — \(result.localized().summary)",
                        check: result.id.rawValue))
            }
        } onCancel: {
            producer.cancel()
        }
        if Task.isCancelled {
            return (
                session,
                Reply(intent: .check, answer: tr("Cancelled: the checks of \(request.probeTarget) were stopped."))
            )
        }
        results.sort { (planned.firstIndex(of: $0.id) ?? 0) < (planned.firstIndex(of: $1.id) ?? 0) }
        // Shown in the conversation's language from here on.
        results = results.map { $0.localized() }
        var reply = checkReply(
            results, target: request.probeTarget, session: session, about: articles, direction: direction)
        if let selector = session.entities.selector, let domain = request.target.domain,
            results.contains(where: { $0.id == .dkim })
        {
            // The selector the person named: say which name was looked up.
            let name = "\(DNSName.normalize(selector))._domainkey.\(domain)"
            reply.answer = tr("I looked up the DKIM key at \(name).") + " " + reply.answer
        }
        let failed = results.filter { $0.status == .fail }
        session.lastCheckOutcomes = results.map {
            CheckOutcome(id: $0.id, status: $0.status, summary: $0.summary, target: request.probeTarget)
        }
        session.lastCheckProblem =
            failed.isEmpty
            ? nil
            : tr(
                "\(failed.map(\.id.rawValue).joined(separator: ", ")) failed for \(request.probeTarget) (\(failed[0].summary))"
            )
        // The worst problem's article is what the conversation is about now.
        if let first = reply.articles.first { session.give(first.id, withSteps: false) }
        return (session, reply)
    }

    /// Explains check results in plain words, worst first, with the article for each problem.
    private func checkReply(
        _ results: [CheckResult], target: String, session: Session, about: [String], direction: Direction
    ) -> Reply {
        let refusals = results.flatMap(\.findings).filter { $0.code == .probeTargetRefused }
        let allRefused = results.allSatisfy { result in
            result.findings.contains { $0.code == .probeTargetRefused }
                && result.findings.allSatisfy { $0.code == .probeTargetRefused || $0.severity == .info }
        }
        if !refusals.isEmpty, allRefused {
            // Nothing was probed: say why, without an article about servers being down.
            var reply = Reply(
                intent: .check, direction: session.direction,
                answer: tr("I did not probe \(target): \(Self.refusalReason(refusals[0]))"))
            reply.checks = results
            reply.checkedTarget = target
            return reply
        }
        let order: [CheckStatus] = [.fail, .error, .warn, .info, .pass]
        let problems = results.filter { $0.status == .fail || $0.status == .warn }
        let errors = results.filter { $0.status == .error }
        var answer: String
        if problems.isEmpty && errors.isEmpty {
            answer =
                tr(
                    "Everything I checked for \(target) looks right (\(results.map(\.id.rawValue).joined(separator: ", ")))."
                )
        } else if problems.isEmpty, errors.allSatisfy(Self.ranOutOfTime) {
            answer = tr(
                "The DNS server did not answer in time, so I could not check \(errors.map(\.id.rawValue).joined(separator: ", ")) for \(target). Try again in a minute."
            )
        } else if problems.isEmpty {
            answer =
                tr(
                    "I could not finish every check for \(target): \(errors.map(\.id.rawValue).joined(separator: ", ")) could not be determined."
                )
        } else {
            let worst = problems.sorted { order.firstIndex(of: $0.status) ?? 0 < order.firstIndex(of: $1.status) ?? 0 }
            let lead = worst.first?.findings.first { $0.severity == worst.first?.status }?.message ?? worst[0].summary
            answer = tr("\(plural: worst.count, one: "One problem", other: "# problems") for \(target). \(lead)")
        }
        // What the person described, when a result explains it: stated as the cause, with the fix.
        let domain = CheckRequest.hostPart(of: target).split(separator: "@").last.map(String.init) ?? target
        let cause = CheckCause.statement(
            for: results, target: target, session: session, provider: knowledge.localProvider, articles: about,
            direction: direction, othersDomain: CheckTargetScreen.isRecipientDomain(domain, of: session))
        // The article the answer leads with, when it is not the worst problem's.
        var leadArticle = cause.map { LiveChecks.article(for: $0.check) }
        if let cause {
            answer = cause.text
        } else if let blocklists = Self.blocklistAnswer(results, target: target, problems: problems) {
            answer = blocklists
            // Nothing is known about the listing yet: what to do about one is still the topic.
            if results.contains(where: { $0.id == .dnsbl && $0.status == .error }) {
                leadArticle = LiveChecks.article(for: .dnsbl)
            }
        }
        // What the answer already says is not said again below it: the cause's finding, and a deadline
        // when the answer is that the DNS server did not answer in time.
        let deadlineSaid = problems.isEmpty && errors.allSatisfy(Self.ranOutOfTime)
        var causeShown = false
        var lines: [String] = []
        for result in results {
            lines.append("- \(result.status.rawValue.uppercased()) \(result.id.rawValue): \(result.summary)")
            for finding in result.findings where finding.severity != .pass && finding.severity != .info {
                if deadlineSaid, finding.code == .checkDeadline { continue }
                if !causeShown, let cause, result.id == cause.check, finding.code == cause.code {
                    // Stated above: only its details (an SPF lookup tree) are left to show.
                    causeShown = true
                    let details = finding.message.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                    if !details.isEmpty { lines.append("  - " + details.joined(separator: "\n")) }
                    continue
                }
                lines.append("  - \(finding.message)")
            }
        }
        // The worst problem's article first.
        let byRank = problems.sorted { (order.firstIndex(of: $0.status) ?? 0) < (order.firstIndex(of: $1.status) ?? 0) }
        // The cause's article first, then the worst problem's.
        let articleIDs = [leadArticle].compactMap { $0 } + (byRank + errors).compactMap(LiveChecks.article(for:))
        var seen = Set<String>()
        let articles = articleIDs.filter { seen.insert($0).inserted }.compactMap { id in
            knowledge.article(id).map { ArticleReference(id: $0.id, title: $0.title, score: 1) }
        }
        let text = Self.limitedResults(lines, target: target)
        var reply = Reply(
            intent: .check, direction: session.direction, answer: answer,
            sections: [ReplySection(title: tr("Results"), text: text)], articles: articles,
            suggestions: articles.prefix(3).map { "show \($0.id)" })
        reply.checks = results
        reply.checkedTarget = target
        return reply
    }

    /// "Are we blacklisted?" answered first when the blocklists said nothing or said "not listed": that it
    /// is unknown, or that it is not listed, then the other problem found (a missing PTR), never that
    /// problem as if it answered the question. Nil when the IP is listed or nothing else is to say.
    static func blocklistAnswer(_ results: [CheckResult], target: String, problems: [CheckResult]) -> String? {
        guard let blocklists = results.first(where: { $0.id == .dnsbl }),
            !blocklists.findings.contains(where: { $0.code == .dnsblListed || $0.code == .dnsblListedPolicy })
        else { return nil }
        let other = problems.first { $0.id != .dnsbl }
        let lead: String
        if let notListed = blocklists.findings.first(where: { $0.code == .dnsblNotListed }) {
            guard other != nil else { return nil }
            lead = notListed.message
        } else if blocklists.status == .error {
            lead = tr(
                "No blocklist answered, so I cannot tell yet whether \(target) is listed: ask me again in a minute, or look it up on the blocklist's own site (the bounce usually names the list)."
            )
        } else {
            return nil
        }
        guard let other, let finding = other.findings.first(where: { $0.severity == other.status }) else {
            return lead
        }
        return lead + " " + tr("Apart from that, one thing to fix: \(finding.message)")
    }

    /// Whether a check ended because its deadline passed (the DNS server did not answer in time).
    static func ranOutOfTime(_ result: CheckResult) -> Bool {
        result.findings.contains { $0.code == .checkDeadline }
    }

    /// Why a target was not probed, without the finding's own "Not probed:" lead, in the reply's language.
    static func refusalReason(_ refusal: Finding) -> String {
        if let text = refusal.text, text.key.hasPrefix("Not probed: {0}"),
            case .text(let reason)? = text.arguments.first
        {
            return tr(reason)
        }
        return refusal.localizedMessage
    }

    /// The most characters of the results part of a check reply.
    static let resultsLimit = 8_000

    /// The result lines joined, cut at ``resultsLimit`` characters at a line break, saying so when cut.
    static func limitedResults(_ lines: [String], target: String) -> String {
        let total = lines.reduce(0) { $0 + $1.count + 1 }
        guard total > resultsLimit else { return lines.joined(separator: "\n") }
        var kept: [String] = []
        var length = 0
        for line in lines {
            if length + line.count + 1 > resultsLimit { break }
            kept.append(line)
            length += line.count + 1
        }
        kept.append(
            tr(
                "(Reply cut: showing \(length.grouped) of \(total.grouped) characters of results. `maildoctor check --json \(target)` prints them all.)"
            )
        )
        return kept.joined(separator: "\n")
    }
}
