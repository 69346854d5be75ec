import ArgumentParser
import Bounces
import Conversation
import Foundation
import Knowledge
import Shell

/// `maildoctor explain`: read bounces and say what happened.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain bounces: what happened, whose side it is on, what to do.",
        discussion: """
            Reads raw messages (.eml, mbox), pasted fragments or log lines. With --json, prints one
            JSON object per input file per line (JSON Lines).

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
        // JSON names articles only: the built-in titles are read without parsing the knowledge base,
        // on another thread while the first files are read and parsed.
        let titlesTask: Task<[String: String], Never>
        if json && settings.knowledgeDirectory == nil {
            titlesTask = Task.detached { KnowledgeBase.embeddedTitles() }
        } else {
            let titles = try settings.knowledgeBase().byID.mapValues(\.title)
            titlesTask = Task { titles }
        }
        let files = try Self.expand(inputs)
        if json {
            try await explainJSON(files, titles: titlesTask)
            return
        }
        let renderer = ReplyRenderer(style: Terminal.useColor() ? .ansi : .plain, width: Terminal.width())
        let engine = ConversationEngine(knowledge: try settings.knowledge())
        var failures = 0
        for file in files {
            guard let bytes = Self.contents(of: file) else {
                failures += 1
                Log.error("cannot read \(file)")
                continue
            }
            let report = BounceParser.parse(bytes)
            if files.count > 1 { print("== \(file)") }
            if report.isBounce {
                let (_, reply) = engine.bounceReply(
                    report, text: String(decoding: bytes, as: UTF8.self), session: Session(id: "explain"))
                print(renderer.render(reply))
            } else {
                print(report.problem ?? "This does not look like a bounce: I found no delivery failure in it.")
            }
            if files.count > 1 { print("") }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// `--json`: one JSON line per file, in input order, written in 64 KiB blocks.
    ///
    /// Files are read and parsed in batches, on as many threads as there are processors; the lines
    /// are then written in order, so the output is the same as from one thread.
    private func explainJSON(_ files: [String], titles titlesTask: Task<[String: String], Never>) async throws {
        var titles: [String: String]?
        // Bounces of the same reason and codes name the same articles: encode each list once.
        var articlesByIDs: [[String]: String] = [:]
        var output: [UInt8] = []
        output.reserveCapacity(1 << 17)
        var failures = 0
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<min(files.count, start + 256)])
            start += batch.count
            for (file, report) in await Self.parse(batch, workers: workers) {
                guard let report else {
                    failures += 1
                    Log.error("cannot read \(file)")
                    continue
                }
                var articles = "[]"
                if report.isBounce {
                    let ids = report.articleIDs()
                    if let known = articlesByIDs[ids] {
                        articles = known
                    } else {
                        if titles == nil { titles = await titlesTask.value }
                        articles = Self.articlesJSON(ids, titles: titles ?? [:])
                        articlesByIDs[ids] = articles
                    }
                }
                report.appendJSONLine(
                    to: &output, extraFields: [("file", BounceReport.jsonString(file)), ("articles", articles)])
                output.append(0x0A)
                if output.count > 1 << 16 {
                    ExplainFiles.writeOut(output)
                    output.removeAll(keepingCapacity: true)
                }
            }
        }
        ExplainFiles.writeOut(output)
        if failures > 0 { throw ExitCode(1) }
    }

    /// Reads and parses `files` on `workers` tasks; the reports in input order (nil: unreadable).
    static func parse(_ files: [String], workers: Int) async -> [(String, BounceReport?)] {
        var reports = [BounceReport?](repeating: nil, count: files.count)
        // Standard input is read here, once, in order; the tasks take the files.
        for index in files.indices where files[index] == "-" {
            reports[index] = contents(of: "-").map(BounceParser.parse)
        }
        let parsed = await withTaskGroup(of: [(Int, BounceReport?)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    stride(from: worker, to: files.count, by: workers).compactMap { index in
                        files[index] == "-" ? nil : (index, ExplainFiles.read(files[index]).map(BounceParser.parse))
                    }
                }
            }
            var all: [(Int, BounceReport?)] = []
            for await part in group { all += part }
            return all
        }
        for (index, report) in parsed { reports[index] = report }
        return Array(zip(files, reports))
    }

    /// The bytes of a file, or of standard input for "-"; nil when the file cannot be read.
    static func contents(of file: String) -> [UInt8]? {
        if file == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        return ExplainFiles.read(file)
    }

    /// The `articles` array of `explain --json`.
    static func articlesJSON(_ ids: [String], titles: [String: String]) -> String {
        let items = ids.compactMap { id -> String? in
            guard let title = titles[id] else { return nil }
            return
                "{\"id\":\(BounceReport.jsonString(id)),\"title\":\(BounceReport.jsonString(title)),\"score\":1.0}"
        }
        return "[" + items.joined(separator: ",") + "]"
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
