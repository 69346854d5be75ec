import Localization
import MailModel

/// `dkim`: finds the domain's DKIM keys (given selector, pasted signature, or common names) and checks them.
struct DKIMCheck: DNSCheck {
    let id = CheckID.dkim

    /// Selectors tried when none is given: generic names and those of common providers.
    static let commonSelectors: [String] = [
        "default", "dkim", "mail", "email", "selector1", "selector2", "google", "k1", "k2", "k3", "s1", "s2",
        "s1024", "s2048", "key1", "key2", "sig1", "smtp", "mx", "mxvault", "fm1", "fm2", "fm3", "protonmail",
        "protonmail2", "protonmail3", "zoho", "zmail", "mandrill", "mailjet", "everlytic", "turbo-smtp", "pm",
        "scph0920", "dkim1", "dkim2", "20161025", "20210112", "20230601",
    ]

    /// One selector's lookup.
    struct Probe: Sendable {
        var selector: String
        var answer: DNSAnswer
        var required: Bool
    }

    /// Which selectors to look up, under which domain: those the request names (a pasted signature's `s=`
    /// and `d=`, `--dkim-selector`), or else the common ones and the provider's.
    struct Plan {
        var domain: String
        var required: [String] = []
        var selectors: [String] = []
        var providerSelectors: [String] = []
    }

    /// What the lookups found: the selectors with a key, and those whose lookup failed.
    struct Outcome {
        var found: [String] = []
        var failed: [Probe] = []
    }

    func run(_ context: CheckContext) async -> CheckResult {
        var list = FindingList()
        let plan = plan(context, list: &list)
        list.data["domain"] = .string(plan.domain)
        let probes = await lookUp(plan, resolver: context.resolver)
        let outcome = examine(probes, domain: plan.domain, list: &list)
        reportMissingKeys(outcome, plan: plan, provider: context.options.provider, list: &list)
        let summary: LocalizedText
        if outcome.found.isEmpty {
            summary = list.status == .error ? L("could not look up DKIM keys") : L("no DKIM key found")
        } else {
            summary = L(
                "\(plural: outcome.found.count, one: "selector", other: "selectors") \(outcome.found.joined(separator: ", "))"
            )
        }
        return list.result(id, summary: summary)
    }

    /// The selectors to look up and the domain they live under; a pasted signature made for another domain
    /// moves the lookup there, with a finding that says so.
    private func plan(_ context: CheckContext, list: inout FindingList) -> Plan {
        var plan = Plan(domain: context.domain)
        if let header = context.options.dkimSignature {
            do {
                let signature = try DKIMSignatureHeader.parse(header)
                if signature.domain != plan.domain {
                    list.add(
                        .dkimSignatureDomain, .info,
                        L(
                            "The pasted signature was made for \(signature.domain) (d=), not \(plan.domain); its key is looked up under \(signature.domain)."
                        )
                    )
                    plan.domain = signature.domain
                }
                plan.required.append(signature.selector)
            } catch {
                list.add(.dkimSignatureUnparsable, .warn, .verbatim(error.message))
            }
        }
        if let selector = context.options.dkimSelector {
            plan.required.append(DNSName.normalize(selector))
        }
        plan.providerSelectors = context.options.provider?.dkimSelectors.map(DNSName.normalize) ?? []
        let selectors = plan.required.isEmpty ? DKIMCheck.commonSelectors + plan.providerSelectors : plan.required
        plan.selectors = selectors.reduce(into: []) { unique, selector in
            if !unique.contains(selector) { unique.append(selector) }
        }
        return plan
    }

    /// Asks for every selector's TXT record at once; the answers in the plan's order.
    private func lookUp(_ plan: Plan, resolver: any DNSResolving) async -> [Probe] {
        let keyDomain = plan.domain
        return await withTaskGroup(of: (Int, Probe).self) { group in
            for (index, selector) in plan.selectors.enumerated() {
                let isRequired = plan.required.contains(selector)
                group.addTask {
                    let answer = await resolver.resolve("\(selector)._domainkey.\(keyDomain)", .txt)
                    return (index, Probe(selector: selector, answer: answer, required: isRequired))
                }
            }
            var probes: [(Int, Probe)] = []
            for await probe in group { probes.append(probe) }
            return probes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Findings for each answer: a required selector without a key, an alias, several records, and the key
    /// itself (``assess(_:selector:name:list:)``); the selectors found and the lookups that failed.
    private func examine(_ probes: [Probe], domain: String, list: inout FindingList) -> Outcome {
        var outcome = Outcome()
        var keys: [JSONValue] = []
        for probe in probes {
            let name = "\(probe.selector)._domainkey.\(domain)"
            let records = probe.answer.texts.filter(DKIMKeyRecord.isKeyRecord)
            if !probe.answer.outcome.isDefinitive {
                outcome.failed.append(probe)
                continue
            }
            guard !records.isEmpty else {
                if probe.required {
                    list.add(
                        .dkimKeyMissing, .fail,
                        L(
                            "No DKIM key is published for selector \"\(probe.selector)\" (\(name) has no DKIM record), so signatures made with it fail. Publish the key your mail provider gives you at that name."
                        )
                    )
                }
                continue
            }
            outcome.found.append(probe.selector)
            if let alias = probe.answer.cnameChain.last {
                list.add(
                    .dkimCNAME, .info,
                    L("\(name) is an alias (CNAME) for \(alias), typically managed by your mail provider."))
            }
            if records.count > 1 {
                list.add(
                    .dkimMultipleRecords, .warn,
                    L(
                        "\(name) has \(records.count) DKIM records; verifiers may pick either, so signatures can fail at random. Keep one."
                    )
                )
            }
            let key = DKIMKeyRecord(records[0])
            keys.append(assess(key, selector: probe.selector, name: name, list: &list))
        }
        list.data["selectors_found"] = .strings(outcome.found)
        list.data["keys"] = .array(keys)
        return outcome
    }

    /// Findings for keys that should be there and were not found: failed lookups, no key under any common
    /// selector, none under the provider's selectors.
    private func reportMissingKeys(
        _ outcome: Outcome, plan: Plan, provider: ProviderExpectations?, list: inout FindingList
    ) {
        let (found, failed, domain) = (outcome.found, outcome.failed, plan.domain)
        if let required = failed.first(where: \.required) {
            // The selector the person named: the exact name that was looked up.
            let reason = required.answer.outcome.explanationText
            list.add(
                .dkimDNSError, .error,
                L("Could not look up the DKIM key at \(required.selector)._domainkey.\(domain): \(reason)."))
        } else if !failed.isEmpty && found.isEmpty {
            // The common names: how many, never the whole list, and how to find the real selector.
            let reason = failed[0].answer.outcome.explanationText
            list.add(
                .dkimDNSError, .error,
                L(
                    "\(failed.count) of the \(plan.selectors.count) common DKIM selector names I tried under \(domain) got no answer (\(reason)), so I cannot tell whether it has a DKIM key. Try again in a minute, or give me your selector: it is the s= value of the DKIM-Signature header in a message sent from \(domain)."
                ))
        }
        if found.isEmpty && plan.required.isEmpty && failed.isEmpty {
            list.add(
                .dkimNoSelector, .warn,
                L(
                    "No DKIM key was found under \(plan.selectors.count) common selector names. DKIM keys live at <selector>._domainkey.\(domain), and the selector can be anything. To find yours, open a message sent from \(domain), show its original headers and look for \"DKIM-Signature: … s=SELECTOR; d=\(domain)\". Then check again with that selector (or paste the header)."
                )
            )
        }
        let providerSelectors = plan.providerSelectors
        if !providerSelectors.isEmpty && !found.contains(where: providerSelectors.contains) && plan.required.isEmpty
            && failed.isEmpty, let provider
        {
            list.add(
                .dkimProviderSelectorMissing, .warn,
                L(
                    "None of \(provider.name)'s DKIM selectors (\(providerSelectors.joined(separator: ", "))) has a key under \(domain), so mail sent through \(provider.name) is probably not DKIM-signed for \(domain). Enable DKIM in \(provider.name)'s settings and publish the records it gives you."
                )
            )
        }
    }

    /// Findings for one key; returns its JSON description.
    private func assess(_ key: DKIMKeyRecord, selector: String, name: String, list: inout FindingList) -> JSONValue {
        var info: [String: JSONValue] = ["selector": .string(selector), "testing": .bool(key.testing)]
        for problem in key.syntaxProblems {
            list.add(.dkimSyntaxError, .fail, L("The DKIM record at \(name) is malformed: \(problem)."))
        }
        switch key.key {
        case .revoked:
            info["type"] = "revoked"
            list.add(
                .dkimRevoked, .fail,
                L(
                    "The DKIM key for selector \"\(selector)\" is revoked (empty p=), so every signature made with it fails. If this selector is still in use, publish a new key."
                )
            )
        case .invalid(let reason):
            info["type"] = "invalid"
            list.add(
                .dkimKeyInvalid, .fail, L("The DKIM key for selector \"\(selector)\" cannot be used: \(reason)."))
        case .unknown(let type):
            info["type"] = .string(type)
            list.add(
                .dkimUnknownKeyType, .fail,
                L(
                    "The DKIM key for selector \"\(selector)\" has an unknown type k=\(type); verifiers support rsa and ed25519."
                )
            )
        case .ed25519:
            info["type"] = "ed25519"
            info["bits"] = 256
            list.add(.dkimKeyOK, .pass, L("Selector \"\(selector)\": Ed25519 key."))
        case .rsa(let bits):
            info["type"] = "rsa"
            info["bits"] = .int(bits)
            if bits < 1024 {
                list.add(
                    .dkimWeakKey, .fail,
                    L(
                        "Selector \"\(selector)\" uses an RSA key of only \(bits) bits; it can be broken, and many receivers ignore such signatures. Generate a 2048-bit key."
                    )
                )
            } else if bits < 2048 {
                list.add(
                    .dkimShortKey, .warn,
                    L(
                        "Selector \"\(selector)\" uses a \(bits)-bit RSA key; 1024-bit keys are considered weak today. Rotate to a 2048-bit key."
                    )
                )
            } else {
                list.add(.dkimKeyOK, .pass, L("Selector \"\(selector)\": RSA \(bits)-bit key."))
            }
            if key.isPKCS1 {
                list.add(
                    .dkimKeyFormat, .warn,
                    L(
                        "The key for selector \"\(selector)\" is published as a bare RSAPublicKey rather than the SubjectPublicKeyInfo form RFC 6376 requires; some verifiers reject it."
                    )
                )
            }
        }
        if key.testing {
            list.add(
                .dkimTesting, .warn,
                L(
                    "Selector \"\(selector)\" is in test mode (t=y): receivers treat its signatures as if the mail were unsigned. Remove t=y once DKIM works."
                )
            )
        }
        if let hashes = key.hashes, !hashes.contains("sha256") {
            list.add(
                .dkimSHA1Only, .warn,
                L(
                    "Selector \"\(selector)\" allows only \(hashes.joined(separator: ", ")) hashes (h=); SHA-1 signatures are no longer trusted. Allow sha256."
                )
            )
        }
        return .object(info)
    }
}
