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
    /// The codes of the shared steps.
    struct Codes {
        var dnsError: FindingCode
        var missing: FindingCode
        var multipleRecords: FindingCode
        var invalid: FindingCode
    }

    /// The check's sentences for the shared steps.
    struct Texts {
        /// The summary when the lookup failed.
        var lookupFailed: LocalizedText
        /// The finding when no record is published.
        var absent: LocalizedText
        /// The finding and the summary for `count` records.
        var multiple: (_ count: Int) -> LocalizedText
        var multipleSummary: (_ count: Int) -> LocalizedText
        /// The finding for one problem of the record, and the summary of an invalid record.
        var invalid: (_ problem: LocalizedText) -> LocalizedText
        var invalidSummary: LocalizedText
    }

    var id: CheckID
    /// Where the record lives: `_mta-sts.example.com`.
    var name: String
    /// Its first field: `v=STSv1`.
    var version: String
    var codes: Codes
    var texts: Texts

    /// Runs the shared steps; `problems` adds the check's own rules to the syntax ones, `accept` reports a
    /// valid record and returns the summary.
    func run(
        _ context: CheckContext, problems: (PolicyTXTRecord, inout FindingList) -> [LocalizedText],
        accept: (PolicyTXTRecord, String, inout FindingList) async -> LocalizedText
    ) async -> CheckResult {
        var list = FindingList()
        switch await PolicyRecordLookup.fetch(name, version: version, resolver: context.resolver) {
        case .failed(let answer):
            list.add(codes.dnsError, .error, answer.failureMessage("TXT"))
            return list.result(id, summary: texts.lookupFailed)
        case .absent:
            list.add(codes.missing, .info, texts.absent)
            return list.result(id, summary: L("not published (optional)"))
        case .records(let records):
            list.data["records"] = .strings(records)
            guard records.count == 1 else {
                list.add(codes.multipleRecords, .fail, texts.multiple(records.count))
                return list.result(id, summary: texts.multipleSummary(records.count))
            }
            let record = PolicyTXTRecord(records[0])
            list.data["record"] = .string(records[0])
            let found = record.problems + problems(record, &list)
            for problem in found {
                list.add(codes.invalid, .fail, texts.invalid(problem))
            }
            guard found.isEmpty else { return list.result(id, summary: texts.invalidSummary) }
            let summary = await accept(record, records[0], &list)
            return list.result(id, summary: summary)
        }
    }
}
