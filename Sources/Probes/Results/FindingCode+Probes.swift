import MailModel

/// The finding codes of the server probes with a fixed name, named once here; the per-service families
/// (`smtp.host-not-found`, `imap.login-ok`…) are made from the service's id.
extension FindingCode {
    /// `imap.plaintext-login` (warn): … would accept a password before encryption starts (no LOGINDISABLED)
    public static let imapPlaintextLogin = FindingCode(rawValue: "imap.plaintext-login")
    /// `net.control-inconclusive` (info): the control check (… on port …, … on port …) gave no clear answer, so it is
    /// unknown whether …
    public static let netControlInconclusive = FindingCode(rawValue: "net.control-inconclusive")
    /// `net.offline`: … — this computer seems to be offline
    public static let netOffline = FindingCode(rawValue: "net.offline")
    /// `net.port25-blocked`: … — your network blocks port …
    public static let netPort25Blocked = FindingCode(rawValue: "net.port25-blocked")
    /// `net.port25-open` (info): … Their server does answer on port …, so it is running
    public static let netPort25Open = FindingCode(rawValue: "net.port25-open")
    /// `net.port25-unknown` (info): no control check is configured, so it is unknown whether this network blocks
    /// outgoing …
    public static let netPort25Unknown = FindingCode(rawValue: "net.port25-unknown")
    /// `pop3.plaintext-login` (warn): … would accept a password (USER/PASS) before encryption starts
    public static let pop3PlaintextLogin = FindingCode(rawValue: "pop3.plaintext-login")
    /// `probe.bad-target` (error)
    public static let probeBadTarget = FindingCode(rawValue: "probe.bad-target")
    /// `probe.deadline` (error): the … probe of … did not finish within …
    public static let probeDeadline = FindingCode(rawValue: "probe.deadline")
    /// `probe.unsupported` (error): … is not a network probe
    public static let probeUnsupported = FindingCode(rawValue: "probe.unsupported")
    /// `smtp.bad-recipient` (error): … The recipient was not tested
    public static let smtpBadRecipient = FindingCode(rawValue: "smtp.bad-recipient")
    /// `smtp.banner-rejected` (fail): … answers but refuses to talk to this computer
    public static let smtpBannerRejected = FindingCode(rawValue: "smtp.banner-rejected")
    /// `smtp.banner-temporary` (warn): … answers but is temporarily not accepting mail
    public static let smtpBannerTemporary = FindingCode(rawValue: "smtp.banner-temporary")
    /// `smtp.dns-error` (error): the MX lookup for … got no answer before the probe's deadline
    public static let smtpDNSError = FindingCode(rawValue: "smtp.dns-error")
    /// `smtp.ehlo-after-tls-failed` (fail): … refused EHLO after encryption started, so mail over the encrypted
    /// connection fails
    public static let smtpEHLOAfterTLSFailed = FindingCode(rawValue: "smtp.ehlo-after-tls-failed")
    /// `smtp.ehlo-failed` (fail): … refused both EHLO and HELO, so no mail can be sent to it from this computer
    public static let smtpEHLOFailed = FindingCode(rawValue: "smtp.ehlo-failed")
    /// `smtp.ehlo-rejected` (warn): … refused EHLO and only accepted the old HELO greeting, so it offers no extensions
    /// — no …
    public static let smtpEHLORejected = FindingCode(rawValue: "smtp.ehlo-rejected")
    /// `smtp.implicit-mx` (info): … has no MX records, so senders deliver to the domain's own address
    public static let smtpImplicitMX = FindingCode(rawValue: "smtp.implicit-mx")
    /// `smtp.mail-from-rejected` (warn): … refused the empty sender (MAIL FROM:<>) used for bounce messages
    public static let smtpMailFromRejected = FindingCode(rawValue: "smtp.mail-from-rejected")
    /// `smtp.mx-truncated` (info): … has …
    public static let smtpMXTruncated = FindingCode(rawValue: "smtp.mx-truncated")
    /// `smtp.no-such-domain` (fail): … does not exist in DNS, so no mail can be delivered to it
    public static let smtpNoSuchDomain = FindingCode(rawValue: "smtp.no-such-domain")
    /// `smtp.null-mx` (info): … publishes a null MX
    public static let smtpNullMX = FindingCode(rawValue: "smtp.null-mx")
    /// `smtp.ok` (pass)
    public static let smtpOK = FindingCode(rawValue: "smtp.ok")
    /// `smtp.rcpt-accepted` (pass): … accepts mail for … (…)
    public static let smtpRCPTAccepted = FindingCode(rawValue: "smtp.rcpt-accepted")
    /// `smtp.rcpt-deferred` (warn): … temporarily refused mail for …
    public static let smtpRCPTDeferred = FindingCode(rawValue: "smtp.rcpt-deferred")
    /// `smtp.rcpt-rejected` (fail): … refuses mail for …
    public static let smtpRCPTRejected = FindingCode(rawValue: "smtp.rcpt-rejected")
    /// `smtp.starttls-injection` (warn): … sent … extra line(s) between its STARTTLS answer and the encryption
    public static let smtpSTARTTLSInjection = FindingCode(rawValue: "smtp.starttls-injection")
    /// `smtp.starttls-missing` (warn): … does not offer STARTTLS, so mail to it travels unencrypted and providers that
    /// require …
    public static let smtpSTARTTLSMissing = FindingCode(rawValue: "smtp.starttls-missing")
    /// `smtp.starttls-refused` (fail): … offers STARTTLS but refused to start it
    public static let smtpSTARTTLSRefused = FindingCode(rawValue: "smtp.starttls-refused")
    /// `smtp.tarpit` (info): … waited … before greeting
    public static let smtpTarpit = FindingCode(rawValue: "smtp.tarpit")
    /// `submission.auth-before-tls` (warn): … offers password login (AUTH …) before encryption starts
    public static let submissionAuthBeforeTLS = FindingCode(rawValue: "submission.auth-before-tls")
    /// `submission.auth-missing` (fail): … offers no login (AUTH) even after encryption, so mail apps cannot send
    /// through it
    public static let submissionAuthMissing = FindingCode(rawValue: "submission.auth-missing")
    /// `submission.banner-rejected` (fail): … answers but does not accept connections from here
    public static let submissionBannerRejected = FindingCode(rawValue: "submission.banner-rejected")
    /// `tls.cert-expired`: … answers, but its certificate expired on … (… days ago)
    public static let tlsCertExpired = FindingCode(rawValue: "tls.cert-expired")
    /// `tls.cert-expiring-soon` (warn): the certificate of … expires on …, in … days
    public static let tlsCertExpiringSoon = FindingCode(rawValue: "tls.cert-expiring-soon")
    /// `tls.cert-name-mismatch`: … presents a certificate for no name at all, but it was reached as …, so the name does
    /// not match
    public static let tlsCertNameMismatch = FindingCode(rawValue: "tls.cert-name-mismatch")
    /// `tls.cert-name-unchecked` (info): … was reached by IP address, so the certificate's name (…
    public static let tlsCertNameUnchecked = FindingCode(rawValue: "tls.cert-name-unchecked")
    /// `tls.cert-not-yet-valid`: … answers, but its certificate is only valid from …
    public static let tlsCertNotYetValid = FindingCode(rawValue: "tls.cert-not-yet-valid")
    /// `tls.cert-self-signed`: … uses a self-signed certificate
    public static let tlsCertSelfSigned = FindingCode(rawValue: "tls.cert-self-signed")
    /// `tls.cert-unknown-issuer`: … uses a certificate that is not trusted
    public static let tlsCertUnknownIssuer = FindingCode(rawValue: "tls.cert-unknown-issuer")
    /// `tls.handshake-failed`: … Mail programs cannot use an encrypted connection to it
    public static let tlsHandshakeFailed = FindingCode(rawValue: "tls.handshake-failed")
    /// `tls.no-certificate`: … presented no readable certificate
    public static let tlsNoCertificate = FindingCode(rawValue: "tls.no-certificate")
    /// `tls.ok` (pass): encryption works on …
    public static let tlsOK = FindingCode(rawValue: "tls.ok")
    /// `tls.old-version` (warn): … only negotiated …, an outdated encryption version that current mail programs turn
    /// off
    public static let tlsOldVersion = FindingCode(rawValue: "tls.old-version")
    /// `tls.weak-cipher` (warn): … chose the weak cipher suite …
    public static let tlsWeakCipher = FindingCode(rawValue: "tls.weak-cipher")

    /// `<service>.<observation>`: a code of a per-service family, such as `imap.login-ok` or
    /// `smtp.host-not-found`; `service` is the probe's id.
    static func service(_ service: String, _ observation: String) -> FindingCode {
        FindingCode(rawValue: service + "." + observation)
    }
}
