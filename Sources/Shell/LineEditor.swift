import ByteText
import CShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads lines with libedit: prompt, history, Tab completion, Ctrl-C that clears the line,
/// and pasted multi-line text gathered into one message.
///
/// libedit keeps global state, so there is one line editor per process.
@MainActor
public final class LineEditor {
    /// What one read produced.
    public enum Input: Equatable {
        /// A message (several lines when pasted at once).
        case message(String)
        /// Ctrl-C at the prompt: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the input ended.
        case endOfInput
    }

    private let historyPath: String?

    /// The most bytes of one message (a paste), as for piped input: 64 MB.
    public static let messageLimit = 64 << 20

    /// How many bytes of the last message were dropped for being over ``messageLimit`` (0: none).
    public private(set) var lastMessageCut = 0

    /// Sets up libedit: completion over `words` (and `argumentWords` after `show `), history at `historyPath`.
    public init(historyPath: String?, words: [String], argumentWords: [String: [String]]) {
        self.historyPath = historyPath
        LineEditorState.words = words.sorted()
        LineEditorState.argumentWords = argumentWords
        SignalPipe.install()
        EditLine.setUp(
            programName: "maildoctor", historyLimit: HistoryFile.limit, characterSource: lineEditorGetc,
            completions: LineEditorState.candidates)
        if let historyPath, HistoryFile.prepare(historyPath) {
            EditLine.readHistory(historyPath)
        }
    }

    /// Reads one message; pasted lines that arrive together become one message.
    public func read(prompt: String) -> Input {
        SignalPipe.drain()
        LineEditorState.interrupted = false
        guard let first = readRawLine(prompt: prompt) else {
            if LineEditorState.interrupted { return .interrupted }
            return .endOfInput
        }
        if LineEditorState.interrupted { return .interrupted }
        // A paste arrives as many lines at once: they are one message, however many, up to the limit.
        lastMessageCut = 0
        var lines = [first]
        var size = first.utf8.count
        while SignalPipe.inputPending(milliseconds: 25) {
            guard let next = readRawLine(prompt: "") else { break }
            if LineEditorState.interrupted { return .interrupted }
            if size + 1 + next.utf8.count > Self.messageLimit || lastMessageCut > 0 {
                lastMessageCut += next.utf8.count + 1
                continue
            }
            size += next.utf8.count + 1
            lines.append(next)
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true, lines.count > 1 { lines.removeLast() }
        let message = lines.joined(separator: "\n")
        remember(message)
        return .message(message)
    }

    private func readRawLine(prompt: String) -> String? {
        EditLine.readLine(prompt: prompt)
    }

    private func remember(_ message: String) {
        let entry = message.trimmingCharacters(in: .whitespaces)
        guard !entry.isEmpty, !entry.contains("\n"), entry.utf8.count <= 2_000 else { return }
        EditLine.addHistory(entry)
        if let historyPath {
            EditLine.writeHistory(historyPath)
            chmod(historyPath, 0o600)
        }
    }
}

/// Global state the C callbacks read; touched only from the main thread.
enum LineEditorState {
    nonisolated(unsafe) static var words: [String] = []
    nonisolated(unsafe) static var argumentWords: [String: [String]] = [:]
    nonisolated(unsafe) static var interrupted = false

    static func candidates(line: String, word: String, start: Int) -> [String] {
        if start == 0 { return words.filter { $0.hasPrefix(word) } }
        let command = line.split(separator: " ").first.map(String.init) ?? ""
        return (argumentWords[command] ?? []).filter { $0.hasPrefix(word) }
    }
}

/// libedit character source: reads standard input, decodes UTF-8 into one code point, and turns
/// Ctrl-C (signalled through the self-pipe) into an accepted, then discarded, line.
private func lineEditorGetc() -> Int32 {
    while true {
        switch SignalPipe.waitForInputOrSignal() {
        case .signal:
            LineEditorState.interrupted = true
            EditLine.echo("^C")
            return 0x0A
        case .closed:
            return -1
        case .input:
            var input: [UInt8] = [0]
            let count = FileDescriptorIO.read(STDIN_FILENO, into: &input, count: 1)
            let byte = input[0]
            if count == 0 { return -1 }
            if count < 0 {
                if errno == EINTR { continue }
                return -1
            }
            let extra: Int
            switch byte {
            case 0xC0...0xDF: extra = 1
            case 0xE0...0xEF: extra = 2
            case 0xF0...0xF7: extra = 3
            default: return Int32(byte)
            }
            var scalar = UInt32(byte) & (0x3F >> UInt32(extra))
            for _ in 0..<extra {
                guard FileDescriptorIO.read(STDIN_FILENO, into: &input, count: 1) == 1, input[0] & 0xC0 == 0x80 else {
                    return 0xFFFD
                }
                let next = input[0]
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            return Int32(bitPattern: scalar)
        }
    }
}
