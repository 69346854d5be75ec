import Foundation

/// One conversation written down for a person to read and for tests to replay.
///
/// ```
/// # comment
/// @provider ovhcloud
///
/// > what the user types (several `>` lines make one message)
/// ? what the reply must do (see ``Expectation``), optional
/// < what MailDoctor answers, line by line (`<` alone is an empty line)
/// ```
public struct Transcript: Sendable, Equatable {
    /// One user message and the reply expected for it.
    public struct Turn: Sendable, Equatable {
        /// The user's message.
        public var message: String
        /// Expected reply lines.
        public var expected: [String]
        /// Line of the turn's first `>` line.
        public var line: Int
        /// What the reply must do (`?` lines), checked besides the exact reply.
        public var expectations: [Expectation] = []
    }

    /// A piece of the file, kept in order so the file can be written back.
    public enum Item: Sendable, Equatable {
        case option(name: String, value: String)
        case comment(String)
        case blank
        case turn(Turn)
    }

    /// Options known to the runner.
    public static let knownOptions: Set<String> = [
        "provider", "resolver", "allow-private", "allow-hosts", "dnsbl", "timeout", "probes",
    ]

    /// Options, comments, blanks and turns in file order.
    public var items: [Item]

    /// Per-file options (`@provider ovhcloud`).
    public var options: [String: String] {
        var options: [String: String] = [:]
        for case .option(let name, let value) in items { options[name] = value }
        return options
    }

    /// The turns alone.
    public var turns: [Turn] {
        items.compactMap { item in
            if case .turn(let turn) = item { return turn }
            return nil
        }
    }

    /// Creates a transcript.
    public init(items: [Item] = []) {
        self.items = items
    }

    /// Parses transcript text; throws with the line of the first malformed line.
    public static func parse(_ text: String) throws(TranscriptError) -> Transcript {
        var transcript = Transcript()
        var current: Turn?
        var inReply = false
        func finish() {
            if let turn = current { transcript.items.append(.turn(turn)) }
            current = nil
            inReply = false
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let lastIndex = lines.last == "" ? lines.count - 1 : lines.count
        for (offset, line) in lines.prefix(lastIndex).enumerated() {
            let number = offset + 1
            if line.hasPrefix(">") {
                if inReply || current == nil {
                    finish()
                    current = Turn(message: "", expected: [], line: number)
                } else {
                    current?.message += "\n"
                }
                current?.message += content(of: line)
            } else if line.hasPrefix("?") {
                guard current != nil, !inReply else {
                    throw TranscriptError(
                        line: number, message: "an expectation '?' must follow the user lines '>', before the reply")
                }
                do {
                    current?.expectations.append(try Expectation.parse(content(of: line)))
                } catch {
                    throw TranscriptError(line: number, message: error.message)
                }
            } else if line.hasPrefix("<") {
                guard current != nil else {
                    throw TranscriptError(line: number, message: "a reply line '<' must follow a user line '>'")
                }
                inReply = true
                current?.expected.append(content(of: line))
            } else if line.hasPrefix("#") {
                finish()
                transcript.items.append(.comment(line))
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                finish()
                transcript.items.append(.blank)
            } else if line.hasPrefix("@") {
                guard transcript.turns.isEmpty, current == nil else {
                    throw TranscriptError(line: number, message: "options ('@name value') belong before the first turn")
                }
                let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
                guard let name = parts.first, knownOptions.contains(name) else {
                    throw TranscriptError(
                        line: number,
                        message: "unknown option '\(line)'; known: \(knownOptions.sorted().joined(separator: ", "))")
                }
                let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "true"
                transcript.items.append(.option(name: name, value: value))
            } else {
                throw TranscriptError(
                    line: number,
                    message: "a line must start with '>', '?', '<', '#' or '@', or be empty: \(line.prefix(40))")
            }
        }
        finish()
        return transcript
    }

    /// The transcript as text, in the same layout it was read in.
    public func text() -> String {
        var lines: [String] = []
        for item in items {
            switch item {
            case .option(let name, let value): lines.append("@\(name) \(value)")
            case .comment(let text): lines.append(text)
            case .blank: lines.append("")
            case .turn(let turn):
                for line in turn.message.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines.append(line.isEmpty ? ">" : "> \(line)")
                }
                for expectation in turn.expectations { lines.append("? \(expectation.text)") }
                for line in turn.expected { lines.append(line.isEmpty ? "<" : "< \(line)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func content(of line: String) -> String {
        let rest = line.dropFirst()
        return String(rest.hasPrefix(" ") ? rest.dropFirst() : rest)
    }
}

/// A malformed transcript line.
public struct TranscriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error for a line.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
