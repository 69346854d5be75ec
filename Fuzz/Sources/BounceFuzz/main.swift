import Bounces
import Foundation

// libFuzzer target for the bounce reader. Built with `-sanitize=fuzzer,address -parse-as-library`
// (see scripts/fuzz.sh). SwiftPM links executables with `main` aliased to `BounceFuzz_main`, so that
// symbol starts libFuzzer's driver; `LLVMFuzzerTestOneInput` is the per-input check.

/// Checks one input: the reader returns a report for any bytes without crashing or breaking its invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func bounceFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let report = BounceParser.parse(bytes)
    let advice = report.advice()
    if (try? JSONEncoder().encode(report)) == nil { fatalError("a report did not encode as JSON") }
    if report.isBounce && report.recipients.isEmpty { fatalError("a bounce without recipients") }
    if report.kind == .unreadable && report.problem == nil { fatalError("unreadable without a reason") }
    if advice.summary.isEmpty && report.isBounce { fatalError("a bounce without a summary") }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program entry point: hands the command line to libFuzzer.
@_cdecl("BounceFuzz_main")
public func bounceFuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in bounceFuzzOneInput(data, size) }
}
