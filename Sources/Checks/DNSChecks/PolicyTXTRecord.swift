import Localization
import MailModel

/// A `name=value; name=value` record such as MTA-STS's and TLS-RPT's, parsed strictly enough to validate.
struct PolicyTXTRecord: Sendable {
    var fields: [(name: String, value: String)] = []
    var problems: [LocalizedText] = []

    init(_ text: String) {
        for (index, piece) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let part = piece.trimmingWhitespace()
            if part.isEmpty {
                if index > 0 { continue }
                problems.append(L("the record starts with an empty field"))
                continue
            }
            guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                problems.append(L("\"\(part)\" is not a name=value pair"))
                continue
            }
            let name = String(part[..<equals])
            let value = String(part[part.index(after: equals)...])
            if name.contains(where: { $0 == " " }) || value.hasPrefix(" ") {
                problems.append(L("\"\(part)\" has spaces around \"=\", which are not allowed"))
            }
            if fields.contains(where: { $0.name == name }) {
                problems.append(L("the field \"\(name)\" appears twice"))
                continue
            }
            fields.append((name.trimmingWhitespace(), value.trimmingWhitespace()))
        }
    }

    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Records among `texts` whose first field is exactly `version` ("v=STSv1").
    static func select(_ texts: [String], version: String) -> [String] {
        texts.filter { text in
            let first = text.split(separator: ";", maxSplits: 1).first.map { $0.trimmingWhitespace() } ?? ""
            return first == version
        }
    }
}

/// Shared flow of the two reporting/policy record checks: lookup, selection, error handling.
enum PolicyRecordLookup {
    case records([String])
    case absent
    case failed(DNSAnswer)

    static func fetch(_ name: String, version: String, resolver: any DNSResolving) async -> PolicyRecordLookup {
        let answer = await resolver.resolve(name, .txt)
        switch answer.outcome {
        case .answer:
            let records = PolicyTXTRecord.select(answer.texts, version: version)
            return records.isEmpty ? .absent : .records(records)
        case .noData, .nxdomain: return .absent
        case .servfail, .refused, .timeout, .failure: return .failed(answer)
        }
    }
}
