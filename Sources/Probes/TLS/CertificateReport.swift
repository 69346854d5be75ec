import Localization
import MailModel

/// What the server's certificate says and whether a mail program would accept it.
struct CertificateReport: Sendable, Equatable {
    /// Whether the chain leads to a certificate authority this computer trusts.
    enum Trust: Sendable, Equatable {
        case trusted
        /// The certificate signed itself.
        case selfSigned
        /// Issued by an authority not trusted here; the text explains (e.g. a missing intermediate).
        case unknownIssuer(LocalizedText)
    }

    /// Whether the certificate is valid for the name the probe connected to.
    enum NameCheck: Sendable, Equatable {
        case matches(String)
        case mismatch(String)
        /// The probe connected by IP address and the certificate lists no matching address.
        case notChecked
    }

    var subject: String
    var issuer: String
    /// DNS names in the subject alternative names (or the common name when there are none).
    var names: [String]
    /// IP addresses in the subject alternative names.
    var ipAddresses: [String]
    /// Validity, as seconds since 1970.
    var notBefore: Int64
    var notAfter: Int64
    /// SHA-256 of the DER certificate, upper-case hex pairs separated by colons (as `openssl x509 -fingerprint`).
    var sha256: String
    /// Certificates the server sent, leaf included.
    var chainLength: Int
    var trust: Trust
    var nameCheck: NameCheck
    /// Seconds since 1970 at the time of the check.
    var checkedAt: Int64

    var isExpired: Bool { checkedAt > notAfter }
    var isNotYetValid: Bool { checkedAt < notBefore }
    /// Whole days until expiry (negative once expired).
    var daysLeft: Int { Int((notAfter - checkedAt) / 86_400) }

    /// A problem a certificate can have, named as the JSON names it.
    enum Problem: String, Sendable {
        case expired
        case notYetValid = "not yet valid"
        case selfSigned = "self-signed"
        case wrongName = "wrong name"
        case unknownIssuer = "unknown issuer"
    }

    /// The problem a person should hear about first, or nil when the certificate is fine.
    var mainProblem: Problem? {
        if isExpired { return .expired }
        if isNotYetValid { return .notYetValid }
        if trust == .selfSigned { return .selfSigned }
        if case .mismatch = nameCheck { return .wrongName }
        if case .unknownIssuer = trust { return .unknownIssuer }
        return nil
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "subject": .string(subject), "issuer": .string(issuer), "names": .strings(names),
            "ip_addresses": .strings(ipAddresses),
            "not_before": .string(UTCDate.timestamp(notBefore)), "not_after": .string(UTCDate.timestamp(notAfter)),
            "sha256": .string(sha256), "chain_length": .int(chainLength), "days_left": .int(daysLeft),
            "expired": .bool(isExpired), "problem": mainProblem.map { .string($0.rawValue) } ?? .null,
        ]
        switch trust {
        case .trusted: object["trust"] = "trusted"
        case .selfSigned: object["trust"] = "self-signed"
        case .unknownIssuer(let reason):
            object["trust"] = "unknown-issuer"
            object["trust_reason"] = .string(reason.english)
        }
        switch nameCheck {
        case .matches(let name):
            object["name_match"] = true
            object["checked_name"] = .string(name)
        case .mismatch(let name):
            object["name_match"] = false
            object["checked_name"] = .string(name)
        case .notChecked:
            object["name_match"] = .null
        }
        return .object(object)
    }
}

/// UTC calendar dates from Unix time, without Foundation's formatters (locale-free, exact).
enum UTCDate {
    /// "2024-03-01".
    static func day(_ seconds: Int64) -> String {
        let (year, month, day) = civil(seconds)
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// "2024-03-01T12:00:00Z".
    static func timestamp(_ seconds: Int64) -> String {
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let hour = secondOfDay / 3600
        let minute = (secondOfDay % 3600) / 60
        let second = secondOfDay % 60
        return day(seconds) + "T\(pad(hour)):\(pad(minute)):\(pad(second))Z"
    }

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civil(_ seconds: Int64) -> (Int64, Int64, Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
