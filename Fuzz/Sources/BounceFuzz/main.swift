import Bounces
import Foundation
import FuzzDriver

// libFuzzer target for the bounce reader: any bytes give a report, without crashing or breaking its
// invariants. `LLVMFuzzerTestOneInput` is the per-input check; `BounceFuzz_main` starts the driver.

/// Checks one input: the reader returns a report for any bytes without crashing or breaking its invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func bounceFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let report = BounceParser.parse(fuzzBytes(data, size))
    let advice = report.advice()
    if (try? JSONEncoder().encode(report)) == nil { fatalError("a report did not encode as JSON") }
    if report.isBounce && report.recipients.isEmpty { fatalError("a bounce without recipients") }
    if report.kind == .unreadable && report.problem == nil { fatalError("unreadable without a reason") }
    if advice.summary.isEmpty && report.isBounce { fatalError("a bounce without a summary") }
    return 0
}

/// The program entry point: hands the command line to libFuzzer.
@_cdecl("BounceFuzz_main")
public func bounceFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in bounceFuzzOneInput(data, size) }
}
