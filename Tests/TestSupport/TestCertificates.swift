import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// Certificates made in-process for the scripted TLS peers: a test CA, leaves signed by it, expired
/// and self-signed ones.
package enum TestCertificates {
    /// A certificate and its private key.
    package struct Identity {
        /// The certificate.
        package var certificate: Certificate
        /// Its private key.
        package var key: P256.Signing.PrivateKey

        /// The certificate in DER.
        package var der: [UInt8] {
            var serializer = DER.Serializer()
            try? serializer.serialize(certificate)
            return serializer.serializedBytes
        }
    }

    /// One day, in seconds.
    package static let day: TimeInterval = 86_400

    /// A certificate authority valid for a year around now.
    package static func authority(name: String = "MailDoctor Test CA") throws -> Identity {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: Date() - 365 * day, notValidAfter: Date() + 365 * day, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            }, issuerPrivateKey: .init(key))
        return Identity(certificate: certificate, key: key)
    }

    /// A server certificate for `names`, signed by `issuer` (self-signed when nil).
    package static func leaf(
        names: [String], issuer: Identity?, notBefore: Date = Date() - day, notAfter: Date = Date() + 90 * day
    ) throws -> Identity {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(names.first ?? "server") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: issuer?.certificate.subject ?? subject,
            subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                SubjectAlternativeNames(names.map { GeneralName.dnsName($0) })
                try ExtendedKeyUsage([.serverAuth])
            }, issuerPrivateKey: .init(issuer?.key ?? key))
        return Identity(certificate: certificate, key: key)
    }

    /// A TLS server context presenting `leaf` (and `intermediates`).
    package static func serverContext(_ leaf: Identity, chain: [Identity] = []) throws -> NIOSSLContext {
        let certificates = try ([leaf] + chain).map { try NIOSSLCertificate(bytes: $0.der, format: .der) }
        let key = try NIOSSLPrivateKey(bytes: Array(leaf.key.pemRepresentation.utf8), format: .pem)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        return try NIOSSLContext(configuration: configuration)
    }
}
