import ByteText

/// Microsoft Exchange Server 2007+ NDRs without a DSN part ("Diagnostic information for administrators").
struct Exchange2007Format: Recogniser {
    let name = "Exchange2007"
    /// Data: Exchange NDR subject codes and their reasons.
    private static let codes: [String: String] = [
        "SMTPSEND.DNS.NonExistentDomain": "hostunknown", "SMTPSEND.DNS.MxLoopback": "networkerror",
        "RESOLVER.ADR.BadPrimary": "systemerror", "RESOLVER.ADR.RecipNotFound": "userunknown",
        "RESOLVER.ADR.ExRecipNotFound": "userunknown", "RESOLVER.ADR.RecipLimit": "toomanyconn",
        "RESOLVER.ADR.InvalidInSmtp": "systemerror", "RESOLVER.ADR.Ambiguous": "systemerror",
        "RESOLVER.RST.AuthRequired": "securityerror", "RESOLVER.RST.NotAuthorized": "rejected",
        "RESOLVER.RST.RecipSizeLimit": "mesgtoobig", "QUEUE.Expired": "expired",
    ]
    private static let starts = [
        "Diagnostic information for administrators:", "Informations de diagnostic pour les administrateurs",
        "Informazioni di diagnostica per gli amministratori",
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard !document.hasDeliveryStatusPart else { return nil }
        let subject = document.subject
        guard
            subject.hasPrefix("Undeliverable:") || subject.hasPrefix("Non_remis_:")
                || subject.hasPrefix("Non recapitabile:"),
            document.headers.has("content-language"),
            !document.headers.has("x-ms-exchange-crosstenant-originalarrivaltime")
        else { return nil }
        let (head, _) = ReportText.split(
            document.report,
            at: [
                "Original message headers:", "En-têtes de message d'origine :", "Intestazioni originali del messaggio:",
                "Content-Type: message/rfc822",
            ])
        var facts = [DeliveryFacts]()
        var reading = false
        var sawServer = false
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                if Self.starts.contains(where: { text.hasPrefix($0) }) { reading = true }
                continue
            }
            if !sawServer {
                if text.hasPrefix("Generating server") || text.hasPrefix("Serveur de g")
                    || text.hasPrefix("Server di generazione")
                {
                    sawServer = true
                }
                continue
            }
            let trimmed = text.trimmingCharactersBlank()
            if trimmed.containsBytes("@"), !trimmed.containsBytes(" "), trimmed.filter({ $0 == "@" }).count == 1 {
                var fact = DeliveryFacts()
                fact.recipient = trimmed
                facts.append(fact)
            } else if !facts.isEmpty {
                let reply = ReplyCode.find(trimmed)
                let status = StatusCode.find(trimmed)
                if !reply.isEmpty, !status.isEmpty, trimmed.containsBytes(reply + " " + status) {
                    facts[facts.count - 1].replyCode = reply
                    facts[facts.count - 1].status = status
                    facts[facts.count - 1].diagnosis = trimmed
                } else if facts[facts.count - 1].diagnosis.hasSuffix("=") {
                    facts[facts.count - 1].diagnosis.removeLast()
                    facts[facts.count - 1].diagnosis += trimmed
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            let diagnosis = facts[index].diagnosis
            for (code, reason) in Self.codes where diagnosis.containsBytes(" " + code + ";") {
                facts[index].reason = reason
                break
            }
            facts[index].diagnosis = TextTools.sweep(diagnosis)
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
