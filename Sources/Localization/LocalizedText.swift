import Localization

/// A user-facing text written in English in the code, kept with its arguments so that it can be
/// shown in any language later.
///
/// Built from a string literal: `"SPF of \(domain) has \(n) lookups"` keeps the key
/// `SPF of {0} has {1} lookups` and the arguments. The key is the English text (as with
/// Foundation's `String(localized:)`), so the code reads as it did; `KnowledgeBase/strings/LANG.yaml`
/// maps each key to its translation. Counts that need a plural form use
/// `\(plural: n, one: "# lookup", other: "# lookups")`, an ICU plural (`#` is the number).
public struct LocalizedText: Sendable, Hashable, Codable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// One value put into the text.
    public indirect enum Argument: Sendable, Hashable, Codable {
        /// Shown as it is: a domain, an address, a code.
        case verbatim(String)
        /// A number a plural form depends on.
        case count(Int)
        /// A text of its own, shown in the same language.
        case text(LocalizedText)
    }

    /// The English template, which is also the key of the strings tables.
    public var key: String
    /// The values of `{0}`, `{1}` … in order.
    public var arguments: [Argument]
    /// Values of named places (`{address}`), for texts kept as data with their own placeholders.
    public var named: [String: Argument] = [:]

    /// A text with no arguments.
    public init(stringLiteral value: String) {
        key = value
        arguments = []
    }

    /// A text from its key and arguments.
    public init(key: String, arguments: [Argument] = []) {
        self.key = key
        self.arguments = arguments
    }

    /// The same text with named places filled (`{address}` → a value), after translation.
    public func filling(_ values: [String: Argument]) -> LocalizedText {
        var copy = self
        copy.named.merge(values) { _, new in new }
        return copy
    }

    /// A text that is not translated: a value shown as it is (for example a server's own words).
    public static func verbatim(_ text: String) -> LocalizedText {
        LocalizedText(key: "{0}", arguments: [.verbatim(text)])
    }

    /// Texts shown one after the other with `separator` between them (a list of values, each translated).
    public static func joined(_ items: [LocalizedText], separator: String) -> LocalizedText {
        let key = items.indices.map { "{\($0)}" }.joined(separator: separator)
        return LocalizedText(key: key, arguments: items.map { .text($0) })
    }

    /// Builds a text from a literal with interpolations.
    public init(stringInterpolation: StringInterpolation) {
        key = stringInterpolation.key
        arguments = stringInterpolation.arguments
    }

    /// The text in English.
    public var english: String { StringsTable.empty.render(self, in: .english) }

    /// The text in English.
    public var description: String { english }

    /// Collects a literal's pieces into a key and arguments.
    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [Argument] = []

        /// Starts an empty interpolation.
        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        /// Appends literal text.
        public mutating func appendLiteral(_ literal: String) { key += literal }

        /// Appends a value shown as it is.
        public mutating func appendInterpolation<Value>(_ value: Value) {
            key += "{\(arguments.count)}"
            arguments.append(.verbatim("\(value)"))
        }

        /// Appends a text shown in the same language as the whole.
        public mutating func appendInterpolation(_ text: LocalizedText) {
            key += "{\(arguments.count)}"
            arguments.append(.text(text))
        }

        /// Appends a number with the plural form of what it counts: `one` and `other` are the English
        /// forms, `#` standing for the number (`"# lookup"`, `"# lookups"`).
        public mutating func appendInterpolation(plural count: Int, one: String, other: String) {
            key += "{\(arguments.count), plural, one {\(one)} other {\(other)}}"
            arguments.append(.count(count))
        }
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
/// Marks a literal as a user-facing text that is shown later, in the language of the person who
/// reads it (a finding, a check summary, bounce advice): `L("No MX record for \(domain).")`.
/// The one-letter upper-case name is on purpose: it is a marker that `scripts/strings.py` looks for.
@inlinable
public func L(_ text: LocalizedText) -> LocalizedText { text }

/// A user-facing text in the language of the current conversation (``Localizer/current``).
public func tr(_ text: LocalizedText) -> String { Localizer.current.render(text) }
