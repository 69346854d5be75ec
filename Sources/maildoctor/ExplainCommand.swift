import ArgumentParser
import Bounces
import Conversation
import Foundation
import Knowledge
import Shell

/// `maildoctor explain`: read bounces and say what happened.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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
        // JSON names articles only: the built-in titles are read without parsing the knowledge base.
        let titles: [String: String]
        if json && settings.knowledgeDirectory == nil {
            titles = KnowledgeBase.embeddedTitles()
        } else {
            titles = try settings.knowledgeBase().byID.mapValues(\.title)
        }
        let files = try Self.expand(inputs)
        let renderer = ReplyRenderer(style: Terminal.useColor() ? .ansi : .plain, width: Terminal.width())
        // The search index is only needed to explain in words; JSON needs article titles alone.
        let engine = json ? nil : ConversationEngine(knowledge: try settings.knowledge())
        var output = ""
        var failures = 0
        for file in files {
            let bytes: [UInt8]
            if file == "-" {
                bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            } else if let data = FileManager.default.contents(atPath: file) {
                bytes = [UInt8](data)
            } else {
                failures += 1
                Log.error("cannot read \(file)")
                continue
            }
            let report = BounceParser.parse(bytes)
            if json {
                let articles = report.isBounce ? Self.articlesJSON(report.advice().articleIDs, titles: titles) : "[]"
                output += report.jsonLine(extraFields: [
                    ("file", BounceReport.jsonString(file)), ("articles", articles),
                ])
                output += "\n"
                if output.utf8.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(output.utf8))
                    output = ""
                }
            } else {
                if files.count > 1 { print("== \(file)") }
                if report.isBounce, let engine {
                    let (_, reply) = engine.bounceReply(
                        report, text: String(decoding: bytes, as: UTF8.self), session: Session(id: "explain"))
                    print(renderer.render(reply))
                } else {
                    print(report.problem ?? "This does not look like a bounce: I found no delivery failure in it.")
                }
                if files.count > 1 { print("") }
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if failures > 0 { throw ExitCode(1) }
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

    /// Files named by the inputs: folders expand to the files inside them, sorted.
    static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            if input == "-" {
                files.append(input)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(input)")
            }
            if isDirectory.boolValue {
                let names = FileManager.default.enumerator(atPath: input)?.compactMap { $0 as? String } ?? []
                for name in names.sorted() {
                    let path = (input as NSString).appendingPathComponent(name)
                    var nested: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &nested), !nested.boolValue,
                        !name.hasPrefix(".")
                    {
                        files.append(path)
                    }
                }
            } else {
                files.append(input)
            }
        }
        return files
    }
}
