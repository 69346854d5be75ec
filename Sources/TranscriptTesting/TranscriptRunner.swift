import Conversation
import Foundation
import Knowledge
import Localization

/// Replays transcripts through the conversation engine and compares the replies.
public struct TranscriptRunner: Sendable {
    /// Builds the engine for a transcript's options; throws when an option cannot be honoured.
    public typealias EngineFactory = @Sendable ([String: String]) throws -> ConversationEngine

    /// The result of replaying one transcript.
    public struct Outcome: Sendable {
        /// The transcript with the replies the engine gave.
        public var actual: Transcript
        /// Turns whose reply differed.
        public var mismatches: Int
        /// Unified diff between the file and what the engine said; empty when equal.
        public var diff: String
        /// Turns that failed their `?` expectations or were dead ends, in order.
        public var defects: [Defect] = []
    }

    /// A turn that did not do what it had to.
    public struct Defect: Sendable, Equatable {
        /// Line of the turn's message.
        public var line: Int
        /// What kind of failure.
        public var kind: Expectation.Defect
        /// What went wrong, for a person.
        public var detail: String

        /// Creates a defect.
        public init(line: Int, kind: Expectation.Defect, detail: String) {
            self.line = line
            self.kind = kind
            self.detail = detail
        }
    }

    private let makeEngine: EngineFactory

    /// Creates a runner.
    public init(makeEngine: @escaping EngineFactory) {
        self.makeEngine = makeEngine
    }

    /// Replays a transcript's turns in one session and returns what the engine said.
    ///
    /// With `language`, a scenario (a file with `?` lines) is also held to answering every message in it.
    public func run(_ transcript: Transcript, name: String = "transcript", language: Language? = nil) async throws
        -> Outcome
    {
        let engine = try makeEngine(transcript.options)
        let renderer = ReplyRenderer(style: .plain, strings: engine.strings)
        var session = Session(id: name)
        var actual = transcript
        var mismatches = 0
        var defects: [Defect] = []
        let hasExpectations = transcript.turns.contains { !$0.expectations.isEmpty }
        for (index, item) in transcript.items.enumerated() {
            guard case .turn(var turn) = item else { continue }
            let (next, reply) = await engine.respond(to: turn.message, in: session)
            session = next
            let rendered = renderer.render(reply)
            // A scenario (a file with `?` lines) is also held to the rule that needs no line: no dead end.
            if hasExpectations, Expectation.isFallback(reply) {
                defects.append(Defect(line: turn.line, kind: .fallback, detail: "dead end: \(reply.answer.prefix(80))"))
            }
            if hasExpectations, let language, let detail = Self.languageDefect(reply, rendered: rendered, language) {
                defects.append(Defect(line: turn.line, kind: .wrongLanguage, detail: detail))
            }
            for expectation in turn.expectations {
                if let (kind, detail) = expectation.defect(in: reply, rendered: rendered) {
                    defects.append(Defect(line: turn.line, kind: kind, detail: detail))
                }
            }
            let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map {
                Self.maskTimings(String($0))
            }
            if lines != turn.expected { mismatches += 1 }
            turn.expected = lines
            actual.items[index] = .turn(turn)
        }
        let diff = UnifiedDiff.diff(
            transcript.text(), actual.text(), oldName: "\(name) (expected)", newName: "\(name) (actual)")
        return Outcome(actual: actual, mismatches: mismatches, diff: diff, defects: defects)
    }

    /// Why a reply is not in `language`: marked with another one, or a line of it still in English.
    static func languageDefect(_ reply: Reply, rendered: String, _ language: Language) -> String? {
        if reply.language != language { return "answered in \(reply.language.code), not \(language.code)" }
        guard language != .english else { return nil }
        for line in rendered.split(separator: "\n") {
            if let english = TranslationValidator.englishLeft(in: String(line)) { return "English left: \(english)" }
        }
        return nil
    }

    /// Durations measured live ("greeting in 12 ms") written as "N ms", so replays compare equal.
    static func maskTimings(_ line: String) -> String {
        guard line.contains(" ms") else { return line }
        return line.replacing(/\b\d+ ms\b/, with: "N ms")
    }

    /// Reads and replays a transcript file.
    public func run(file: URL) async throws -> Outcome {
        let text = try String(contentsOf: file, encoding: .utf8)
        let transcript: Transcript
        do {
            transcript = try Transcript.parse(text)
        } catch {
            throw TranscriptError(line: error.line, message: "\(file.lastPathComponent): \(error.message)")
        }
        // A scenario's folder names its language (Transcripts/scenarios/fr/…).
        let folder = file.deletingLastPathComponent().lastPathComponent
        return try await run(transcript, name: file.lastPathComponent, language: Language(rawValue: folder))
    }

    /// The `.transcript` files named by paths (files or directories), sorted.
    public static func files(in paths: [String]) throws -> [URL] {
        var result: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw TranscriptError(line: 0, message: "no such file or directory: \(path)")
            }
            if isDirectory.boolValue {
                let names = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
                result += names.filter { $0.hasSuffix(".transcript") }.sorted().map {
                    URL(fileURLWithPath: path).appendingPathComponent($0)
                }
            } else {
                result.append(URL(fileURLWithPath: path))
            }
        }
        return result
    }
}
