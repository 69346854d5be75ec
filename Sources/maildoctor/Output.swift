import ArgumentParser
import LineProtocol

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
        try write(Array(text.utf8))
    }

    /// Writes every byte as ``FileDescriptorSink`` does (retrying on EINTR, waiting on EAGAIN); on failure
    /// reports it and throws `ExitCode(1)`.
    static func write(_ bytes: [UInt8]) throws {
        do {
            try FileDescriptorSink(descriptor: STDOUT_FILENO).write(bytes)
        } catch {
            let reason = error.errorNumber != 0 ? String(cString: strerror(error.errorNumber)) : "nothing was written"
            Log.error("cannot write the output: \(reason)")
            throw ExitCode(1)
        }
    }
}
