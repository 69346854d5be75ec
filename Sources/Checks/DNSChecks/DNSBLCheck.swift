import Localization
import MailModel

/// `dnsbl`: is the IP address on public DNS blocklists? Refusals and rewritten answers are `error`, never "listed".
struct DNSBLCheck: IPCheck {
    let id = CheckID.dnsbl

    /// One zone's answer.
    struct ZoneResult: Sendable {
        var zone: String
        var verdicts: [DNSBLVerdict] = []
        var failure: DNSOutcome?
        var reason: String?
        /// The list said "not listed" but does not list its own test entry either (RFC 5782 §5): a resolver
        /// that answers NXDOMAIN for everything, or a list that is gone.
        var unverified = false
    }

    var missingAddress: (code: FindingCode, message: LocalizedText) {
        (
            .dnsblNoAddress,
            L(
                "The blocklist check needs an IP address (like 192.0.2.1): the address of the server that sends the mail."
            )
        )
    }

    func notPublic(_ address: IPAddress) -> (code: FindingCode, message: LocalizedText) {
        (
            .dnsblPrivateAddress,
            L(
                "\(address) is \(address.scope.phraseText); public blocklists only list internet addresses. Check the public address your mail leaves from instead."
            )
        )
    }

    func run(_ context: CheckContext, address: IPAddress, list: inout FindingList) async -> CheckResult {
        let zones = context.options.dnsblZones.map(DNSName.normalize).filter { !$0.isEmpty }
        let results = await withTaskGroup(of: (Int, ZoneResult).self) { group in
            for (index, zone) in zones.enumerated() {
                group.addTask { (index, await query(zone: zone, ip: address, resolver: context.resolver)) }
            }
            var results: [(Int, ZoneResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }

        var listedOn: [String] = []
        var unverified: [String] = []
        var answered = 0
        var zoneData: [JSONValue] = []
        for result in results {
            var entry: [String: JSONValue] = ["zone": .string(result.zone)]
            defer { zoneData.append(.object(entry)) }
            if let failure = result.failure {
                entry["status"] = "error"
                list.add(
                    .dnsblDNSError, .error,
                    L("Could not query the blocklist \(result.zone): \(failure.explanationText)."))
                continue
            }
            if let rewritten = result.verdicts.lazy.compactMap({ if case .rewritten(let why) = $0 { why } else { nil } }
            ).first {
                entry["status"] = "error"
                list.add(.dnsblRewritten, .error, L("\(result.zone): \(rewritten)."))
                continue
            }
            let listings = result.verdicts.compactMap { verdict -> (LocalizedText, Bool)? in
                if case .listed(let meaning, let policy) = verdict { return (meaning, policy) }
                return nil
            }
            if listings.isEmpty,
                let refused = result.verdicts.lazy.compactMap({ if case .refused(let why) = $0 { why } else { nil } })
                    .first
            {
                entry["status"] = "error"
                list.add(
                    .dnsblQueryRefused, .error,
                    L(
                        "\(result.zone) did not answer the question: \(refused). This does not mean \(address) is listed."
                    ))
                continue
            }
            if result.unverified {
                // Said once for all such lists below: the same sentence six times is noise.
                entry["status"] = "error"
                unverified.append(result.zone)
                continue
            }
            answered += 1
            guard !listings.isEmpty else {
                entry["status"] = "not-listed"
                continue
            }
            entry["status"] = "listed"
            entry["meaning"] = .strings(listings.map(\.0.english))
            if let reason = result.reason { entry["reason"] = .string(reason) }
            listedOn.append(result.zone)
            let meaning = LocalizedText.joined(listings.map(\.0), separator: "; ")
            let why: LocalizedText = result.reason.map { L(" The list says: \"\($0)\".") } ?? ""
            let hint: LocalizedText = " \(DNSBLVerdict.delistingHint(zone: result.zone))"
            if listings.allSatisfy(\.1) {
                list.add(
                    .dnsblListedPolicy, .warn,
                    L(
                        "\(address) is on \(result.zone) — \(meaning). That is normal for home connections, but a mail server sending directly from this address will be refused by many receivers; send through your provider's submission server instead.\(why)\(hint)"
                    )
                )
            } else {
                list.add(
                    .dnsblListed, .fail,
                    L(
                        "\(address) is listed on \(result.zone) — \(meaning). Receivers using this list refuse or junk its mail.\(why)\(hint)"
                    )
                )
            }
        }
        if unverified.count == 1, let zone = unverified.first {
            list.add(
                .dnsblUnverified, .error,
                L(
                    "\(zone) does not list its own test entry 127.0.0.2 either, so its answer proves nothing: the DNS resolver may be blocked by the list or offline. This does not mean \(address) is clean."
                ))
        } else if unverified.count > 1 {
            list.add(
                .dnsblUnverified, .error,
                L(
                    "\(unverified.joined(separator: ", ")) do not list their own test entry 127.0.0.2 either, so their answers prove nothing: the DNS resolver may be blocked by these lists or offline. This does not mean \(address) is clean."
                ))
        }
        list.data["zones"] = .array(zoneData)
        if listedOn.isEmpty && answered > 0 {
            list.add(
                .dnsblNotListed, .pass,
                L(
                    "\(address) is not listed on \(answered) of \(plural: zones.count, one: "# blocklist", other: "# blocklists") checked."
                ))
        }
        let summary: LocalizedText =
            listedOn.isEmpty
            ? (answered > 0
                ? L("not listed (\(answered)/\(zones.count) lists answered)") : L("no blocklist could be queried"))
            : L("listed on \(listedOn.joined(separator: ", "))")
        return list.result(id, summary: summary)
    }

    /// The reversed labels of 127.0.0.2, the entry every blocklist lists for testing.
    static let testEntry = "2.0.0.127"

    private func query(zone: String, ip: IPAddress, resolver: any DNSResolving) async -> ZoneResult {
        var result = ZoneResult(zone: zone)
        let name = ip.reversedLabels + "." + zone
        // Every list holds the test entry 127.0.0.2 (RFC 5782 §5); asked at once, it tells a real "not listed"
        // from a resolver or list that answers "no such name" to everything.
        async let test = resolver.resolve(Self.testEntry + "." + zone, .a)
        let answer = await resolver.resolve(name, .a)
        switch answer.outcome {
        case .nxdomain, .noData:
            let outcome = await test.outcome
            result.unverified = outcome == .nxdomain || outcome == .noData
            return result
        case .answer:
            result.verdicts = answer.addresses.map { DNSBLVerdict.interpret(zone: zone, answer: $0) }
            if result.verdicts.contains(where: { if case .listed = $0 { true } else { false } }) {
                let text = await resolver.resolve(name, .txt)
                result.reason = text.texts.first
            }
        default: result.failure = answer.outcome
        }
        return result
    }
}
