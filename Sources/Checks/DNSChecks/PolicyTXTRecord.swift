import ByteText
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

/// The skeleton the MTA-STS and TLS-RPT checks share: look the record up, report a failed lookup, a missing
/// record or more than one, then validate the one record (its syntax and the check's own rules) and report
/// each problem, or hand it to the check to accept.
struct PolicyRecordCheck {
    /// What the check reports at each shared step: the finding code with its sentences.
    struct Outcomes {
        /// A failed lookup: its code, and the summary.
        var lookupFailed: (code: FindingCode, summary: LocalizedText)
        /// No record published: its code, and the finding.
        var absent: (code: FindingCode, finding: LocalizedText)
        /// More than one record: its code, and the finding and the summary for `count` records.
        var multiple:
            (code: FindingCode, finding: (_ count: Int) -> LocalizedText, summary: (_ count: Int) -> LocalizedText)
        /// An invalid record: its code, the finding for one problem, and the summary.
        var invalid: (code: FindingCode, finding: (_ problem: LocalizedText) -> LocalizedText, summary: LocalizedText)
    }

    var id: CheckID
    /// Where the record lives: `_mta-sts.example.com`.
    var name: String
    /// Its first field: `v=STSv1`.
    var version: String
    var outcomes: Outcomes

    /// Runs the shared steps; `problems` adds the check's own rules to the syntax ones, `accept` reports a
    /// valid record and returns the summary.
    func run(
        _ context: CheckContext, problems: (PolicyTXTRecord, inout FindingList) -> [LocalizedText],
        accept: (PolicyTXTRecord, String, inout FindingList) async -> LocalizedText
    ) async -> CheckResult {
        var list = FindingList()
        switch await PolicyRecordLookup.fetch(name, version: version, resolver: context.resolver) {
        case .failed(let answer):
            list.add(outcomes.lookupFailed.code, .error, answer.failureMessage("TXT"))
            return list.result(id, summary: outcomes.lookupFailed.summary)
        case .absent:
            list.add(outcomes.absent.code, .info, outcomes.absent.finding)
            return list.result(id, summary: L("not published (optional)"))
        case .records(let records):
            list.data["records"] = .strings(records)
            guard records.count == 1 else {
                list.add(outcomes.multiple.code, .fail, outcomes.multiple.finding(records.count))
                return list.result(id, summary: outcomes.multiple.summary(records.count))
            }
            let record = PolicyTXTRecord(records[0])
            list.data["record"] = .string(records[0])
            let found = record.problems + problems(record, &list)
            for problem in found {
                list.add(outcomes.invalid.code, .fail, outcomes.invalid.finding(problem))
            }
            guard found.isEmpty else { return list.result(id, summary: outcomes.invalid.summary) }
            let summary = await accept(record, records[0], &list)
            return list.result(id, summary: summary)
        }
    }
}
