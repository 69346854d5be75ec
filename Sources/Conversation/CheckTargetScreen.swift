import Checks
import Knowledge
import Localization
import MailModel

/// Whose name a check is about to run on, before it runs: the domain checks are for the person's own
/// domain, never for the provider's servers, a word that is no domain, or the recipient of a bounced
/// message.
enum CheckTargetScreen {
    /// What to do with a request.
    enum Verdict: Equatable {
        /// Run it (perhaps with fewer checks than asked).
        case run(CheckRequest)
        /// A server of the provider (`mx1.mail.ovh.net`, `imap.ovh.net`): explain, do not check.
        case providerHost(String)
        /// No domain name (`hans.mueller`, a local part such as `ka.schmidt`); the address it may complete.
        case notADomain(String, address: String?)
        /// The recipient's domain, when only checks of one's own domain were asked.
        case recipientDomain(String)
    }

    /// The checks that say something about a recipient's domain for its sender: does it receive mail.
    static let recipientChecks: Set<CheckID> = [.domain, .mx]

    /// The verdict on `request` in `session`; `providerDomains` are the provider's own registrable
    /// domains and `providerServers` the server names its profile gives (``providerServers(of:)``),
    /// `allowPrivate` lets test setups use any top-level name.
    static func verdict(
        on request: CheckRequest, session: Session, providerDomains: Set<String>, providerServers: Set<String> = [],
        allowPrivate: Bool
    ) -> Verdict {
        guard let domain = request.target.domain else { return .run(request) }
        if let organizational = PublicSuffixList.shared.organizationalDomain(of: domain),
            providerDomains.contains(organizational),
            runsDomainChecks(request) || !providerServers.contains(domain)
        {
            // Its own servers may be probed; a name of the provider's that is none of them is explained.
            return .providerHost(domain)
        }
        guard runsDomainChecks(request) else { return .run(request) }
        if let address = localPartAddress(domain, session: session) { return .notADomain(domain, address: address) }
        if !allowPrivate, !PublicSuffixList.shared.hasKnownTopLevel(domain) {
            return .notADomain(domain, address: nil)
        }
        guard isRecipientDomain(domain, of: session) else { return .run(request) }
        let kept = (request.ids ?? recipientChecks).filter {
            recipientChecks.contains($0) || LiveChecks.probeIDs.contains($0)
        }
        guard !kept.isEmpty else { return .recipientDomain(domain) }
        var narrowed = request
        narrowed.ids = kept
        return .run(narrowed)
    }

    /// Whether a request runs DNS checks of a domain (not only server probes).
    static func runsDomainChecks(_ request: CheckRequest) -> Bool {
        guard let ids = request.ids else { return true }
        return !ids.subtracting(LiveChecks.probeIDs).isEmpty
    }

    /// The registrable domains of the provider's own servers (MX hosts, mail server, SPF include), from
    /// its profile: `ovh.net`, `ovh.com`.
    static func providerDomains(of profile: ProviderProfile) -> Set<String> {
        let hosts =
            profile.mxHosts + [profile.spfInclude].compactMap { $0 }
            + ["smtp_host", "imap_host", "pop_host"].compactMap { profile.values[$0] }
        return Set(
            hosts.compactMap(EntityExtractor.normalizedDomain).compactMap {
                PublicSuffixList.shared.organizationalDomain(of: $0)
            })
    }

    /// The mail server names a provider's profile gives (`ssl0.ovh.net`, `mx1.mail.ovh.net`…).
    static func providerServers(of profile: ProviderProfile) -> Set<String> {
        let hosts = profile.mxHosts + ["smtp_host", "imap_host", "pop_host"].compactMap { profile.values[$0] }
        return Set(hosts.compactMap(EntityExtractor.normalizedDomain))
    }

    /// `ka.schmidt@firma.example` when `name` looks like the part before the @ of an address the
    /// conversation knows (`k.schmidt@firma.example`: a dotted local part sharing a word with it); nil otherwise.
    static func localPartAddress(_ name: String, session: Session) -> String? {
        guard let known = session.entities.address, let at = known.lastIndex(of: "@") else { return nil }
        let local = known[..<at].split(separator: ".")
        let domain = String(known[known.index(after: at)...])
        let labels = name.split(separator: ".")
        guard local.count >= 2, labels.count == 2, name != domain else { return nil }
        let sharesWord = labels.last == local.last || (labels[0] == local[0] && labels[0].count >= 3)
        return sharesWord ? "\(name)@\(domain)" : nil
    }

    /// Whether `domain` is a recipient's, named by a bounce of mail the person sent (not their own).
    static func isRecipientDomain(_ domain: String, of session: Session) -> Bool {
        session.recipientDomains.contains(domain) && session.direction != .receiving && session.ownDomain != domain
    }
}

extension ConversationEngine {
    /// The reply instead of a check on a name that is not the person's domain.
    func screenedReply(_ verdict: CheckTargetScreen.Verdict, request: CheckRequest, session: Session) -> (
        Session, Reply
    ) {
        var session = session
        session.offer = nil
        session.pendingQuestion = nil
        let provider = knowledge.localProvider
        var reply: Reply
        switch verdict {
        case .run: return (session, Reply(intent: .check, answer: ""))
        case .providerHost(let host) where provider.mxHosts.contains(host):
            reply = Reply(
                intent: .question, direction: session.direction,
                answer: provider.render(
                    tr(
                        "\(host) is one of {{provider.name}}'s incoming mail servers, not your domain: it is a value your domain's MX records point to. Point them to all of {{provider.mx_hosts}}, keeping the recommended priorities: with only one, mail to you stops whenever that server is busy or down."
                    )))
            offerOwnCheck([.mx], to: &reply, session: &session)
            reply.articles = references(["mx-records"])
        case .providerHost(let host):
            reply = Reply(
                intent: .question, direction: session.direction,
                answer: provider.render(
                    tr(
                        "\(host) is not your domain: it belongs to {{provider.name}}, so there is nothing of yours to check there. Your mail program's servers are: incoming {{provider.imap_host}}, port {{provider.imap_port}} (IMAP, SSL/TLS) or {{provider.pop_port}} (POP); outgoing {{provider.smtp_host}}, port {{provider.smtp_port}} (SSL/TLS), with authentication on and your full email address as the user name."
                    )))
            reply.articles = references(["email-client"])
        case .notADomain(let name, let address?):
            reply = Reply(
                intent: .question, direction: session.direction,
                answer: tr(
                    "\(name) is not a domain but the part of an address before the @, so there is nothing to check. If the right address is \(address), send your message to it again."
                ))
        case .notADomain(let name, nil):
            reply = Reply(
                intent: .question, direction: session.direction,
                answer: tr(
                    "\(name) is not a domain name I can look up: it has no ending such as .com or .de. Your domain is the part of your email address after the @."
                ))
            offerOwnCheck(request.ids.map(Array.init) ?? [], to: &reply, session: &session)
        case .recipientDomain(let domain):
            reply = Reply(
                intent: .question, direction: session.direction,
                answer: tr(
                    "\(domain) is the recipient's domain: its SPF, DKIM and DMARC records concern mail sent as them, not yours. What counts for your mail is your own domain's records."
                ))
            offerOwnCheck(request.ids.map(Array.init) ?? [], to: &reply, session: &session)
        }
        return (session, reply)
    }

    /// The next step after a screened target: the checks `ids` offered on the person's own domain when the
    /// conversation knows it, else the question for it.
    private func offerOwnCheck(_ ids: [CheckID], to reply: inout Reply, session: inout Session) {
        let ordered = CheckID.allCases.filter(ids.contains)
        let names = ordered.isEmpty ? tr("its DNS and mail setup") : Self.describe(ordered)
        let providerDomains = CheckTargetScreen.providerDomains(of: knowledge.localProvider)
        // The domain remembered, else the one checked last: the first that is the person's own.
        let candidates = [
            session.rememberedTarget(needsIP: false), session.ownDomain, session.lastCheck?.target.domain,
        ]
        for own in candidates.compactMap({ $0 }) where !CheckTargetScreen.isRecipientDomain(own, of: session) {
            guard let request = DialogPolicy.request(ordered, on: own),
                case .run = CheckTargetScreen.verdict(
                    on: request, session: session, providerDomains: providerDomains, allowPrivate: true)
            else { continue }
            reply.nextStep = tr("Shall I check \(names) of \(own) now?")
            session.offer = request
            session.entities.domain = own
            reply.suggestions = [tr("yes"), tr("no")]
            return
        }
        reply.nextStep = tr("Which domain is your email address on? I can check \(names) for you.")
        session.pendingQuestion = .target(ordered)
        reply.suggestions = ["example.com"]
    }

    /// Article references for ids the knowledge base has.
    private func references(_ ids: [String]) -> [ArticleReference] {
        ids.compactMap { id in knowledge.article(id).map { ArticleReference(id: $0.id, title: $0.title, score: 1) } }
    }
}
