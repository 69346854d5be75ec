import Crypto
import Foundation
import Localization
import MailModel
import SwiftASN1
// Expiry is reported on its own ("expired on …"); the chain is verified with the validity check off so
// that an expired certificate is not also called untrusted.
@_spi(DisableValidityCheck) import X509

/// Reads a server's certificate chain with swift-certificates: names, validity, fingerprint, and
/// whether it chains to a trusted authority — with a reason a person understands when it does not.
struct CertificateInspector: Sendable {
    /// Extra trusted roots (DER), in addition to the system's (tests use their own CA).
    var extraTrustRoots: [[UInt8]] = []

    /// Inspects `chain` (DER, leaf first) for a connection to `hostName` (nil when connecting by address).
    func inspect(chain: [[UInt8]], hostName: String?, address: IPAddress?, now: Date = Date()) async
        -> CertificateReport?
    {
        guard let leafBytes = chain.first, let leaf = try? Certificate(derEncoded: leafBytes) else { return nil }
        let intermediates = chain.dropFirst().compactMap { try? Certificate(derEncoded: $0) }
        var dnsNames: [String] = []
        var ipAddresses: [String] = []
        if let alternatives = try? leaf.extensions.subjectAlternativeNames {
            for name in alternatives {
                switch name {
                case .dnsName(let value): dnsNames.append(SafeText.clean(value, limit: 255))
                case .ipAddress(let octets):
                    let bytes = Array(octets.bytes)
                    if bytes.count == 4 {
                        ipAddresses.append(IPAddress.v4(bytes).description)
                    } else if bytes.count == 16 {
                        ipAddresses.append(IPAddress.v6(bytes).description)
                    }
                default: break
                }
            }
        }
        let commonName = CertificateInspector.commonName(of: leaf.subject)
        let names = dnsNames.isEmpty ? commonName.map { [SafeText.clean($0, limit: 255)] } ?? [] : dnsNames
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        return CertificateReport(
            subject: SafeText.clean(leaf.subject.description, limit: 300),
            issuer: SafeText.clean(leaf.issuer.description, limit: 300),
            names: names, ipAddresses: ipAddresses,
            notBefore: Int64(leaf.notValidBefore.timeIntervalSince1970),
            notAfter: Int64(leaf.notValidAfter.timeIntervalSince1970),
            sha256: CertificateInspector.fingerprint(leafBytes), chainLength: chain.count,
            trust: await trust(leaf: leaf, intermediates: intermediates),
            nameCheck: CertificateInspector.nameCheck(names: names, ips: ipAddresses, host: hostName, address: address),
            checkedAt: nowSeconds)
    }

    private func trust(leaf: Certificate, intermediates: [Certificate]) async -> CertificateReport.Trust {
        if leaf.subject == leaf.issuer && leaf.publicKey.isValidSignature(leaf.signature, for: leaf) {
            return .selfSigned
        }
        let extra = extraTrustRoots.compactMap { try? Certificate(derEncoded: $0) }
        let roots = CertificateStore.systemTrustRoots.appending(contentsOf: extra)
        var verifier = Verifier(rootCertificates: roots) { RFC5280Policy.withValidityCheckDisabled() }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        if case .validCertificate = result { return .trusted }
        let issuer =
            CertificateInspector.commonName(of: leaf.issuer).map { SafeText.clean($0, limit: 120) }
            ?? SafeText.clean(leaf.issuer.description, limit: 120)
        if intermediates.isEmpty {
            return .unknownIssuer(
                L(
                    "it was issued by \"\(issuer)\", but the server sends only its own certificate, without the intermediate certificate(s) linking it to a trusted authority, or the issuer is not a trusted authority at all"
                ))
        }
        return .unknownIssuer(L("it was issued by \"\(issuer)\", which is not an authority this computer trusts"))
    }

    /// The SHA-256 fingerprint as `AB:CD:…`.
    static func fingerprint(_ der: [UInt8]) -> String {
        SHA256.hash(data: der).map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: ":")
    }

    /// The first common name (CN) of a distinguished name.
    static func commonName(of name: DistinguishedName) -> String? {
        for rdn in name {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }

    /// Matches the host (RFC 6125: exact, or a wildcard for exactly one left-most label) or the address.
    static func nameCheck(names: [String], ips: [String], host: String?, address: IPAddress?)
        -> CertificateReport.NameCheck
    {
        if let host {
            let wanted = DNSName.normalize(host)
            return names.contains { matches(pattern: $0, host: wanted) } ? .matches(wanted) : .mismatch(wanted)
        }
        if let address, ips.contains(address.description) { return .matches(address.description) }
        return .notChecked
    }

    static func matches(pattern: String, host: String) -> Bool {
        let wanted = DNSName.normalize(pattern)
        if wanted == host { return true }
        guard wanted.hasPrefix("*.") else { return false }
        let suffix = wanted.dropFirst(1)
        guard suffix.split(separator: ".").count >= 2, host.hasSuffix(suffix) else { return false }
        let label = host.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }
}
