import Localization
import MailModel

/// `ptr`: the reverse DNS name of an IP address and whether it resolves back (forward-confirmed reverse DNS).
struct PTRCheck: IPCheck {
    let id = CheckID.ptr

    /// Words that mark a name as assigned to a dynamic or end-user range.
    static let genericWords = [
        "dynamic", "dyn", "dsl", "adsl", "pool", "dhcp", "ppp", "cable", "dial", "client", "customer", "broadband",
        "residential", "cpe", "static-ip", "user", "host-",
    ]

    var missingAddress: (code: FindingCode, message: LocalizedText) {
        (
            .ptrNoAddress,
            L(
                "The reverse DNS check needs an IP address (like 192.0.2.1): the address of the server that sends the mail."
            )
        )
    }

    func notPublic(_ ip: IPAddress) -> (code: FindingCode, message: LocalizedText) {
        (
            .ptrPrivateAddress,
            L(
                "\(ip) is \(ip.scope.phraseText); its reverse DNS only exists inside your network and does not matter to other mail servers."
            )
        )
    }

    func run(_ context: CheckContext, address ip: IPAddress, list: inout FindingList) async -> CheckResult {
        let answer = await context.resolver.resolve(ip.reverseName, .ptr)
        switch answer.outcome {
        case .nxdomain, .noData:
            list.add(
                .ptrMissing, .fail,
                L(
                    "\(ip) has no reverse DNS name (PTR record); many receivers refuse mail from servers without one. Only the owner of the address block can set it: ask your hosting provider or ISP to set the PTR to your mail server's name."
                )
            )
            return list.result(id, summary: L("no reverse DNS for \(ip)"))
        case .servfail, .refused, .timeout, .failure:
            list.add(.ptrDNSError, .error, answer.failureMessage("PTR"))
            return list.result(id, summary: L("could not look up the reverse DNS of \(ip)"))
        case .answer:
            break
        }
        let names = answer.records.compactMap { record -> String? in
            if case .ptr(let name) = record { return name }
            return nil
        }
        list.data["names"] = .strings(names)
        if names.count > 1 {
            list.add(
                .ptrMultiple, .info,
                L(
                    "\(ip) has \(names.count) reverse names (\(names.joined(separator: ", "))); receivers usually look at only one, so a single PTR record is better."
                )
            )
        }
        var confirmed: [String] = []
        var forwardFailures: [String] = []
        var mismatches: [String] = []
        for name in names.prefix(10) {
            if let problem = DNSName.hostnameProblem(name) {
                list.add(
                    .ptrInvalidName, .warn, L("The reverse name \"\(name)\" is not a valid host name (\(problem))."))
                continue
            }
            let forward = await context.resolver.resolve(name, ip.isV4 ? .a : .aaaa)
            if !forward.outcome.isDefinitive {
                forwardFailures.append("\(name) (\(forward.outcome.explanation))")
            } else if forward.addresses.compactMap(IPAddress.init).contains(ip) {
                confirmed.append(name)
            } else {
                let target = forward.addresses.isEmpty ? "no address" : forward.addresses.joined(separator: ", ")
                mismatches.append("\(name) → \(target)")
            }
        }
        list.data["confirmed"] = .strings(confirmed)
        if let name = confirmed.first {
            list.add(
                .ptrFCrDNS, .pass,
                L("\(ip) has the reverse name \(name), which resolves back to \(ip) (forward-confirmed reverse DNS)."))
            if looksGeneric(name, ip: ip) {
                list.add(
                    .ptrGeneric, .warn,
                    L(
                        "The reverse name \(name) looks like an automatically assigned (dynamic or end-user) name; receivers often treat such senders as suspicious. Ask your provider for a PTR that names your mail server, like mail.yourdomain."
                    )
                )
            }
        } else if !forwardFailures.isEmpty {
            list.add(
                .ptrDNSError, .error,
                L(
                    "Could not confirm the reverse name of \(ip): the forward lookup of \(forwardFailures.joined(separator: ", ")) failed."
                )
            )
        } else if !mismatches.isEmpty {
            list.add(
                .ptrFCrDNSMismatch, .fail,
                L(
                    "The reverse name of \(ip) does not resolve back to it (\(mismatches.joined(separator: "; "))); many receivers treat that like having no reverse DNS. Add an \(ip.isV4 ? "A" : "AAAA") record for the name pointing to \(ip), or change the PTR."
                )
            )
        }
        let summary: LocalizedText =
            confirmed.first.map { L("\(ip) → \($0) (confirmed)") }
            ?? L("\(ip) → \(names.joined(separator: ", ")) (not confirmed)")
        return list.result(id, summary: summary)
    }

    /// Whether a name contains the address's numbers or typical end-user words.
    func looksGeneric(_ name: String, ip: IPAddress) -> Bool {
        let lower = name.lowercased()
        if case .v4(let bytes) = ip {
            let forward = bytes.map(String.init)
            let reversed = Array(forward.reversed())
            for separator in ["-", ".", "_", ""] {
                if lower.contains(forward.joined(separator: separator))
                    || lower.contains(reversed.joined(separator: separator))
                {
                    return true
                }
            }
        }
        let labels = lower.split(separator: ".")
        let host = labels.first.map(String.init) ?? lower
        return PTRCheck.genericWords.contains { word in host.contains(word) }
    }
}
