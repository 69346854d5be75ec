import FuzzDriver

@testable import LineProtocol

// libFuzzer target for the `serve` line decoder (`FrameCodec.decodeInbound`, on `ByteCheck` and
// `JSONScanner`): any line gives a frame or an error with a message, and a decoded frame survives
// encoding and decoding again unchanged. `JSONLineFuzz_main` starts the driver.

/// Checks one input line (libFuzzer's bytes, without the newline the framer strips).
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonLineFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = fuzzBytes(data, size)
    switch FrameCodec.decodeInbound(line) {
    case .success(let frame):
        var encoded = FrameCodec.encode(frame)
        guard encoded.last == UInt8(ascii: "\n") else { fatalError("an encoded frame does not end its line") }
        encoded.removeLast()
        guard !encoded.contains(UInt8(ascii: "\n")) else { fatalError("an encoded frame spans two lines") }
        guard case .success(let again) = FrameCodec.decodeInbound(encoded), again == frame else {
            fatalError("a frame did not survive encoding and decoding")
        }
    case .failure(let error):
        if error.message.isEmpty { fatalError("an error without a message") }
    }
    return 0
}

/// The program entry point: hands the command line to libFuzzer.
@_cdecl("JSONLineFuzz_main")
public func jsonLineFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in jsonLineFuzzOneInput(data, size) }
}
