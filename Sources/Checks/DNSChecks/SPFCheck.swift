import ByteText
import Localization
import MailModel

/// `spf`: the domain's SPF record — one record, valid syntax, sane policy, within the lookup limits —
/// and, with `--ip`, the check_host() verdict for that sender.
struct SPFCheck: DNSCheck {
    let id = CheckID.spf

    /// Draft-era modifiers that no receiver honours any more.
    static let deprecatedModifiers: Set<String> = ["default", "match_subdomains", "scope", "accredit", "op"]

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        var list = FindingList()
        async let txtQuery = context.resolver.resolve(domain, .txt)
        async let typeQuery = context.resolver.resolve(domain, .spf)
        let answer = await txtQuery
        if let ended = list.endingResult(
            answer, of: domain, check: id,
            nxdomain: (.spfNXDomain, L("\(domain) does not exist, so it has no SPF record.")),
            dnsError: .spfDNSError, lookupFailed: L("could not look up the SPF record"))
        {
            return ended
        }
        let records = answer.texts.filter(SPFRecord.isSPF)
        let typeAnswer = await typeQuery
        if typeAnswer.outcome == .answer {
            list.add(
                .spfDeprecatedRRType, .warn,
                L(
                    "\(domain) publishes an SPF record of the obsolete DNS type SPF (99); receivers only read TXT records since RFC 7208. Keep the TXT record and remove the SPF-type one."
                )
            )
        }
        if answer.texts.contains(where: { $0.lowercased().hasPrefix("spf2.0/") }) {
            list.add(
                .spfSenderID, .info,
                L(
                    "\(domain) still publishes a Sender ID (spf2.0) record; Sender ID is obsolete and ignored by receivers."
                )
            )
        }
        guard !records.isEmpty else {
            let near = answer.texts.first { $0.trimmingWhitespace().lowercased().hasPrefix("v=spf") }
            let hint: LocalizedText =
                near.map {
                    L(
                        " A TXT record looks like an attempt but is not valid: \"\($0)\" (it must start with exactly \"v=spf1\" followed by a space)."
                    )
                } ?? ""
            list.add(
                .spfMissing, .fail,
                L(
                    "\(domain) has no SPF record, so receivers cannot tell which servers may send mail for it; mail is more likely to be marked as spam or rejected. Publish a TXT record such as \"v=spf1 include:<your provider> -all\".\(hint)"
                )
            )
            if let ip = context.ip { await addVerdict(ip: ip, context: context, list: &list) }
            return list.result(id, summary: L("no SPF record"))
        }
        list.data["records"] = .strings(records)
        guard records.count == 1 else {
            list.add(
                .spfMultipleRecords, .fail,
                L(
                    "\(domain) publishes \(records.count) SPF records; exactly one is allowed, so every receiver reports a permanent error (permerror). Merge them into one: \(records.map { "\"\($0)\"" }.joined(separator: ", "))."
                )
            )
            if let ip = context.ip { await addVerdict(ip: ip, context: context, list: &list) }
            return list.result(id, summary: L("\(records.count) SPF records (only one is allowed)"))
        }
        let text = records[0]
        list.data["record"] = .string(text)
        let record: SPFRecord
        do {
            record = try SPFParser.parse(text)
        } catch {
            list.add(
                .spfSyntaxError, .fail,
                L(
                    "The SPF record has a syntax error at position \(error.position): \(error.message). Receivers treat the whole record as broken (permerror).\n\(SPFCheck.pointer(text, at: error.position))"
                )
            )
            if let ip = context.ip { await addVerdict(ip: ip, context: context, list: &list) }
            return list.result(id, summary: L("SPF syntax error at position \(error.position)"))
        }

        assessPolicy(record, domain: domain, list: &list)
        // The tree walk and the verdict for --ip are independent: run them together.
        async let treeWalk = SPFAnalyzer(resolver: context.resolver).analyze(domain: domain, record: record)
        async let verdictRun = optionalVerdict(context)
        let tree = await treeWalk
        assessTree(tree, list: &list)
        if let include = context.options.provider?.spfInclude {
            assessProvider(include, name: context.options.provider?.name ?? "your provider", tree: tree, list: &list)
        }
        if let ip = context.ip, let verdict = await verdictRun {
            report(verdict, ip: ip, context: context, list: &list)
        }
        let summary = L("\(text) (\(tree.totalLookups)/10 lookups)")
        return list.result(id, summary: summary)
    }

    /// The `all` mechanism, ptr, deprecated modifiers, very wide networks.
    private func assessPolicy(_ record: SPFRecord, domain: String, list: inout FindingList) {
        if let all = record.allMechanism {
            switch all.qualifier {
            case .pass:
                list.add(
                    .spfPassAll, .fail,
                    L(
                        "The record ends in \"\(all.text)\", which allows every server on the internet to send mail as \(domain). Replace it with \"-all\" (or \"~all\")."
                    )
                )
            case .neutral:
                list.add(
                    .spfNeutralAll, .warn,
                    L(
                        "The record ends in \"?all\" (neutral): it does not say that other servers are forbidden, so it gives little protection. Use \"~all\" or \"-all\"."
                    )
                )
            case .softfail:
                list.add(
                    .spfSoftfailAll, .pass,
                    L("Servers not listed get a soft fail (\"~all\"): receivers usually accept but mark the mail."))
            case .fail:
                list.add(.spfFailAll, .pass, L("Servers not listed are refused (\"-all\")."))
            }
            if let redirect = record.redirect {
                list.add(
                    .spfRedirectIgnored, .info,
                    L(
                        "\"redirect=\(redirect.text)\" is never used because the record has an \"all\" mechanism, which always matches first."
                    )
                )
            }
        } else if record.redirect == nil {
            list.add(
                .spfNoAll, .warn,
                L(
                    "The record has no \"all\" mechanism, so servers it does not list get \"neutral\" — nothing forbids them. End the record with \"-all\" or \"~all\"."
                )
            )
        }
        if let ptr = record.mechanisms.first(where: { if case .ptr = $0.kind { true } else { false } }) {
            list.add(
                .spfPTR, .warn,
                L(
                    "\"\(ptr.text)\" is used; RFC 7208 says not to use ptr: it is slow, unreliable and some receivers ignore it. List the IP addresses (ip4:/ip6:) or hosts (a:) instead."
                )
            )
        }
        for modifier in record.modifiers {
            if case .unknown(let name, _) = modifier.kind, SPFCheck.deprecatedModifiers.contains(name.lowercased()) {
                list.add(
                    .spfDeprecatedModifier, .warn,
                    L("\"\(modifier.text)\" comes from an old SPF draft and is ignored by receivers; remove it."))
            }
        }
        for mechanism in record.mechanisms {
            switch mechanism.kind {
            case .ip4(_, let prefix) where prefix < 8, .ip6(_, let prefix) where prefix < 16:
                list.add(
                    .spfWideCIDR, .warn,
                    L(
                        "\"\(mechanism.text)\" authorises an enormous range of addresses; this is almost certainly a mistake."
                    )
                )
            default: break
            }
        }
        if record.mechanisms.contains(where: { mechanism in
            switch mechanism.kind {
            case .include(let spec), .exists(let spec): spec.hasMacros
            case .a(let spec?, _, _), .mx(let spec?, _, _), .ptr(let spec?): spec.hasMacros
            default: false
            }
        }) || record.redirect?.hasMacros == true {
            list.add(
                .spfMacros, .info,
                L("The record uses macros (%{…}); lookups that depend on the sender cannot be counted in advance."))
        }
    }

    /// Lookup and void limits, broken includes and redirects.
    private func assessTree(_ tree: SPFAnalyzer.Node, list: inout FindingList) {
        let lines = SPFAnalyzer.render(tree)
        let treeText = lines.joined(separator: "\n")
        list.data["lookups"] = .int(tree.totalLookups)
        list.data["void_lookups"] = .int(tree.totalVoids)
        list.data["tree"] = SPFCheck.json(tree)
        if tree.totalLookups > 10 {
            list.add(
                .spfTooManyLookups, .fail,
                L(
                    "Checking this record needs \(tree.totalLookups) DNS lookups; SPF allows at most 10, so receivers report a permanent error (permerror) and SPF fails. Replace some include:/a/mx with ip4:/ip6: ranges or remove includes you no longer use.\n\(treeText)"
                )
            )
        } else {
            list.add(
                .spfLookups, .pass,
                L("Checking this record needs \(tree.totalLookups) of the 10 allowed DNS lookups.\n\(treeText)"))
        }
        if tree.totalVoids > 2 {
            let names = tree.flattened.flatMap(\.voidTargets)
            list.add(
                .spfTooManyVoidLookups, .fail,
                L(
                    "\(plural: tree.totalVoids, one: "# name in the record has", other: "# names in the record have") no address or MX record, or do not exist (\(names.joined(separator: ", "))); more than 2 such \"void lookups\" make receivers report a permanent error. Remove the stale entries."
                )
            )
        }
        for node in tree.flattened {
            for target in node.oversizedMX {
                list.add(
                    .spfMXTooMany, .fail,
                    L(
                        "\"mx\" in the record of \(node.domain) points to \(target), which has more than 10 MX records; SPF then fails with a permanent error."
                    )
                )
            }
            for target in node.failedTargets {
                list.add(
                    .spfDNSError, .error,
                    L("Could not look up \(target), named in the SPF record of \(node.domain)."))
            }
            guard let problem = node.problem else { continue }
            let isRedirect = node.via.hasPrefix("redirect=")
            switch problem {
            case .missing(let reason):
                if isRedirect {
                    list.add(
                        .spfRedirectMissing, .fail,
                        L(
                            "\"\(node.via)\" points to a domain without an SPF record (\(reason)); receivers report a permanent error."
                        )
                    )
                } else {
                    list.add(
                        .spfIncludeMissing, .fail,
                        L(
                            "\"\(node.via)\" points to a domain without an SPF record (\(reason)); receivers report a permanent error. Fix or remove the include."
                        )
                    )
                }
            case .multiple(let count):
                list.add(
                    .spfIncludeInvalid, .fail,
                    L(
                        "\"\(node.via)\" points to \(node.domain), which has \(count) SPF records; receivers report a permanent error."
                    )
                )
            case .syntax(let error, _):
                list.add(
                    .spfIncludeInvalid, .fail,
                    L(
                        "\"\(node.via)\" points to an SPF record with a syntax error \(error); receivers report a permanent error."
                    )
                )
            case .dns(let outcome):
                list.add(
                    .spfIncludeDNSError, .error,
                    L("Could not fetch the SPF record of \(node.domain) (\(node.via)): \(outcome.explanationText)."))
            case .loop:
                list.add(
                    .spfIncludeLoop, .fail,
                    L(
                        "\"\(node.via)\" leads back to a record already being evaluated (a loop); receivers report a permanent error."
                    )
                )
            case .tooDeep:
                list.add(
                    .spfTooManyLookups, .fail,
                    L("The includes are nested more than 10 levels deep; receivers give up with a permanent error."))
            }
        }
    }

    private func assessProvider(_ include: String, name: String, tree: SPFAnalyzer.Node, list: inout FindingList) {
        let expected = DNSName.normalize(include)
        let found = tree.flattened.contains { $0.via == "include:" + expected || $0.via == "redirect=" + expected }
        if found {
            list.add(.spfProviderInclude, .pass, L("The record includes \(name)'s servers (include:\(expected))."))
        } else {
            list.add(
                .spfProviderIncludeMissing, .warn,
                L(
                    "The record does not include \(name)'s servers (include:\(expected)), so mail sent through \(name) may fail SPF. Add \"include:\(expected)\" before the \"all\" at the end."
                )
            )
        }
    }

    /// check_host() for the `--ip` address.
    private func addVerdict(ip: IPAddress, context: CheckContext, list: inout FindingList) async {
        report(await evaluate(ip: ip, context: context), ip: ip, context: context, list: &list)
    }

    /// The verdict for `--ip`, or nil without one.
    private func optionalVerdict(_ context: CheckContext) async -> SPFVerdict? {
        guard let ip = context.ip else { return nil }
        return await evaluate(ip: ip, context: context)
    }

    /// check_host() for `ip` sending as the target's address (postmaster@domain for a domain target).
    private func evaluate(ip: IPAddress, context: CheckContext) async -> SPFVerdict {
        let sender = "\(context.localPart ?? "postmaster")@\(context.domain)"
        return await SPFEvaluator(resolver: context.resolver).checkHost(ip: ip, sender: sender, helo: context.domain)
    }

    private func report(_ verdict: SPFVerdict, ip: IPAddress, context: CheckContext, list: inout FindingList) {
        let sender = "\(context.localPart ?? "postmaster")@\(context.domain)"
        let stopped = verdict.result == .permerror || verdict.result == .temperror
        let decided: LocalizedText =
            verdict.mechanism.map { stopped ? L(" (stopped at \($0))") : L(" (decided by \($0))") } ?? ""
        let message: LocalizedText =
            L(
                "For mail from \(ip) as \(sender), SPF gives \(verdict.result.rawValue)\(decided): \(verdict.result.meaningText)."
            )
        let reason = verdict.reason.prefix(1).uppercased() + verdict.reason.dropFirst()
        let detail = [.none, .permerror, .temperror, .neutral].contains(verdict.result) ? " \(reason)." : ""
        let severity: CheckStatus =
            switch verdict.result {
            case .pass: .pass
            case .fail, .permerror, .none: .fail
            case .softfail, .neutral: .warn
            case .temperror: .error
            }
        list.add(.spfResult(verdict.result), severity, L("\(message)\(detail)"))
        list.data["verdict"] = [
            "ip": .string(ip.description), "result": .string(verdict.result.rawValue),
            "mechanism": verdict.mechanism.map(JSONValue.string) ?? .null, "reason": .string(verdict.reason),
            "lookups": .int(verdict.lookups), "void_lookups": .int(verdict.voidLookups),
        ]
    }

    /// The record with a caret under the error position.
    static func pointer(_ text: String, at position: Int) -> String {
        let shown = String(
            text.utf8.map { byte in
                (0x20...0x7E).contains(byte) ? Character(Unicode.Scalar(byte)) : "?"
            })
        let column = max(1, min(position, shown.count + 1))
        return "  " + shown + "\n  " + String(repeating: " ", count: column - 1) + "^"
    }

    static func json(_ node: SPFAnalyzer.Node) -> JSONValue {
        var object: [String: JSONValue] = [
            "domain": .string(node.domain), "lookups": .int(node.ownLookups),
            "children": .array(node.children.map(json)),
        ]
        if !node.via.isEmpty { object["via"] = .string(node.via) }
        if let record = node.record { object["record"] = .string(record.text) }
        if let problem = node.problem { object["problem"] = .string(problem.shortText) }
        if !node.voidTargets.isEmpty { object["void"] = .strings(node.voidTargets) }
        return .object(object)
    }
}
