import ByteText

/// Punycode (RFC 3492) and the IDNA `xn--` label form, implemented here without dependencies.
public enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80

    /// Encodes Unicode text as Punycode (without the `xn--` prefix); nil on overflow.
    public static func encode(_ input: String) -> String? {
        let scalars = input.unicodeScalars.map { Int($0.value) }
        var output = scalars.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < scalars.count {
            guard let next = scalars.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow else { return nil }
            delta += product
            n = next
            for scalar in scalars {
                if scalar < n { delta += 1 }
                if scalar == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(output)
    }

    /// Decodes Punycode (without the `xn--` prefix) to Unicode; nil when malformed.
    public static func decode(_ input: String) -> String? {
        let chars = Array(input.unicodeScalars)
        guard chars.allSatisfy(\.isASCII) else { return nil }
        var output: [Int] = []
        var start = 0
        if let dash = chars.lastIndex(of: "-") {
            output = chars[..<dash].map { Int($0.value) }
            start = dash + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        var position = start
        while position < chars.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < chars.count, let value = digitValue(chars[position]) else { return nil }
                position += 1
                let (product, overflow) = value.multipliedReportingOverflow(by: w)
                guard !overflow, i <= Int(Int32.max) - product else { return nil }
                i += product
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if value < t { break }
                w *= base - t
                k += base
            }
            bias = adapt(delta: i - oldI, count: output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n <= 0x10FFFF else { return nil }
            output.insert(n, at: i)
            i += 1
        }
        var text = ""
        for value in output {
            guard let scalar = Unicode.Scalar(value) else { return nil }
            text.unicodeScalars.append(scalar)
        }
        return text
    }

    /// Converts a domain name to its ASCII form: non-ASCII labels become `xn--` labels, all lower case.
    ///
    /// Full-stop look-alikes (。．｡) separate labels as IDNA requires. Returns nil when a label cannot be encoded.
    public static func toASCII(_ domain: String) -> String? {
        var unified = ""
        for scalar in domain.unicodeScalars {
            switch scalar {
            case "\u{3002}", "\u{FF0E}", "\u{FF61}": unified += "."
            default: unified.unicodeScalars.append(scalar)
            }
        }
        var labels: [String] = []
        for label in unified.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isASCII {
                labels.append(DNSName.normalize(String(label)))
            } else {
                guard let encoded = encode(label.lowercased()) else { return nil }
                labels.append("xn--" + encoded)
            }
        }
        return labels.joined(separator: ".")
    }

    /// Converts `xn--` labels back to Unicode for display; other labels are kept.
    public static func toUnicode(_ domain: String) -> String {
        domain.split(separator: ".", omittingEmptySubsequences: false).map { label in
            if label.lowercased().hasPrefix("xn--"), let decoded = decode(String(label.dropFirst(4))) {
                return decoded
            }
            return String(label)
        }.joined(separator: ".")
    }

    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digit(_ value: Int) -> Character {
        let scalar = value < 26 ? 0x61 + value : 0x30 + value - 26
        return Character(Unicode.Scalar(UInt8(scalar)))
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value) - 0x30 + 26
        case 0x41...0x5A: Int(scalar.value) - 0x41
        case 0x61...0x7A: Int(scalar.value) - 0x61
        default: nil
        }
    }
}
