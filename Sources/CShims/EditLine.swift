@preconcurrency import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libedit's readline interface as Swift calls: set-up, reading a line, history. libedit keeps global
/// state, so there is one of it per process, used from the main thread only (the callbacks run on the
/// thread that called ``readLine(prompt:)``).
package enum EditLine {
    /// The next character for libedit (a Unicode scalar value, `0x0A` to accept the line, -1 at the
    /// end of input); set by ``setUp(programName:historyLimit:characterSource:completions:)``.
    nonisolated(unsafe) private static var characterSource: () -> Int32 = { -1 }
    /// The completions of `word`, which starts at `start` in `line`.
    nonisolated(unsafe) private static var completions: (_ line: String, _ word: String, _ start: Int) -> [String] = {
        _, _, _ in []
    }

    /// Sets libedit up: the program's name (for `~/.editrc`), no signal handling of its own, where
    /// characters come from, Tab completion, and a history of at most `historyLimit` entries.
    @MainActor
    package static func setUp(
        programName: String, historyLimit: Int, characterSource: @escaping () -> Int32,
        completions: @escaping (_ line: String, _ word: String, _ start: Int) -> [String]
    ) {
        Self.characterSource = characterSource
        Self.completions = completions
        // Unsafe: libedit keeps the name pointer for the process's life; the strdup copy is never freed.
        rl_readline_name = UnsafePointer(strdup(programName))
        rl_catch_signals = 0
        rl_getc_function = editLineGetc
        rl_attempted_completion_function = editLineComplete
        using_history()
        stifle_history(Int32(historyLimit))
    }

    /// Reads one line after `prompt`; nil at the end of input.
    @MainActor
    package static func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        // Unsafe: readline returns a malloc'd C string the caller owns; copied, then freed.
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Writes `text` to the C standard output libedit draws on, and flushes it (what libedit wrote
    /// before goes out first).
    package static func echo(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// Adds an entry to the history.
    @MainActor
    package static func addHistory(_ entry: String) {
        add_history(entry)
    }

    /// Loads the history file at `path`; false when it cannot be read.
    @discardableResult
    @MainActor
    package static func readHistory(_ path: String) -> Bool {
        read_history(path) == 0
    }

    /// Writes the history to `path`; false when it cannot be written.
    @discardableResult
    @MainActor
    package static func writeHistory(_ path: String) -> Bool {
        write_history(path) == 0
    }

    /// The completion list libedit wants for `matches` of a word: the matches' common prefix, then the
    /// matches (one match is given twice, which libedit reads as "complete, then add a space").
    static func completionList(_ matches: [String]) -> [String]? {
        guard let first = matches.first else { return nil }
        var prefix = first
        for match in matches.dropFirst() {
            while !match.hasPrefix(prefix) { prefix.removeLast() }
        }
        return [prefix] + matches
    }
}

/// libedit completion callback: returns `[common prefix, match, …, NULL]`, malloc'd.
// Unsafe: a C callback's signature; libedit owns the pointers passed in and frees the list returned.
private func editLineComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    // Unsafe: libedit passes NUL-terminated strings valid during the callback; copied at once.
    let word = text.map { String(cString: $0) } ?? ""
    let line = rl_line_buffer.map { String(cString: $0) } ?? ""
    let matches = EditLine.completionsOf(line: line, word: word, start: Int(start))
    guard let list = EditLine.completionList(matches) else { return nil }
    // Unsafe: libedit frees the array and each string it holds, so both are malloc'd here.
    guard let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (list.count + 1)) else { return nil }
    let pointers = array.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: list.count + 1)
    for (index, item) in list.enumerated() { pointers[index] = strdup(item) }
    pointers[list.count] = nil
    return pointers
}

/// libedit character source: the characters the Swift side hands over.
private func editLineGetc(_ file: UnsafeMutablePointer<FILE>?) -> Int32 {
    EditLine.nextCharacter()
}

extension EditLine {
    fileprivate static func completionsOf(line: String, word: String, start: Int) -> [String] {
        completions(line, word, start)
    }

    fileprivate static func nextCharacter() -> Int32 {
        characterSource()
    }
}
