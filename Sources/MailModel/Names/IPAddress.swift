import ByteText

/// An IPv4 or IPv6 address, parsed strictly, with the helpers the checks need.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// Four bytes.
    case v4([UInt8])
    /// Sixteen bytes.
    case v6([UInt8])

    /// Parses dotted-quad IPv4 (no leading zeros) or IPv6 text (with `::` and embedded IPv4).
    public init?(_ text: String) {
        if let bytes = IPAddress.parseV4(Substring(text)) {
            self = .v4(bytes)
        } else if let bytes = IPAddress.parseV6(text) {
            self = .v6(bytes)
        } else {
            return nil
        }
    }

    /// The address bytes, 4 or 16.
    public var bytes: [UInt8] {
        switch self {
        case .v4(let bytes), .v6(let bytes): bytes
        }
    }

    /// Whether this is an IPv4 address.
    public var isV4: Bool {
        if case .v4 = self { return true }
        return false
    }

    /// For an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), the IPv4 address; otherwise self.
    public var unmapped: IPAddress {
        if case .v6(let bytes) = self, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return .v4(Array(bytes[12..<16]))
        }
        return self
    }

    /// Dotted-quad for IPv4, RFC 5952 text (lower case, longest zero run compressed) for IPv6.
    public var description: String {
        switch self {
        case .v4(let bytes):
            return bytes.map(String.init).joined(separator: ".")
        case .v6(let bytes):
            var groups: [Int] = []
            for index in 0..<8 {
                let high = Int(bytes[2 * index])
                let low = Int(bytes[2 * index + 1])
                groups.append(high << 8 | low)
            }
            var bestStart = -1
            var bestLength = 0
            var index = 0
            while index < 8 {
                if groups[index] == 0 {
                    var end = index
                    while end < 8 && groups[end] == 0 { end += 1 }
                    if end - index > bestLength && end - index >= 2 {
                        bestStart = index
                        bestLength = end - index
                    }
                    index = end
                } else {
                    index += 1
                }
            }
            func hex(_ range: Range<Int>) -> String {
                range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
            }
            if bestStart < 0 { return hex(0..<8) }
            return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
        }
    }

    /// The reverse-DNS name: `d.c.b.a.in-addr.arpa` or the IPv6 nibble form under `ip6.arpa`.
    public var reverseName: String {
        reversedLabels + (isV4 ? ".in-addr.arpa" : ".ip6.arpa")
    }

    /// The reversed labels without the arpa suffix, as used to query DNS blocklists.
    public var reversedLabels: String {
        switch self {
        case .v4(let bytes):
            return bytes.reversed().map(String.init).joined(separator: ".")
        case .v6(let bytes):
            var nibbles: [String] = []
            for byte in bytes.reversed() {
                nibbles.append(String(byte & 0x0F, radix: 16))
                nibbles.append(String(byte >> 4, radix: 16))
            }
            return nibbles.joined(separator: ".")
        }
    }

    /// Whether this address lies in `network`/`prefix` (same family only).
    public func isIn(_ network: IPAddress, prefix: Int) -> Bool {
        let mine = bytes
        let theirs = network.bytes
        guard mine.count == theirs.count, prefix >= 0, prefix <= mine.count * 8 else { return false }
        var remaining = prefix
        for index in 0..<mine.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine[index] & mask != theirs[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The four bytes of a dotted-quad IPv4 address, or nil when it is not one (leading zeros refused).
    package static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if part.count > 1 && part.first == "0" { return nil }
            guard let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// The sixteen bytes of an IPv6 address in text form (an IPv4 tail allowed), or nil when it is not one.
    package static func parseV6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring, allowV4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, allowV4Tail, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    result.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    result.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        var all: [UInt16]
        if halves.count == 1 {
            guard let only = groups(halves[0], allowV4Tail: true), only.count == 8 else { return nil }
            all = only
        } else {
            guard let head = groups(halves[0], allowV4Tail: false), let tail = groups(halves[1], allowV4Tail: true),
                head.count + tail.count <= 7
            else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

extension String {
    /// Splits at the first and any later "::" (more than one means invalid IPv6).
    fileprivate func components(separatedByDoubleColon: ()) -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ":" && next < endIndex && self[next] == ":" {
                parts.append(self[start..<index])
                start = self.index(after: next)
                index = start
                continue
            }
            index = next
        }
        parts.append(self[start..<endIndex])
        return parts
    }
}
