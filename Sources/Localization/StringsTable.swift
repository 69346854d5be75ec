/// Translations of ``LocalizedText`` keys, one table per language (`KnowledgeBase/strings/LANG.yaml`).
///
/// A template is the English key's counterpart: `{0}`, `{1}` … stand for the arguments, and
/// `{1, plural, one {# lookup} other {# lookups}}` picks a form by the number (`#` is the number;
/// `=0 {…}` picks an exact value). Any other `{…}` is text (bounce advice has its own `{address}`).
public struct StringsTable: Sendable, Equatable {
    /// Key → template, per language.
    public private(set) var templates: [Language: [String: String]]

    /// A table without translations: every text reads in English.
    public static let empty = StringsTable(templates: [:])

    /// Creates a table.
    public init(templates: [Language: [String: String]]) {
        self.templates = templates
    }

    /// The template of `key` in `language`, or nil when it has none.
    public func template(_ key: String, in language: Language) -> String? {
        templates[language]?[key]
    }

    /// `text` in `language`; a key without a translation reads in English.
    public func render(_ text: LocalizedText, in language: Language) -> String {
        let template = language == .english ? text.key : (templates[language]?[text.key] ?? text.key)
        let filled = Self.fill(template, with: text.arguments, language: language, table: self)
        guard !text.named.isEmpty else { return filled }
        // One pass over the text: each `{name}` it holds is replaced by its value; a text seldom uses
        // more than one or two of the places a whole advice carries.
        var result = ""
        var rest = filled[...]
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            result += rest[..<open]
            let afterOpen = rest.utf8.index(after: open)
            if let close = rest.utf8[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
                let argument = text.named[String(rest[afterOpen..<close])]
            {
                result += Self.value(argument, language: language, table: self)
                rest = rest[rest.utf8.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        result += rest
        return result
    }

    /// The placeholders a template uses: `{0}` as `0`, a plural as `0 plural`, own ones as `{address}`.
    public static func placeholders(in template: String) -> Set<String> {
        var found = Set<String>()
        let characters = Array(template.unicodeScalars)
        var index = 0
        while index < characters.count {
            guard characters[index] == "{" else {
                index += 1
                continue
            }
            if let (number, isPlural, end) = argument(at: index, in: characters) {
                found.insert(isPlural ? "\(number) plural" : "\(number)")
                index = end
            } else if let close = characters[index...].firstIndex(of: "}") {
                found.insert(String(String.UnicodeScalarView(characters[index...close])))
                index = close + 1
            } else {
                index += 1
            }
        }
        return found
    }

    /// The plural category of `count` in `language` (CLDR: French counts 0 as one).
    static func isOne(_ count: Int, in language: Language) -> Bool {
        switch language {
        case .french: count == 0 || count == 1
        default: count == 1
        }
    }

    /// An argument reference starting at `start` (`{0}` or `{0, plural, …}`): its number, whether it
    /// is a plural, and the index after its closing brace.
    private static func argument(at start: Int, in characters: [Unicode.Scalar]) -> (Int, Bool, Int)? {
        var index = start + 1
        var number = 0
        var digits = 0
        while index < characters.count, (48...57).contains(characters[index].value) {
            number = number * 10 + Int(characters[index].value - 48)
            digits += 1
            index += 1
        }
        guard digits > 0, index < characters.count else { return nil }
        if characters[index] == "}" { return (number, false, index + 1) }
        guard characters[index] == "," else { return nil }
        // A plural: find the brace that closes it, counting nested braces.
        var depth = 1
        var scan = index
        while scan < characters.count {
            if characters[scan] == "{" { depth += 1 }
            if characters[scan] == "}" {
                depth -= 1
                if depth == 0 { return (number, true, scan + 1) }
            }
            scan += 1
        }
        return nil
    }

    /// Fills a template's references with the arguments.
    private static func fill(
        _ template: String, with arguments: [LocalizedText.Argument], language: Language, table: StringsTable
    ) -> String {
        guard template.contains("{") else { return template }
        let characters = Array(template.unicodeScalars)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "{", let (number, isPlural, end) = argument(at: index, in: characters) else {
                output.unicodeScalars.append(character)
                index += 1
                continue
            }
            if isPlural {
                let body = String(String.UnicodeScalarView(characters[(index + 1)..<(end - 1)]))
                output += plural(body, arguments: arguments, number: number, language: language, table: table)
            } else if arguments.indices.contains(number) {
                output += value(arguments[number], language: language, table: table)
            } else {
                output += String(String.UnicodeScalarView(characters[index..<end]))
            }
            index = end
        }
        return output
    }

    private static func value(_ argument: LocalizedText.Argument, language: Language, table: StringsTable) -> String {
        switch argument {
        case .verbatim(let text): text
        case .count(let count): String(count)
        case .text(let text): table.render(text, in: language)
        }
    }

    /// `0, plural, one {# x} other {# xs}` for the count in argument `number`.
    private static func plural(
        _ body: String, arguments: [LocalizedText.Argument], number: Int, language: Language, table: StringsTable
    ) -> String {
        let count: Int
        switch arguments.indices.contains(number) ? arguments[number] : .verbatim("") {
        case .count(let value): count = value
        case .verbatim(let text): count = Int(text) ?? 0
        case .text: count = 0
        }
        var forms: [String: String] = [:]
        let characters = Array(body.unicodeScalars)
        // Skip "N, plural," then read `selector {text}` pairs.
        var index = 0
        var commas = 0
        while index < characters.count, commas < 2 {
            if characters[index] == "," { commas += 1 }
            index += 1
        }
        while index < characters.count {
            while index < characters.count, characters[index] == " " { index += 1 }
            var selector = ""
            while index < characters.count, characters[index] != "{", characters[index] != " " {
                selector.unicodeScalars.append(characters[index])
                index += 1
            }
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count, characters[index] == "{" else { break }
            var depth = 1
            var form = ""
            index += 1
            while index < characters.count {
                if characters[index] == "{" { depth += 1 }
                if characters[index] == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                form.unicodeScalars.append(characters[index])
                index += 1
            }
            index += 1
            forms[selector] = form
        }
        let chosen =
            forms["=\(count)"] ?? (isOne(count, in: language) ? forms["one"] : nil) ?? forms["other"] ?? forms["one"]
            ?? ""
        let withNumber = chosen.split(separator: "#", omittingEmptySubsequences: false).joined(separator: String(count))
        return fill(withNumber, with: arguments, language: language, table: table)
    }
}
