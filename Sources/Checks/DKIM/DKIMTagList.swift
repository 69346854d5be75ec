import ByteText
import MailModel

/// A DKIM tag=value list (RFC 6376 §3.2), as used by key records and signatures.
struct DKIMTagList: Sendable, Equatable {
    /// Tags in order, names as written (tag names are case-sensitive), values without whitespace at the ends.
    var tags: [(name: String, value: String)]
    /// Malformed pieces.
    var problems: [String]

    static func == (left: DKIMTagList, right: DKIMTagList) -> Bool {
        left.tags.map(\.name) == right.tags.map(\.name) && left.tags.map(\.value) == right.tags.map(\.value)
            && left.problems == right.problems
    }

    init(_ text: String) {
        tags = []
        problems = []
        var seen: Set<String> = []
        for piece in text.split(separator: ";", omittingEmptySubsequences: false) {
            let part = piece.trimmingWhitespace()
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else {
                problems.append("\"\(part.prefix(40))\" is not a tag=value pair")
                continue
            }
            let name = part[..<equals].trimmingWhitespace()
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                problems.append("\"\(name)\" is not a valid tag name")
                continue
            }
            if !seen.insert(name).inserted {
                problems.append("the tag \"\(name)\" appears twice")
                continue
            }
            tags.append((name, part[part.index(after: equals)...].trimmingWhitespace()))
        }
    }

    func value(_ name: String) -> String? {
        tags.first { $0.name == name }?.value
    }
}
