import FuzzDriver
import MailModel

@testable import Checks

// libFuzzer target for the SPF parser (`SPFParser`, `SPFMacroString`) and the macro transformers the
// evaluator applies: any record text parses or gives a syntax error inside the record; every macro of a
// parsed record expands. `SPFFuzz_main` starts the driver.

/// Fixed macro values, as an evaluation of a message from 192.0.2.3 would have them.
private let context = SPFMacroContext(
    sender: "strong-bad@email.example.com", localPart: "strong-bad", senderDomain: "email.example.com",
    domain: "email.example.com", ip: .v4([192, 0, 2, 3]), helo: "mx.example.org")

/// Expands every macro of a macro-string as the evaluator does, and trims the result as a domain.
private func expand(_ string: SPFMacroString) {
    var text = ""
    for token in string.tokens {
        switch token {
        case .literal(let value), .escape(let value): text += value
        case .macro(let macro):
            let raw = context.rawValue(macro.letter, validatedName: "mx.example.org")
            text += SPFMacroContext.transform(raw, macro)
        }
    }
    // Whole labels are dropped from the left; one label longer than 253 characters stays (DNS refuses it).
    let trimmed = SPFMacroContext.truncateDomain(text)
    if trimmed.utf8.count > 253 && trimmed.contains(".") { fatalError("a domain was not trimmed to 253 characters") }
}

/// Checks one input as an SPF record and as explanation text.
@_cdecl("LLVMFuzzerTestOneInput")
public func spfFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let length = text.utf8.count
    do {
        let record = try SPFParser.parse(text)
        for mechanism in record.mechanisms {
            switch mechanism.kind {
            case .include(let spec), .exists(let spec): expand(spec)
            case .a(let spec?, _, _), .mx(let spec?, _, _), .ptr(let spec?): expand(spec)
            default: break
            }
        }
        if let redirect = record.redirect { expand(redirect) }
        if let explanation = record.explanation { expand(explanation) }
    } catch {
        if error.position < 1 || error.position > length + 1 { fatalError("a syntax error outside the record") }
        if error.message.isEmpty { fatalError("a syntax error without a message") }
    }
    if let explanation = try? SPFMacroString.parse(Substring(text), explanation: true) { expand(explanation) }
    return 0
}

/// The program entry point: hands the command line to libFuzzer.
@_cdecl("SPFFuzz_main")
public func spfFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in spfFuzzOneInput(data, size) }
}
