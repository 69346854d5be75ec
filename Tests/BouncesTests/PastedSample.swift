import Testing

@testable import Bounces

/// A pasted text (an SMTP reply, NDR lines, a log line) and what must be read from it; a nil field is not
/// checked, an empty one must be read as empty.
struct PastedSample: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    /// The addresses of all recipients, in order.
    var recipients: [String]?
    // The first recipient's fields.
    var address: String?
    var action: String?
    var status: String?
    var replyCode: String?
    var reason: String?
    var remoteMTA: String?
    var remoteServer: String?
    var remoteIP: String?
    var serverText: String?
    var reportingServer: String?
    var diagnostic: String?

    var testDescription: String { name }

    /// Expects `report` to be read as a fragment with these recipients, its first recipient showing every
    /// field given here.
    func check(_ report: BounceReport) {
        #expect(report.kind == .fragment)
        if let recipients { #expect(report.recipients.map(\.address) == recipients) }
        let first = report.recipients.first
        let fields: [(String?, KeyPath<BounceRecipient, String>)] = [
            (address, \.address), (action, \.action), (status, \.status), (replyCode, \.replyCode),
            (reason, \.reason), (remoteMTA, \.remoteMTA), (remoteServer, \.remoteServer), (remoteIP, \.remoteIP),
            (serverText, \.serverText),
            (reportingServer, \.reportingServer), (diagnostic, \.diagnostic),
        ]
        for (expected, field) in fields {
            if let expected { #expect(first?[keyPath: field] == expected, "\(field)") }
        }
    }
}
