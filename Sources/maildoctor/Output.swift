import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output for the commands, written with `write(2)` and checked: a full disk, a closed
/// pipe or any other write error ends the command with a message on stderr and status 1, instead of
/// an answer lost without a word.
enum Output {
    /// Writes `text` and a line break (as `print` does).
    static func line(_ text: String) throws {
        try write(text + "\n")
    }

    /// Writes `text` as it is.
    static func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes` as they are.
    static func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes every byte, retrying on EINTR; on failure reports it and throws `ExitCode(1)`.
    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(STDOUT_FILENO, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            let number = errno
            if written < 0 && number == EINTR { continue }
            let reason = written < 0 ? String(cString: strerror(number)) : "nothing was written"
            Log.error("cannot write the output: \(reason)")
            throw ExitCode(1)
        }
    }

    /// `write(2)` (the name `write` is taken in this scope).
    @inline(__always)
    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #else
            Darwin.write(descriptor, buffer, count)
        #endif
    }
}
