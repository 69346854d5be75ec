import ByteText

/// What a recogniser learned about one recipient, before classification.
struct DeliveryFacts: Sendable, Hashable {
    var recipient = ""
    var alias = ""
    var action = ""
    var status = ""
    var replyCode = ""
    var diagnosis = ""
    /// Diagnostic type from `Diagnostic-Code: TYPE; …` (`SMTP`, `X-UNIX`, …).
    var spec = ""
    var command = ""
    /// A reason decided by the recogniser itself ("" = let the classifier decide).
    var reason = ""
    var remoteMTA = ""
    var reportingMTA = ""
    var feedbackType = ""
    /// True when `remoteMTA` came from a DSN `Remote-MTA` field (it names the refusing host).
    var remoteFromField = false

    /// Stores a value under the RFC 3464 field it came from.
    mutating func set(field: DSNField.Name, _ value: String) {
        switch field {
        case .action: action = value
        case .status: status = value
        case .remoteMTA:
            remoteMTA = value
            remoteFromField = true
        case .reportingMTA: reportingMTA = value
        case .receivedFromMTA: if reportingMTA.isEmpty { reportingMTA = value }
        case .finalRecipient: recipient = value
        case .originalRecipient, .actualRecipient: alias = value
        case .diagnosticCode: diagnosis = value
        case .arrivalDate, .lastAttemptDate, .willRetryUntil, .finalLogID, .originalEnvelopeID: break
        }
    }

    /// The value stored for a per-message field ("" when unset).
    func value(of field: DSNField.Name) -> String {
        switch field {
        case .reportingMTA, .receivedFromMTA: return reportingMTA
        case .remoteMTA: return remoteMTA
        case .action: return action
        case .status: return status
        default: return ""
        }
    }
}

extension [DeliveryFacts] {
    /// Sweeps every diagnosis into one clean line and, where it contains a phrase of `reasons`, sets the
    /// reason of the first entry that has one (a vendor's own messages).
    mutating func sweepDiagnoses(reasons: [(String, [String])] = []) {
        for index in indices {
            self[index].diagnosis = TextTools.sweep(self[index].diagnosis)
            let diagnosis = self[index].diagnosis
            if let match = reasons.first(where: { $0.1.contains { diagnosis.containsBytes($0) } }) {
                self[index].reason = match.0
            }
        }
    }
}
