import MailModel

/// The finding codes of the DNS checks, named once here; other modules (the conversation, tests) use these
/// names, never the strings.
extension FindingCode {
    /// `check.deadline` (error): the … check did not finish within … seconds — the DNS servers may be slow or
    /// unreachable
    public static let checkDeadline = FindingCode(rawValue: "check.deadline")
    /// `dkim.cname` (info): … is an alias (CNAME) for …, typically managed by your mail provider
    public static let dkimCNAME = FindingCode(rawValue: "dkim.cname")
    /// `dkim.dns-error` (error): could not look up …
    public static let dkimDNSError = FindingCode(rawValue: "dkim.dns-error")
    /// `dkim.key-format` (warn): the key for selector "…" is published as a bare RSAPublicKey rather than the …
    public static let dkimKeyFormat = FindingCode(rawValue: "dkim.key-format")
    /// `dkim.key-invalid` (fail): the DKIM key for selector "…" cannot be used
    public static let dkimKeyInvalid = FindingCode(rawValue: "dkim.key-invalid")
    /// `dkim.key-missing` (fail): no DKIM key is published for selector "…" (… has no DKIM record), so signatures made
    /// with it …
    public static let dkimKeyMissing = FindingCode(rawValue: "dkim.key-missing")
    /// `dkim.key-ok` (pass): selector "…"
    public static let dkimKeyOK = FindingCode(rawValue: "dkim.key-ok")
    /// `dkim.multiple-records` (warn): … has … DKIM records
    public static let dkimMultipleRecords = FindingCode(rawValue: "dkim.multiple-records")
    /// `dkim.no-selector` (warn): no DKIM key was found under … common selector names
    public static let dkimNoSelector = FindingCode(rawValue: "dkim.no-selector")
    /// `dkim.provider-selector-missing` (warn): none of …'s DKIM selectors (…
    public static let dkimProviderSelectorMissing = FindingCode(rawValue: "dkim.provider-selector-missing")
    /// `dkim.revoked` (fail): the DKIM key for selector "…" is revoked (empty p=), so every signature made with it
    /// fails
    public static let dkimRevoked = FindingCode(rawValue: "dkim.revoked")
    /// `dkim.sha1-only` (warn): selector "…" allows only …
    public static let dkimSHA1Only = FindingCode(rawValue: "dkim.sha1-only")
    /// `dkim.short-key` (warn): selector "…" uses a …-bit RSA key
    public static let dkimShortKey = FindingCode(rawValue: "dkim.short-key")
    /// `dkim.signature-domain` (info): the pasted signature was made for … (d=), not …
    public static let dkimSignatureDomain = FindingCode(rawValue: "dkim.signature-domain")
    /// `dkim.signature-unparsable` (warn)
    public static let dkimSignatureUnparsable = FindingCode(rawValue: "dkim.signature-unparsable")
    /// `dkim.syntax-error` (fail): the DKIM record at … is malformed
    public static let dkimSyntaxError = FindingCode(rawValue: "dkim.syntax-error")
    /// `dkim.testing` (warn): selector "…" is in test mode (t=y)
    public static let dkimTesting = FindingCode(rawValue: "dkim.testing")
    /// `dkim.unknown-key-type` (fail): the DKIM key for selector "…" has an unknown type k=…
    public static let dkimUnknownKeyType = FindingCode(rawValue: "dkim.unknown-key-type")
    /// `dkim.weak-key` (fail): selector "…" uses an RSA key of only … bits
    public static let dkimWeakKey = FindingCode(rawValue: "dkim.weak-key")
    /// `dmarc.dns-error` (error)
    public static let dmarcDNSError = FindingCode(rawValue: "dmarc.dns-error")
    /// `dmarc.external-authorized` (pass): … has agreed to receive DMARC reports for … (…)
    public static let dmarcExternalAuthorized = FindingCode(rawValue: "dmarc.external-authorized")
    /// `dmarc.external-dns-error` (error): could not check whether … accepts reports for …
    public static let dmarcExternalDNSError = FindingCode(rawValue: "dmarc.external-dns-error")
    /// `dmarc.external-unauthorized` (warn): reports go to another domain (…), but … has not published … TXT "v=DMARC1"
    /// to accept them, so …
    public static let dmarcExternalUnauthorized = FindingCode(rawValue: "dmarc.external-unauthorized")
    /// `dmarc.inherited` (info): … has no DMARC record of its own
    public static let dmarcInherited = FindingCode(rawValue: "dmarc.inherited")
    /// `dmarc.missing` (fail): … has no DMARC record, so anyone can send mail pretending to be … and big providers
    /// (Gmail, …
    public static let dmarcMissing = FindingCode(rawValue: "dmarc.missing")
    /// `dmarc.multiple-records` (fail): _dmarc.… has … DMARC records
    public static let dmarcMultipleRecords = FindingCode(rawValue: "dmarc.multiple-records")
    /// `dmarc.no-reports` (info): no aggregate reports are requested (no rua=), so you will not see who sends mail as
    /// your domain
    public static let dmarcNoReports = FindingCode(rawValue: "dmarc.no-reports")
    /// `dmarc.pct-partial` (warn): pct=…
    public static let dmarcPctPartial = FindingCode(rawValue: "dmarc.pct-partial")
    /// `dmarc.policy-none` (warn): the policy is p=none
    public static let dmarcPolicyNone = FindingCode(rawValue: "dmarc.policy-none")
    /// `dmarc.policy-quarantine` (pass): the policy is p=quarantine
    public static let dmarcPolicyQuarantine = FindingCode(rawValue: "dmarc.policy-quarantine")
    /// `dmarc.policy-reject` (pass): the policy is p=reject
    public static let dmarcPolicyReject = FindingCode(rawValue: "dmarc.policy-reject")
    /// `dmarc.report-uri-invalid` (warn): the report address "…" is not a valid mailto
    public static let dmarcReportURIInvalid = FindingCode(rawValue: "dmarc.report-uri-invalid")
    /// `dmarc.strict-alignment` (info): strict alignment for …
    public static let dmarcStrictAlignment = FindingCode(rawValue: "dmarc.strict-alignment")
    /// `dmarc.subdomain-policy-weaker` (warn): subdomains get a weaker policy (sp=…) than the domain (p=…), so forged
    /// mail from made-up …
    public static let dmarcSubdomainPolicyWeaker = FindingCode(rawValue: "dmarc.subdomain-policy-weaker")
    /// `dmarc.syntax-error`: the DMARC record cannot be parsed (one of the parser's issues, `dmarc.<kind>`)
    public static let dmarcSyntaxError = FindingCode(rawValue: "dmarc.syntax-error")
    /// `dnsbl.dns-error` (error): could not query the blocklist …
    public static let dnsblDNSError = FindingCode(rawValue: "dnsbl.dns-error")
    /// `dnsbl.listed` (fail): … is listed on … — …
    public static let dnsblListed = FindingCode(rawValue: "dnsbl.listed")
    /// `dnsbl.listed-policy` (warn): … is on … — …
    public static let dnsblListedPolicy = FindingCode(rawValue: "dnsbl.listed-policy")
    /// `dnsbl.no-address` (error): the blocklist check needs an IP address (like 192.0.2.1)
    public static let dnsblNoAddress = FindingCode(rawValue: "dnsbl.no-address")
    /// `dnsbl.not-listed` (pass): … is not listed on … of …
    public static let dnsblNotListed = FindingCode(rawValue: "dnsbl.not-listed")
    /// `dnsbl.private-address` (info): … is …
    public static let dnsblPrivateAddress = FindingCode(rawValue: "dnsbl.private-address")
    /// `dnsbl.query-refused` (error): … did not answer the question
    public static let dnsblQueryRefused = FindingCode(rawValue: "dnsbl.query-refused")
    /// `dnsbl.unverified` (error): … does not list its own test entry 127.0.0.2, so its "not listed" proves nothing
    public static let dnsblUnverified = FindingCode(rawValue: "dnsbl.unverified")
    /// `dnsbl.rewritten` (error)
    public static let dnsblRewritten = FindingCode(rawValue: "dnsbl.rewritten")
    /// `domain.dns-error` (error): could not determine whether … exists
    public static let domainDNSError = FindingCode(rawValue: "domain.dns-error")
    /// `domain.exists` (pass): … exists and is served by …
    public static let domainExists = FindingCode(rawValue: "domain.exists")
    /// `domain.idn` (info): … is written … in DNS (punycode)
    public static let domainIDN = FindingCode(rawValue: "domain.idn")
    /// `domain.no-ns` (fail): … has an SOA record but no NS records
    public static let domainNoNS = FindingCode(rawValue: "domain.no-ns")
    /// `domain.no-soa` (warn): … has name servers but no SOA record
    public static let domainNoSOA = FindingCode(rawValue: "domain.no-soa")
    /// `domain.not-zone-apex` (info): … exists, but as a name inside a larger zone rather than a zone of its own (no
    /// SOA or NS …
    public static let domainNotZoneApex = FindingCode(rawValue: "domain.not-zone-apex")
    /// `domain.ns-unresolvable` (warn): the name server … has no IP address in DNS, so it cannot answer for …
    public static let domainNSUnresolvable = FindingCode(rawValue: "domain.ns-unresolvable")
    /// `domain.nxdomain` (fail): … does not exist in DNS (NXDOMAIN)
    public static let domainNXDomain = FindingCode(rawValue: "domain.nxdomain")
    /// `domain.single-ns` (warn): … has only one name server (…)
    public static let domainSingleNS = FindingCode(rawValue: "domain.single-ns")
    /// `mta-sts.dns-error` (error): could not look up the MTA-STS record
    public static let mtaSTSDNSError = FindingCode(rawValue: "mta-sts.dns-error")
    /// `mta-sts.invalid` (fail): the MTA-STS record at … is invalid
    public static let mtaSTSInvalid = FindingCode(rawValue: "mta-sts.invalid")
    /// `mta-sts.missing` (info): … does not publish MTA-STS (no v=STSv1 record at …)
    public static let mtaSTSMissing = FindingCode(rawValue: "mta-sts.missing")
    /// `mta-sts.multiple-records` (fail): … has … MTA-STS records
    public static let mtaSTSMultipleRecords = FindingCode(rawValue: "mta-sts.multiple-records")
    /// `mta-sts.policy-host-missing` (fail): the record announces a policy, but … has no address, so senders cannot
    /// download the policy file
    public static let mtaSTSPolicyHostMissing = FindingCode(rawValue: "mta-sts.policy-host-missing")
    /// `mta-sts.record` (pass): MTA-STS is announced (…)
    public static let mtaSTSRecord = FindingCode(rawValue: "mta-sts.record")
    /// `mx.cname` (warn): the MX host … is an alias (CNAME)
    public static let mxCNAME = FindingCode(rawValue: "mx.cname")
    /// `mx.dns-error` (error): could not look up the MX records
    public static let mxDNSError = FindingCode(rawValue: "mx.dns-error")
    /// `mx.implicit` (warn): … has no MX records, so senders deliver to its web address instead (…
    public static let mxImplicit = FindingCode(rawValue: "mx.implicit")
    /// `mx.ip-literal` (fail): the MX record "… …" names an IP address
    public static let mxIPLiteral = FindingCode(rawValue: "mx.ip-literal")
    /// `mx.many-hosts` (info): … publishes … MX records
    public static let mxManyHosts = FindingCode(rawValue: "mx.many-hosts")
    /// `mx.no-address` (fail): the MX host … has no IP address (no A or AAAA record), so mail cannot be delivered to it
    public static let mxNoAddress = FindingCode(rawValue: "mx.no-address")
    /// `mx.none` (fail): … has no MX records and no address, so nobody can send e-mail to it
    public static let mxNone = FindingCode(rawValue: "mx.none")
    /// `mx.null` (info): … publishes a null MX (RFC 7505)
    public static let mxNull = FindingCode(rawValue: "mx.null")
    /// `mx.null-mixed` (fail): … mixes a null MX ("0 .", meaning "no mail") with real mail servers
    public static let mxNullMixed = FindingCode(rawValue: "mx.null-mixed")
    /// `mx.nxdomain` (fail): … does not exist in DNS, so no mail can be delivered to it
    public static let mxNXDomain = FindingCode(rawValue: "mx.nxdomain")
    /// `mx.ok` (pass): mail for … goes to, in order of preference
    public static let mxOK = FindingCode(rawValue: "mx.ok")
    /// `mx.private-address` (info): the MX host … resolves to …
    public static let mxPrivateAddress = FindingCode(rawValue: "mx.private-address")
    /// `mx.provider-match` (pass): all MX records point to …
    public static let mxProviderMatch = FindingCode(rawValue: "mx.provider-match")
    /// `mx.provider-mismatch` (warn): the MX records of … do not point to … (expected …
    public static let mxProviderMismatch = FindingCode(rawValue: "mx.provider-mismatch")
    /// `mx.provider-partial` (warn): some MX records of … point elsewhere than …
    public static let mxProviderPartial = FindingCode(rawValue: "mx.provider-partial")
    /// `mx.unreachable` (fail): none of the MX hosts of … can receive mail from the internet, so incoming mail fails
    public static let mxUnreachable = FindingCode(rawValue: "mx.unreachable")
    /// `ptr.dns-error` (error): could not look up the reverse DNS of …
    public static let ptrDNSError = FindingCode(rawValue: "ptr.dns-error")
    /// `ptr.fcrdns` (pass): … has the reverse name …, which resolves back to … (forward-confirmed reverse DNS)
    public static let ptrFCrDNS = FindingCode(rawValue: "ptr.fcrdns")
    /// `ptr.fcrdns-mismatch` (fail): the reverse name of … does not resolve back to it (…
    public static let ptrFCrDNSMismatch = FindingCode(rawValue: "ptr.fcrdns-mismatch")
    /// `ptr.generic` (warn): the reverse name … looks like an automatically assigned (dynamic or end-user) name
    public static let ptrGeneric = FindingCode(rawValue: "ptr.generic")
    /// `ptr.invalid-name` (warn): the reverse name "…" is not a valid host name (…)
    public static let ptrInvalidName = FindingCode(rawValue: "ptr.invalid-name")
    /// `ptr.missing` (fail): … has no reverse DNS name (PTR record)
    public static let ptrMissing = FindingCode(rawValue: "ptr.missing")
    /// `ptr.multiple` (info): … has … reverse names (…
    public static let ptrMultiple = FindingCode(rawValue: "ptr.multiple")
    /// `ptr.no-address` (error): the reverse DNS check needs an IP address (like 192.0.2.1)
    public static let ptrNoAddress = FindingCode(rawValue: "ptr.no-address")
    /// `ptr.private-address` (info): … is …
    public static let ptrPrivateAddress = FindingCode(rawValue: "ptr.private-address")
    /// `spf.deprecated-modifier` (warn): "…" comes from an old SPF draft and is ignored by receivers
    public static let spfDeprecatedModifier = FindingCode(rawValue: "spf.deprecated-modifier")
    /// `spf.deprecated-rr-type` (warn): … publishes an SPF record of the obsolete DNS type SPF (99)
    public static let spfDeprecatedRRType = FindingCode(rawValue: "spf.deprecated-rr-type")
    /// `spf.dns-error` (error): could not look up the SPF record
    public static let spfDNSError = FindingCode(rawValue: "spf.dns-error")
    /// `spf.fail-all` (pass): servers not listed are refused ("-all")
    public static let spfFailAll = FindingCode(rawValue: "spf.fail-all")
    /// `spf.include-dns-error` (error): could not fetch the SPF record of … (…)
    public static let spfIncludeDNSError = FindingCode(rawValue: "spf.include-dns-error")
    /// `spf.include-invalid` (fail): "…" points to …, which has … SPF records
    public static let spfIncludeInvalid = FindingCode(rawValue: "spf.include-invalid")
    /// `spf.include-loop` (fail): "…" leads back to a record already being evaluated (a loop)
    public static let spfIncludeLoop = FindingCode(rawValue: "spf.include-loop")
    /// `spf.include-missing` (fail): "…" points to a domain without an SPF record (…)
    public static let spfIncludeMissing = FindingCode(rawValue: "spf.include-missing")
    /// `spf.lookups` (pass): checking this record needs … of the 10 allowed DNS lookups.\n…
    public static let spfLookups = FindingCode(rawValue: "spf.lookups")
    /// `spf.macros` (info): the record uses macros (%{…})
    public static let spfMacros = FindingCode(rawValue: "spf.macros")
    /// `spf.missing` (fail): … has no SPF record, so receivers cannot tell which servers may send mail for it
    public static let spfMissing = FindingCode(rawValue: "spf.missing")
    /// `spf.multiple-records` (fail): … publishes … SPF records
    public static let spfMultipleRecords = FindingCode(rawValue: "spf.multiple-records")
    /// `spf.mx-too-many` (fail): "mx" in the record of … points to …, which has more than 10 MX records
    public static let spfMXTooMany = FindingCode(rawValue: "spf.mx-too-many")
    /// `spf.neutral-all` (warn): the record ends in "?all" (neutral)
    public static let spfNeutralAll = FindingCode(rawValue: "spf.neutral-all")
    /// `spf.no-all` (warn): the record has no "all" mechanism, so servers it does not list get "neutral" — nothing
    /// forbids …
    public static let spfNoAll = FindingCode(rawValue: "spf.no-all")
    /// `spf.nxdomain` (fail): … does not exist, so it has no SPF record
    public static let spfNXDomain = FindingCode(rawValue: "spf.nxdomain")
    /// `spf.pass-all` (fail): the record ends in "…", which allows every server on the internet to send mail as …
    public static let spfPassAll = FindingCode(rawValue: "spf.pass-all")
    /// `spf.provider-include` (pass): the record includes …'s servers (include:…)
    public static let spfProviderInclude = FindingCode(rawValue: "spf.provider-include")
    /// `spf.provider-include-missing` (warn): the record does not include …'s servers (include:…), so mail sent through
    /// … may fail SPF
    public static let spfProviderIncludeMissing = FindingCode(rawValue: "spf.provider-include-missing")
    /// `spf.ptr` (warn): "…" is used
    public static let spfPTR = FindingCode(rawValue: "spf.ptr")
    /// `spf.redirect-ignored` (info): "redirect=…" is never used because the record has an "all" mechanism, which
    /// always matches first
    public static let spfRedirectIgnored = FindingCode(rawValue: "spf.redirect-ignored")
    /// `spf.redirect-missing` (fail): "…" points to a domain without an SPF record (…)
    public static let spfRedirectMissing = FindingCode(rawValue: "spf.redirect-missing")
    /// `spf.sender-id` (info): … still publishes a Sender ID (spf2.0) record
    public static let spfSenderID = FindingCode(rawValue: "spf.sender-id")
    /// `spf.softfail-all` (pass): servers not listed get a soft fail ("~all")
    public static let spfSoftfailAll = FindingCode(rawValue: "spf.softfail-all")
    /// `spf.syntax-error` (fail): the SPF record has a syntax error at position …
    public static let spfSyntaxError = FindingCode(rawValue: "spf.syntax-error")
    /// `spf.too-many-lookups` (fail): checking this record needs … DNS lookups
    public static let spfTooManyLookups = FindingCode(rawValue: "spf.too-many-lookups")
    /// `spf.too-many-void-lookups` (fail): …
    public static let spfTooManyVoidLookups = FindingCode(rawValue: "spf.too-many-void-lookups")
    /// `spf.wide-cidr` (warn): "…" authorises an enormous range of addresses
    public static let spfWideCIDR = FindingCode(rawValue: "spf.wide-cidr")
    /// `tls-rpt.dns-error` (error): could not look up the TLS-RPT record
    public static let tlsRPTDNSError = FindingCode(rawValue: "tls-rpt.dns-error")
    /// `tls-rpt.invalid` (fail): the TLS-RPT record at … is invalid
    public static let tlsRPTInvalid = FindingCode(rawValue: "tls-rpt.invalid")
    /// `tls-rpt.missing` (info): … does not publish TLS-RPT (no v=TLSRPTv1 record at …)
    public static let tlsRPTMissing = FindingCode(rawValue: "tls-rpt.missing")
    /// `tls-rpt.multiple-records` (fail): … has … TLS-RPT records
    public static let tlsRPTMultipleRecords = FindingCode(rawValue: "tls-rpt.multiple-records")
    /// `tls-rpt.record` (pass): TLS reports are sent to …
    public static let tlsRPTRecord = FindingCode(rawValue: "tls-rpt.record")

    /// `spf.result-…`: the SPF verdict for the sending IP given with `--ip` (`spf.result-fail`…).
    public static func spfResult(_ result: SPFResult) -> FindingCode { FindingCode(.spf, "result-" + result.rawValue) }
}
