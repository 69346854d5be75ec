import ByteText

/// fml mailing-list manager notices (not a member, loops, security alerts).
struct FMLFormat: Recogniser {
    let name = "FML"
    private static let byText: [(String, [String])] = [
        (
            "rejected",
            [
                "NOT MEMBER article from ", "reject mail from ", "reject since ", "reject spammers:",
                "You are not a member of this mailing list",
            ]
        ),
        ("systemerror", ["Duplicated Message-ID", "has detected a loop condition so that", "Loop Back Warning:"]),
        ("securityerror", ["Security alert:"]),
    ]
    private static let bySubject: [(String, [String])] = [
        (
            "rejected",
            ["NOT MEMBER article from ", "reject mail ", "Spam mail from a spammer is rejected", "are not member"]
        ),
        (
            "systemerror",
            ["fml system error message", "Loop Alert: ", "Loop Back Warning: ", "WARNING: UNIX FROM Loop"]
        ),
        ("securityerror", ["Security Alert"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.headers.has("x-mlserver") else { return nil }
        let (head, _) = ReportText.split(
            document.report, at: ["Original mail as follows:", "Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for line in head where !line.isEmpty {
            let text = ReportText.string(line)
            if text.hasSuffix(">."), let open = text.utf8.lastIndex(of: UInt8(ascii: "<")),
                text[open...].containsBytes("@")
            {
                var fact = DeliveryFacts()
                fact.recipient = String(text[text.index(after: open)..<text.index(text.endIndex, offsetBy: -2)])
                fact.diagnosis = text
                facts.append(fact)
            } else if !facts.isEmpty {
                facts[facts.count - 1].diagnosis += text
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            let text = facts[index].diagnosis
            if let match = Self.byText.first(where: { $0.1.contains { text.containsBytes($0) } }) {
                facts[index].reason = match.0
            } else if let match = Self.bySubject.first(where: { $0.1.contains { document.subject.containsBytes($0) } })
            {
                facts[index].reason = match.0
            }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
