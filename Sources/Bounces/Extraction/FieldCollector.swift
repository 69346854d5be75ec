import ByteText

/// Collects RFC 3464 fields line by line into per-recipient facts (shared by most recognisers).
struct FieldCollector {
    private(set) var facts: [DeliveryFacts] = [DeliveryFacts()]
    private(set) var perMessage: [(DSNField.Name, String)] = []
    private(set) var recipients = 0
    /// True while lines may continue the last Diagnostic-Code value.
    private(set) var continuing = false
    /// Map `X-Postfix` style diagnostic types to `SMTP`.
    var postfixSpec = false

    /// The fact being filled.
    var current: DeliveryFacts {
        get { facts[facts.count - 1] }
        _modify { yield &facts[facts.count - 1] }
    }

    /// Starts a new recipient (a fresh fact unless the current one has no recipient yet).
    mutating func startRecipient(_ address: String) {
        if !current.recipient.isEmpty { facts.append(DeliveryFacts()) }
        current.recipient = address
        recipients += 1
    }

    /// Appends an empty fact (formats that fill facts themselves).
    mutating func appendFact() { facts.append(DeliveryFacts()) }

    /// Consumes a delivery-status field line or a Diagnostic-Code continuation; false when the line is neither.
    mutating func consume(_ line: [UInt8]) -> Bool {
        if continuing, let first = line.first, ASCII.isBlank(first), !line.isBlankLine {
            current.diagnosis += " " + TextTools.sweep(ReportText.string(line))
            return true
        }
        guard let field = DSNField.parse(line) else {
            continuing = false
            return false
        }
        continuing = false
        switch field.name {
        case .finalRecipient:
            startRecipient(field.value)
        case .originalRecipient, .actualRecipient:
            current.alias = field.value
        case .diagnosticCode:
            current.spec = (postfixSpec && field.type == "X-POSTFIX") ? "SMTP" : field.type
            current.diagnosis = field.value
            continuing = true
        default:
            current.set(field: field.name, field.value)
            if field.name.isPerMessage { perMessage.append((field.name, field.value)) }
        }
        return true
    }

    /// Copies per-message values into recipients lacking them and drops facts without a recipient.
    mutating func finish() -> [DeliveryFacts] {
        for index in facts.indices {
            for (field, value) in perMessage where facts[index].value(of: field).isEmpty {
                facts[index].set(field: field, value)
            }
        }
        return facts.filter { !$0.recipient.isEmpty }
    }

    /// Replaces the facts (for formats that post-process them).
    mutating func replace(_ newFacts: [DeliveryFacts]) {
        facts = newFacts.isEmpty ? [DeliveryFacts()] : newFacts
    }
}
