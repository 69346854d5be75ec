import ArgumentParser
import Bounces
import CShims
import Conversation
import EmbeddedKnowledge
import Foundation
import Knowledge
import Sanitizer
import Shell
import Synchronization

/// `maildoctor explain`: read bounces and say what happened.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain bounces: what happened, whose side it is on, what to do.",
        discussion: """
            Reads raw messages (.eml, mbox), pasted fragments or log lines. With --json, prints one JSON object per input file per line (JSON Lines).

            Examples:
              maildoctor explain bounce.eml
              maildoctor explain --json ~/bounces/ > results.jsonl
              pbpaste | maildoctor explain -
            """)

    @Flag(help: "One JSON object per input file per line.")
    var json = false

    @Argument(help: "Files, folders (every file inside), or '-' for stdin.")
    var inputs: [String] = ["-"]

    @OptionGroup var global: GlobalOptions

    mutating func run() async throws {
        let settings = try global.settings()
        if json {
            try Self.explainJSON(inputs, settings: settings)
            return
        }
        let files = try Self.expand(inputs)
        let engine = try settings.makeEngine(liveChecks: false)
        let renderer = ReplyRenderer(
            style: Terminal.useColor() ? .ansi : .plain, width: Terminal.width(), strings: engine.strings)
        var failures = 0
        for file in files {
            guard let content = Self.contents(of: file) else {
                failures += 1
                Log.error("cannot read \(file)")
                continue
            }
            if content.truncated { BoundedInput.warnTruncated(file == "-" ? "stdin" : file) }
            let report = BounceParser.parse(content.bytes)
            var text = files.count > 1 ? "== \(TextSanitizer.neutralizeLine(file))\n" : ""
            if report.isAboutDelivery {
                let (_, reply) = engine.bounceReply(
                    report, text: Self.searchText(content.bytes), session: Session(id: "explain"))
                text += renderer.render(reply)
            } else {
                text += TextSanitizer.neutralize(
                    report.problem ?? "This does not look like a bounce: I found no delivery failure in it.")
            }
            if files.count > 1 { text += "\n" }
            try Output.line(text)
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// The inputs of `explain --json PATH…` when that is the whole command line (after the program name):
    /// `--json` once, then files, folders or `-`, none starting with another `-`; nil otherwise.
    ///
    /// This one batch form skips the argument parser, whose reflection is paid at every start and weighs on a
    /// short batch (`bench/bounces.sh` measures it). Every other form, including errors, goes through it.
    static func plainJSONInputs(_ arguments: ArraySlice<String>) -> [String]? {
        guard arguments.first == "explain", arguments.filter({ $0 == "--json" }).count == 1 else { return nil }
        let inputs = arguments.dropFirst().filter { $0 != "--json" }
        guard !inputs.isEmpty, inputs.allSatisfy({ $0 == "-" || !$0.hasPrefix("-") }) else { return nil }
        return Array(inputs)
    }

    /// `--json`: one JSON line per file, in input order.
    ///
    /// Files are read, parsed and encoded in batches by as many workers as there are processors (this
    /// thread and plain threads), each taking the next file as it finishes one; the lines are then
    /// written in input order, so the output is the same as from one thread.
    static func explainJSON(_ inputs: [String], settings: Settings) throws {
        // JSON names articles only: the built-in titles are read without parsing the knowledge base.
        let titles =
            settings.knowledgeDirectory == nil
            ? KnowledgeBase.embeddedTitles() : try settings.knowledgeBase().byID.mapValues(\.title)
        let files = try expand(inputs)
        var failures = 0
        let workers = max(1, min(ExplainFiles.processorCount(), 8))
        // Lines go out in writes of up to 64 KB from one buffer: growing a buffer for a whole batch cost
        // more in page faults on fresh memory than the copying itself.
        let chunk = 1 << 16
        var output: [UInt8] = []
        output.reserveCapacity(chunk)
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<min(files.count, start + 1_024)])
            start += batch.count
            for (file, line) in zip(batch, jsonLines(batch, workers: workers, titles: titles)) {
                guard let line else {
                    failures += 1
                    Log.error("cannot read \(file)")
                    continue
                }
                if output.count + line.count > chunk {
                    try Output.write(output)
                    output.removeAll(keepingCapacity: true)
                }
                output.append(contentsOf: line)
            }
        }
        try Output.write(output)
        if failures > 0 { throw ExitCode(1) }
    }

    /// The text the knowledge search reads from a bounce: its first 64 KB (the search reads no more
    /// than the first 20,000 bytes), so a 64 MB file is not copied into a string as well.
    static func searchText(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
    }

    /// The `explain --json` line of each file (with its line break), in input order; nil for a file
    /// that cannot be read. Standard input is read here, once, in order; workers take the files.
    static func jsonLines(_ files: [String], workers: Int, titles: [String: String]) -> [[UInt8]?] {
        var stdin: [Int: BoundedInput.Content] = [:]
        for index in files.indices where files[index] == "-" { stdin[index] = contents(of: "-") }
        let inputs = stdin
        let next = NextIndex()
        let collected = CollectedLines()
        let work: @Sendable () -> Void = {
            // Bounces of the same reason and codes name the same articles: encode each list once.
            var articlesByIDs: [ArticlesJSON] = []
            var entries: [String: String] = [:]
            var lines: [(Int, [UInt8]?)] = []
            while let index = next.take(below: files.count) {
                let content = files[index] == "-" ? inputs[index] : ExplainFiles.read(files[index])
                guard let content else {
                    lines.append((index, nil))
                    continue
                }
                if content.truncated { BoundedInput.warnTruncated(files[index] == "-" ? "stdin" : files[index]) }
                let report = BounceParser.parse(content.bytes)
                var articles = "[]"
                if report.isBounce {
                    let ids = report.articleIDs()
                    if let known = articlesByIDs.first(where: { $0.ids == ids }) {
                        articles = known.json
                    } else {
                        articles = articlesJSON(ids, titles: titles, entries: &entries)
                        articlesByIDs.append(ArticlesJSON(ids: ids, json: articles))
                    }
                }
                var line: [UInt8] = []
                line.reserveCapacity(1_024)
                report.appendJSONLine(
                    to: &line,
                    extraFields: [("file", BounceReport.jsonString(files[index])), ("articles", articles)])
                line.append(0x0A)
                lines.append((index, line))
            }
            collected.add(lines)
        }
        // If a thread cannot be started, the others (this one at least) take its share.
        let threads = (1..<max(workers, 1)).compactMap { _ in PlainThread.start(work) }
        work()
        for thread in threads { thread.join() }
        var lines = [[UInt8]?](repeating: nil, count: files.count)
        for (index, line) in collected.all() { lines[index] = line }
        return lines
    }

    /// The bytes of a file, or of standard input for "-", up to the input limit (see
    /// `BoundedInput`); nil when the file cannot be read.
    static func contents(of file: String) -> BoundedInput.Content? {
        if file == "-" { return BoundedInput.read(descriptor: 0, sizeHint: 0) }
        return ExplainFiles.read(file)
    }

    /// The `articles` array of `explain --json`; `entries` keeps each article's encoded entry for reuse.
    static func articlesJSON(_ ids: [String], titles: [String: String], entries: inout [String: String]) -> String {
        var json = "["
        for id in ids {
            var entry = entries[id]
            if entry == nil, let title = titles[id] {
                entry =
                    "{\"id\":" + BounceReport.jsonString(id) + ",\"title\":" + BounceReport.jsonString(title)
                    + ",\"score\":1.0}"
                entries[id] = entry
            }
            guard let entry else { continue }
            if json.utf8.count > 1 { json += "," }
            json += entry
        }
        return json + "]"
    }

    /// Files named by the inputs: folders expand to the files inside them (at any depth), sorted.
    static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            if input == "-" {
                files.append(input)
                continue
            }
            switch ExplainFiles.kind(input) {
            case .missing:
                throw ValidationError("no such file or folder: \(input)")
            case .unreachable(let reason):
                throw ValidationError("cannot open \(input): \(reason)")
            case .file:
                files.append(input)
            case .folder:
                let prefix = input.hasSuffix("/") ? input : input + "/"
                for name in ExplainFiles.files(under: input).sorted() { files.append(prefix + name) }
            }
        }
        return files
    }
}

/// The `articles` array encoded for one list of article IDs (a worker keeps the few lists it meets).
private struct ArticlesJSON {
    let ids: [String]
    let json: String
}

/// The lines the batch's threads hand back, each thread all of its own at once when it is done.
private final class CollectedLines: Sendable {
    private let lines = Mutex<[(Int, [UInt8]?)]>([])

    /// Adds a thread's lines.
    func add(_ part: [(Int, [UInt8]?)]) {
        lines.withLock { $0 += part }
    }

    /// Every line added so far.
    func all() -> [(Int, [UInt8]?)] {
        lines.withLock { $0 }
    }
}

/// A shared counter handing out the indices 0, 1, 2… to workers, each index once.
private final class NextIndex: Sendable {
    private let value = Atomic<Int>(0)

    /// The next index, or nil once `count` is reached.
    func take(below count: Int) -> Int? {
        let index = value.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}
