import Foundation
import FuzzDriver

@testable import ByteText

// libFuzzer target for the byte-level text helpers (`ByteText`): each helper must agree with a plain
// Swift implementation on the same input. The first byte of an input picks how many of the next bytes
// are the needle; the rest is the haystack. `ByteTextFuzz_main` starts the driver.

/// The first offset of `needle` in `haystack` at or after `from`, by plain comparison.
private func naiveFind(_ needle: [UInt8], _ haystack: [UInt8], from: Int = 0) -> Int? {
    guard !needle.isEmpty else { return from <= haystack.count ? from : nil }
    guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
    for start in from...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
        return start
    }
    return nil
}

/// The last offset of `needle` in `haystack`, by plain comparison (nil for an empty needle).
private func naiveLast(_ needle: [UInt8], _ haystack: [UInt8]) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    for start in stride(from: haystack.count - needle.count, through: 0, by: -1)
    where Array(haystack[start..<start + needle.count]) == needle {
        return start
    }
    return nil
}

private func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("ByteText disagrees with the plain implementation: \(what())") }
}

/// Checks one input against every helper.
@_cdecl("LLVMFuzzerTestOneInput")
public func byteTextFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let first = input.first else { return 0 }
    let split = min(Int(first % 16), input.count - 1)
    let needle = Array(input[1..<1 + split])
    let haystack = Array(input[(1 + split)...])

    // The searcher, on bytes.
    let from = Int(first >> 4)
    check(ByteSearch.find(needle, in: haystack, from: from) == naiveFind(needle, haystack, from: from), "find")
    check(ByteSearch.count(needle, in: haystack) >= (naiveFind(needle, haystack) == nil ? 0 : 1), "count")
    let lowered = ASCII.lowercased(needle)
    if let firstByte = lowered.first, !ASCII.isAlpha(firstByte) {
        let found = haystack.withUnsafeBufferPointer { ByteSearch.findLowered(lowered, in: $0) }
        check(found == naiveFind(lowered, ASCII.lowercased(haystack)), "findLowered")
    }
    check(haystack.containsCI(lowered) == (naiveFind(lowered, ASCII.lowercased(haystack)) != nil), "containsCI")

    // The named string functions, on the UTF-8 the strings hold (invalid input becomes U+FFFD first).
    let text = String(decoding: haystack, as: UTF8.self)
    let pattern = String(decoding: needle, as: UTF8.self)
    let textBytes = Array(text.utf8)
    let patternBytes = Array(pattern.utf8)
    check(text.containsBytes(pattern) == (naiveFind(patternBytes, textBytes) != nil), "containsBytes")
    let range = text.rangeOfBytes(pattern).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
    check(range == naiveFind(patternBytes, textBytes), "rangeOfBytes")
    let last = text.lastRangeOfBytes(pattern).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
    check(last == naiveLast(patternBytes, textBytes), "lastRangeOfBytes")
    check(text.hasSuffixBytes(pattern) == textBytes.reversed().starts(with: patternBytes.reversed()), "hasSuffixBytes")
    check(
        text.hasPrefixIgnoringASCIICase(pattern)
            == ASCII.lowercased(textBytes).starts(with: ASCII.lowercased(patternBytes)), "hasPrefixIgnoringASCIICase")
    check(text.isASCII == text.unicodeScalars.allSatisfy(\.isASCII), "isASCII")

    // ASCII case: only ASCII letters change; for ASCII text it is the standard library's case mapping.
    let lower = text.asciiLowercased
    check(Array(lower.utf8) == textBytes.map { ASCII.lower($0) }, "asciiLowercased bytes")
    if text.isASCII {
        check(lower == text.lowercased(), "asciiLowercased")
        check(text.asciiUppercased == text.uppercased(), "asciiUppercased")
    }

    // Trimming.
    let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    let blankTrimmed = textBytes.drop(while: blanks.contains).reversed().drop(while: blanks.contains).reversed()
    check(Array(text.trimmingCharactersBlank().utf8) == Array(blankTrimmed), "trimmingCharactersBlank")
    let characters = Array(text)
    let kept = characters.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
    check(String(text.trimmed) == String(kept), "trimmed")

    // Lines.
    let normalised = Lines.normaliseBreaks(haystack)
    var plain: [UInt8] = []
    var index = 0
    while index < haystack.count {
        if haystack[index] == ASCII.cr {
            plain.append(ASCII.lf)
            if index + 1 < haystack.count, haystack[index + 1] == ASCII.lf { index += 1 }
        } else {
            plain.append(haystack[index])
        }
        index += 1
    }
    check(normalised == plain, "normaliseBreaks")
    var lines = normalised.split(separator: ASCII.lf, omittingEmptySubsequences: false).map(Array.init)
    if lines.last == [] { lines.removeLast() }
    check(Lines.ranges(normalised).map { Array(normalised[$0]) } == lines, "Lines.ranges")

    // JSON: the escape check agrees with a plain one, and the written string reads back as the text.
    check(
        haystack.withUnsafeBufferPointer(JSONWriter.needsEscape)
            == haystack.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }, "needsEscape")
    for controls in [JSONWriter.ControlEscapes.short, .unicode] {
        var writer = JSONWriter()
        writer.string(text, controls: controls)
        let decoded = try? JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed])
        check(decoded as? String == text, "JSONWriter.string \(controls)")
    }

    // The tokeniser and the code scanner: words are non-empty and codes are text from the input.
    WordSplitter.forEachWord(in: text) { word in check(!word.isEmpty, "empty word") }
    for code in SMTPCodes.codes(in: text) {
        for part in [code.reply, code.enhanced].compactMap({ $0 }) { check(text.containsBytes(part), "code \(part)") }
    }
    return 0
}

/// The program entry point: hands the command line to libFuzzer.
@_cdecl("ByteTextFuzz_main")
public func byteTextFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in byteTextFuzzOneInput(data, size) }
}
