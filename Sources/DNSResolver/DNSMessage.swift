import MailModel

/// A decoder for DNS response messages (RFC 1035 §4), enough for the checks' record types.
///
/// c-ares hands back the raw answer; decoding it here gives the rcode, every CNAME in the
/// chain and TXT records with all their character strings.
struct DNSMessage: Sendable {
    /// One decoded resource record of the answer section.
    struct ResourceRecord: Sendable {
        var owner: String
        var typeCode: UInt16
        var record: DNSRecord?
    }

    /// The response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED…).
    var rcode: Int
    /// Whether the answer was truncated.
    var truncated: Bool
    /// The answer section.
    var answers: [ResourceRecord]

    /// Why a message could not be decoded.
    struct DecodeError: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Decodes a whole DNS message.
    init(bytes: [UInt8]) throws(DecodeError) {
        var reader = Reader(bytes: bytes)
        guard bytes.count >= 12 else { throw DecodeError(description: "answer shorter than a DNS header") }
        _ = try reader.u16()
        let flags = try reader.u16()
        rcode = Int(flags & 0x000F)
        truncated = flags & 0x0200 != 0
        let questionCount = Int(try reader.u16())
        let answerCount = Int(try reader.u16())
        _ = try reader.u16()
        _ = try reader.u16()
        for _ in 0..<questionCount {
            _ = try reader.name()
            _ = try reader.u16()
            _ = try reader.u16()
        }
        var answers: [ResourceRecord] = []
        answers.reserveCapacity(answerCount)
        for _ in 0..<answerCount {
            let owner = try reader.name()
            let type = try reader.u16()
            let recordClass = try reader.u16()
            _ = try reader.u32()
            let length = Int(try reader.u16())
            let end = reader.offset + length
            guard end <= bytes.count else { throw DecodeError(description: "record data runs past the end") }
            var record: DNSRecord?
            if recordClass == 1, let known = DNSRecordType(rawValue: type) {
                record = try reader.rdata(type: known, end: end)
            }
            reader.offset = end
            answers.append(ResourceRecord(owner: owner, typeCode: type, record: record))
        }
        self.answers = answers
    }

    /// Turns the message into an answer to `question`, following the CNAME chain from its name.
    func answer(to question: DNSQuestion) -> DNSAnswer {
        var chain: [String] = []
        var current = question.name
        if question.type != .cname {
            var seen: Set<String> = [current]
            while let alias = answers.first(where: {
                $0.owner == current && $0.typeCode == DNSRecordType.cname.rawValue
            }),
                case .cname(let target)? = alias.record
            {
                chain.append(target)
                guard seen.insert(target).inserted, chain.count <= 16 else {
                    return DNSAnswer(
                        question: question, outcome: .failure("CNAME loop at \(target)"), cnameChain: chain)
                }
                current = target
            }
        }
        let records = answers.filter { $0.owner == current && $0.typeCode == question.type.rawValue }
            .compactMap(\.record)
        let outcome: DNSOutcome
        switch rcode {
        case 0: outcome = records.isEmpty ? .noData : .answer
        case 2: outcome = .servfail
        case 3: outcome = .nxdomain
        case 5: outcome = .refused
        case 1: outcome = .failure("the DNS server rejected the query as malformed (FORMERR)")
        case 4: outcome = .failure("the DNS server does not support this query (NOTIMP)")
        default: outcome = .failure("DNS response code \(rcode)")
        }
        return DNSAnswer(
            question: question, outcome: outcome, records: outcome == .answer ? records : [], cnameChain: chain)
    }

    /// A cursor over the message bytes.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func u8() throws(DecodeError) -> UInt8 {
            guard offset < bytes.count else { throw DecodeError(description: "answer truncated") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func u16() throws(DecodeError) -> UInt16 {
            let high = try u8()
            let low = try u8()
            return UInt16(high) << 8 | UInt16(low)
        }

        mutating func u32() throws(DecodeError) -> UInt32 {
            let high = try u16()
            let low = try u16()
            return UInt32(high) << 16 | UInt32(low)
        }

        /// Reads a possibly compressed domain name, lower-cased, without the trailing dot.
        mutating func name() throws(DecodeError) -> String {
            var labels: [String] = []
            var position = offset
            var jumped = false
            var jumps = 0
            while true {
                guard position < bytes.count else { throw DecodeError(description: "name runs past the end") }
                let length = Int(bytes[position])
                if length & 0xC0 == 0xC0 {
                    guard position + 1 < bytes.count else { throw DecodeError(description: "bad name pointer") }
                    let target = (length & 0x3F) << 8 | Int(bytes[position + 1])
                    if !jumped { offset = position + 2 }
                    jumped = true
                    jumps += 1
                    guard jumps < 64, target < bytes.count else { throw DecodeError(description: "name pointer loop") }
                    position = target
                    continue
                }
                guard length & 0xC0 == 0 else { throw DecodeError(description: "unknown label type") }
                if length == 0 {
                    if !jumped { offset = position + 1 }
                    break
                }
                let start = position + 1
                guard start + length <= bytes.count else { throw DecodeError(description: "label runs past the end") }
                labels.append(Self.labelText(bytes[start..<(start + length)]))
                position = start + length
            }
            return labels.joined(separator: ".")
        }

        /// Presentation text of one label: lower-cased ASCII; dots and odd bytes escaped like a zone file.
        static func labelText(_ raw: ArraySlice<UInt8>) -> String {
            var text = ""
            for byte in raw {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): text.unicodeScalars.append(Unicode.Scalar(byte + 32))
                case UInt8(ascii: "."), UInt8(ascii: "\\"):
                    text += "\\"
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    let digits = String(byte)
                    text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
                }
            }
            return text
        }

        mutating func rdata(type: DNSRecordType, end: Int) throws(DecodeError) -> DNSRecord {
            switch type {
            case .a:
                guard end - offset == 4 else { throw DecodeError(description: "A record is not 4 bytes") }
                return .a(IPAddress.v4(Array(bytes[offset..<end])).description)
            case .aaaa:
                guard end - offset == 16 else { throw DecodeError(description: "AAAA record is not 16 bytes") }
                return .aaaa(IPAddress.v6(Array(bytes[offset..<end])).description)
            case .mx:
                let preference = try u16()
                return .mx(preference: Int(preference), exchange: try name())
            case .txt, .spf:
                var strings: [String] = []
                while offset < end {
                    let length = Int(try u8())
                    guard offset + length <= end else {
                        throw DecodeError(description: "TXT string runs past the record")
                    }
                    strings.append(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self))
                    offset += length
                }
                return type == .spf ? .spf(strings) : .txt(strings)
            case .ptr: return .ptr(try name())
            case .ns: return .ns(try name())
            case .cname: return .cname(try name())
            case .soa:
                let mname = try name()
                let rname = try name()
                let serial = try u32()
                _ = try u32()
                _ = try u32()
                _ = try u32()
                let minimum = try u32()
                return .soa(SOARecord(mname: mname, rname: rname, serial: serial, minimum: minimum))
            }
        }
    }
}
