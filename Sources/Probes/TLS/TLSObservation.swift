import MailModel

/// The TLS session a probe established: protocol version, cipher suite, certificate.
struct TLSObservation: Sendable, Equatable {
    var version: String
    var cipherSuite: UInt16?
    var cipherName: String
    var certificate: CertificateReport?

    /// Whether the version is older than TLS 1.2.
    var isOldVersion: Bool {
        version == "TLSv1" || version == "TLSv1.1" || version == "SSLv3"
    }

    var json: JSONValue {
        [
            "version": .string(version), "cipher": .string(cipherName),
            "certificate": certificate?.json ?? .null,
        ]
    }
}

extension ProbeSession {
    /// Starts TLS in the current stage, inspects the certificate and stores what was seen in the report.
    func establishTLS(serverName: String?, inspector: CertificateInspector) async throws(StageFailure) {
        let sniName = serverName.flatMap { IPAddress($0) == nil ? $0 : nil }
        let handshake = try await startTLS(serverName: sniName)
        let certificate = await inspector.inspect(
            chain: handshake.certificates, hostName: sniName, address: report.address)
        setTLS(
            TLSObservation(
                version: handshake.version, cipherSuite: handshake.cipherSuite, cipherName: handshake.cipherName,
                certificate: certificate))
        end(.ok, "\(handshake.version) \(handshake.cipherName)")
    }
}
