import FuzzDriver
import MailModel

@testable import DNSResolver

// libFuzzer target for the DNS answer decoder (`DNSMessage`, through `CAresDriver.answer`, the path of
// every c-ares reply): any bytes give an answer or a "malformed DNS answer" failure, for every record
// type asked. `DNSAnswerFuzz_main` starts the driver.

/// Checks one input as the raw reply to a question, through c-ares' path, then decoded once and
/// answered for each record type.
@_cdecl("LLVMFuzzerTestOneInput")
public func dnsAnswerFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let message = try? DNSMessage(bytes: bytes)
    // The name asked: the message's first owner name when it has one, so that answers match.
    let first = message?.answers.first
    let question = DNSQuestion(first?.owner ?? "example.com", DNSRecordType(rawValue: first?.typeCode ?? 1) ?? .txt)
    let answer = CAresDriver.answer(question, status: 0, bytes: bytes)
    check(answer, question.type)
    if let message {
        for type in DNSRecordType.allCases { check(message.answer(to: DNSQuestion(question.name, type)), type) }
    } else if bytes.isEmpty {
        return 0  // no message at all: c-ares' status decides, here 0
    } else if case .failure(let reason) = answer.outcome, reason.hasPrefix("malformed DNS answer: ") {
        return 0
    } else {
        fatalError("a message that does not decode was not reported as malformed")
    }
    return 0
}

/// An answer's records match its outcome and the type asked.
private func check(_ answer: DNSAnswer, _ type: DNSRecordType) {
    if answer.outcome == .answer && answer.records.isEmpty { fatalError("an answer without records") }
    if answer.outcome != .answer && !answer.records.isEmpty { fatalError("records without an answer") }
    for record in answer.records where record.type != type { fatalError("a record of another type") }
}

/// The program entry point: hands the command line to libFuzzer.
@_cdecl("DNSAnswerFuzz_main")
public func dnsAnswerFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in dnsAnswerFuzzOneInput(data, size) }
}
