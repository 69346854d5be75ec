import MCP

/// A tool call's arguments, read with the checks every tool shares: known names only, the right JSON
/// types, length limits. Each failure is an ``ArgumentError`` whose message the model can act on.
struct ToolArguments {
    private let tool: String
    private let values: [String: Value]

    /// Reads `values` for `tool`, refusing names the tool does not take.
    init(tool: String, values: [String: Value]?, accepted: [String]) throws(ArgumentError) {
        self.tool = tool
        self.values = values ?? [:]
        let unknown = self.values.keys.filter { !accepted.contains($0) }.sorted()
        if let first = unknown.first {
            let known = accepted.isEmpty ? "none" : accepted.joined(separator: ", ")
            throw ArgumentError("\(tool) does not take the argument \"\(first)\" (its arguments: \(known))")
        }
    }

    /// A string argument of at most `maxBytes` UTF-8 bytes; nil when absent (or JSON null).
    func string(_ name: String, maxBytes: Int) throws(ArgumentError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ArgumentError("\(name) must be a string")
        }
        if text.utf8.count > maxBytes {
            throw ArgumentError(
                "\(name) is \(Self.size(text.utf8.count)) long; \(tool) takes at most \(Self.size(maxBytes))")
        }
        return text
    }

    /// A string argument that must be present and not blank.
    func requiredString(_ name: String, maxBytes: Int) throws(ArgumentError) -> String {
        guard let text = try string(name, maxBytes: maxBytes) else {
            throw ArgumentError("\(tool) needs the argument \"\(name)\"")
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw ArgumentError("\(name) is empty")
        }
        return text
    }

    /// A string argument that must be one of `choices` (compared without case); nil when absent.
    func choice(_ name: String, of choices: [String]) throws(ArgumentError) -> String? {
        guard let text = try string(name, maxBytes: 64) else { return nil }
        let lower = text.lowercased()
        guard choices.contains(lower) else {
            throw ArgumentError("\(name) must be one of \(choices.joined(separator: ", ")), not \"\(text)\"")
        }
        return lower
    }

    /// An array of strings of at most `maxCount` items; nil when absent.
    func strings(_ name: String, maxCount: Int) throws(ArgumentError) -> [String]? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let array = value.arrayValue else { throw ArgumentError("\(name) must be an array of strings") }
        guard array.count <= maxCount else { throw ArgumentError("\(name) has more than \(maxCount) items") }
        var items: [String] = []
        for item in array {
            guard let text = item.stringValue, text.utf8.count <= 64 else {
                throw ArgumentError("\(name) must be an array of short strings")
            }
            items.append(text)
        }
        return items
    }

    /// An integer argument between `range`'s bounds; nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ArgumentError) -> Int? {
        guard let value = values[name], !value.isNull else { return nil }
        let number: Int? =
            switch value {
            case .int(let int): int
            case .double(let double) where double == double.rounded() && abs(double) < 1e9: Int(double)
            default: nil
            }
        guard let number, range.contains(number) else {
            throw ArgumentError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// "64 KiB", "2.5 MiB": a byte count for a person.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return "\(bytes / 1024) KiB" }
        let tenths = (bytes * 10) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
    }
}

/// A tool argument that cannot be used, with a message for the model (and the person behind it).
struct ArgumentError: Error, Equatable {
    /// What is wrong, in one sentence.
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
