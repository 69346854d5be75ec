import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Input limits applied while reading: piped stdin, `ask -`, `explain -` and `explain FILE` stop at
/// the limit, say so on stderr, and keep memory bounded. Most cases use a 1 MB limit
/// (`MAILDOCTOR_INPUT_LIMIT`) for speed; the memory cases use the real 64 MB default.
@Suite(.serialized) struct InputLimitTests {
    static let small = ["MAILDOCTOR_INPUT_LIMIT": "\(1 << 20)"]
    static let complaint = "my mailbox is full and I cannot receive mail any more\n"

    /// Pipes 20 MB into `arguments` with a 1 MB limit.
    static func pipeOverLimit(_ arguments: [String]) throws -> (RunningProcess, Int) {
        let process = try RunningProcess(arguments, environment: small)
        let sent = process.feed(complaint, total: 20 << 20)
        process.closeInput()
        return (process, sent)
    }

    @Test(arguments: [[], ["ask", "-"], ["ask"], ["explain", "-"]])
    func stdinStopsAtTheLimit(arguments: [String]) throws {
        let (process, sent) = try Self.pipeOverLimit(arguments)
        let (status, _) = process.wait()
        #expect(status == 0, "\(arguments): \(process.stderr)")
        #expect(process.stderr.contains("stdin is over 1 MB: only the first 1 MB were read"), "\(process.stderr)")
        // It stopped reading: the rest of the 20 MB could not be written.
        #expect(sent < 20 << 20)
        #expect(!process.stdout.isEmpty)
    }

    @Test func inputUnderTheLimitGetsNoWarning() throws {
        let process = try RunningProcess(["ask", "-"], environment: Self.small)
        process.feed(Self.complaint, total: 1 << 20)
        process.closeInput()
        #expect(process.wait().status == 0)
        #expect(!process.stderr.contains("over"), "\(process.stderr)")
        #expect(process.stdout.contains("mailbox"))
    }

    @Test func explainFileOverTheLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).eml").path
        defer { unlink(path) }
        var text = Hostile.bounce(recipients: 3)
        while text.utf8.count < 3 << 20 { text += "filler line of the returned message\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for arguments in [["explain", path], ["explain", "--json", path]] {
            let output = try Binary.maildoctor(arguments, environment: Self.small)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains("\(path) is over 1 MB: only the first 1 MB were read"), "\(output.stderr)")
            #expect(output.stdout.contains("user0@example.org"))
        }
    }

    /// The real default (64 MB) with 400 MB piped in: the warning, and peak memory ≤ 256 MB.
    @Test func defaultLimitBoundsMemoryOnPipedStdin() throws {
        for arguments in [[], ["ask", "-"], ["explain", "-"]] {
            let process = try RunningProcess(arguments, measuringMemory: true)
            let sent = process.feed(Self.complaint, total: 400 << 20)
            process.closeInput()
            let (status, peak) = process.wait(timeout: 120)
            print("input limit: \(arguments) with 400 MB piped: peak RSS \(peak / 1024) MB, \(sent >> 20) MB written")
            #expect(status == 0, "\(arguments): \(process.stderr)")
            #expect(process.stderr.contains("stdin is over 64 MB: only the first 64 MB were read"))
            #expect(peak <= 256 * 1024, "\(arguments): peak RSS \(peak) KB")
            #expect(sent < 400 << 20)
        }
    }

    /// A 2 GB sparse file given to `explain`: the warning, and peak memory ≤ 256 MB.
    @Test func hugeSparseFileBoundsMemory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sparse-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        ftruncate(descriptor, 2 << 30)
        close(descriptor)
        defer { unlink(path) }
        for arguments in [["explain", path], ["explain", "--json", path]] {
            let process = try RunningProcess(arguments, measuringMemory: true)
            process.closeInput()
            let (status, peak) = process.wait(timeout: 120)
            print("input limit: \(arguments) of a 2 GB sparse file: peak RSS \(peak / 1024) MB")
            #expect(status == 0, "\(arguments): \(process.stderr)")
            #expect(process.stderr.contains("is over 64 MB: only the first 64 MB were read"), "\(process.stderr)")
            #expect(peak <= 256 * 1024, "\(arguments): peak RSS \(peak) KB")
        }
    }
}
