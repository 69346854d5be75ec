import Foundation
import MailModel
import TestSupport
import Testing

@testable import Checks

/// Every finding code the checks can emit, each triggered by a scenario against the real Knot fixture
/// server (or, where a real server cannot produce the situation, an in-memory resolver), and a guard
/// that this table lists every code that appears in Sources/Checks.
@Suite("Finding coverage")
struct FindingCoverageTests {
    /// How to produce a finding.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var code: String
        var check: CheckID
        var target: String
        var severity: CheckStatus
        var ip: String? = nil
        var selector: String? = nil
        var signature: String? = nil
        var provider = false
        var dnsblZones: [String]? = nil
        var allowPrivate = false

        var testDescription: String { "\(code) ← \(check.rawValue) \(target)" }
    }

    static let scenarios: [Scenario] = [
        // domain
        Scenario(code: "domain.exists", check: .domain, target: "good.test", severity: .pass),
        Scenario(code: "domain.nxdomain", check: .domain, target: "nosuch.test", severity: .fail),
        Scenario(code: "domain.dns-error", check: .domain, target: "servfail.test", severity: .error),
        Scenario(code: "domain.not-zone-apex", check: .domain, target: "sub.good.test", severity: .info),
        Scenario(code: "domain.single-ns", check: .domain, target: "single-ns.test", severity: .warn),
        Scenario(code: "domain.ns-unresolvable", check: .domain, target: "lame-ns.test", severity: .warn),
        Scenario(code: "domain.idn", check: .domain, target: "bücher.test", severity: .info),
        // mx
        Scenario(code: "mx.ok", check: .mx, target: "good.test", severity: .pass),
        Scenario(code: "mx.many-hosts", check: .mx, target: "many.test", severity: .info),
        Scenario(code: "mx.nxdomain", check: .mx, target: "nosuch.test", severity: .fail),
        Scenario(code: "mx.dns-error", check: .mx, target: "servfail.test", severity: .error),
        Scenario(code: "mx.null", check: .mx, target: "null.mx.test", severity: .info),
        Scenario(code: "mx.null-mixed", check: .mx, target: "nullmixed.mx.test", severity: .fail),
        Scenario(code: "mx.implicit", check: .mx, target: "implicit.mx.test", severity: .warn),
        Scenario(code: "mx.none", check: .mx, target: "none.mx.test", severity: .fail),
        Scenario(code: "mx.cname", check: .mx, target: "cname.mx.test", severity: .warn),
        Scenario(code: "mx.ip-literal", check: .mx, target: "literal.mx.test", severity: .fail),
        Scenario(code: "mx.no-address", check: .mx, target: "noaddr.mx.test", severity: .fail),
        Scenario(code: "mx.unreachable", check: .mx, target: "noaddr.mx.test", severity: .fail),
        Scenario(code: "mx.private-address", check: .mx, target: "private.mx.test", severity: .fail),
        Scenario(code: "mx.provider-match", check: .mx, target: "provider.mx.test", severity: .pass, provider: true),
        Scenario(code: "mx.provider-mismatch", check: .mx, target: "good.test", severity: .warn, provider: true),
        Scenario(code: "mx.provider-partial", check: .mx, target: "partial.mx.test", severity: .warn, provider: true),
        // spf
        Scenario(code: "spf.fail-all", check: .spf, target: "good.test", severity: .pass),
        Scenario(code: "spf.lookups", check: .spf, target: "good.test", severity: .pass),
        Scenario(code: "spf.nxdomain", check: .spf, target: "nosuch.test", severity: .fail),
        Scenario(code: "spf.dns-error", check: .spf, target: "servfail.test", severity: .error),
        Scenario(code: "spf.softfail-all", check: .spf, target: "softfail.spf.test", severity: .pass),
        Scenario(code: "spf.pass-all", check: .spf, target: "passall.spf.test", severity: .fail),
        Scenario(code: "spf.neutral-all", check: .spf, target: "neutral.spf.test", severity: .warn),
        Scenario(code: "spf.no-all", check: .spf, target: "noall.spf.test", severity: .warn),
        Scenario(code: "spf.missing", check: .spf, target: "nospf.spf.test", severity: .fail),
        Scenario(code: "spf.multiple-records", check: .spf, target: "multiple.spf.test", severity: .fail),
        Scenario(code: "spf.syntax-error", check: .spf, target: "syntax.spf.test", severity: .fail),
        Scenario(code: "spf.ptr", check: .spf, target: "ptr.spf.test", severity: .warn),
        Scenario(code: "spf.deprecated-modifier", check: .spf, target: "deprecated.spf.test", severity: .warn),
        Scenario(code: "spf.deprecated-rr-type", check: .spf, target: "deprecated.spf.test", severity: .warn),
        Scenario(code: "spf.sender-id", check: .spf, target: "deprecated.spf.test", severity: .info),
        Scenario(code: "spf.wide-cidr", check: .spf, target: "wide.spf.test", severity: .warn),
        Scenario(code: "spf.macros", check: .spf, target: "macros.spf.test", severity: .info),
        Scenario(code: "spf.too-many-lookups", check: .spf, target: "toomany.spf.test", severity: .fail),
        Scenario(code: "spf.too-many-void-lookups", check: .spf, target: "voids.spf.test", severity: .fail),
        Scenario(code: "spf.include-missing", check: .spf, target: "incmissing.spf.test", severity: .fail),
        Scenario(code: "spf.include-invalid", check: .spf, target: "incinvalid.spf.test", severity: .fail),
        Scenario(code: "spf.include-loop", check: .spf, target: "incloop.spf.test", severity: .fail),
        Scenario(code: "spf.include-dns-error", check: .spf, target: "incdnserr.spf.test", severity: .error),
        Scenario(code: "spf.redirect-missing", check: .spf, target: "redirmissing.spf.test", severity: .fail),
        Scenario(code: "spf.redirect-ignored", check: .spf, target: "redirignored.spf.test", severity: .info),
        Scenario(code: "spf.mx-too-many", check: .spf, target: "mxmany.spf.test", severity: .fail),
        Scenario(
            code: "spf.provider-include", check: .spf, target: "provider.spf.test", severity: .pass, provider: true),
        Scenario(
            code: "spf.provider-include-missing", check: .spf, target: "good.test", severity: .warn, provider: true),
        Scenario(code: "spf.result-pass", check: .spf, target: "good.test", severity: .pass, ip: "192.0.2.10"),
        Scenario(code: "spf.result-fail", check: .spf, target: "good.test", severity: .fail, ip: "203.0.113.5"),
        Scenario(
            code: "spf.result-softfail", check: .spf, target: "softfail.spf.test", severity: .warn, ip: "203.0.113.5"),
        Scenario(
            code: "spf.result-neutral", check: .spf, target: "neutral.spf.test", severity: .warn, ip: "203.0.113.5"),
        Scenario(code: "spf.result-none", check: .spf, target: "nospf.spf.test", severity: .fail, ip: "203.0.113.5"),
        Scenario(
            code: "spf.result-permerror", check: .spf, target: "syntax.spf.test", severity: .fail, ip: "203.0.113.5"),
        Scenario(
            code: "spf.result-temperror", check: .spf, target: "incdnserr.spf.test", severity: .error, ip: "203.0.113.5"
        ),
        // dmarc
        Scenario(code: "dmarc.policy-reject", check: .dmarc, target: "good.test", severity: .pass),
        Scenario(code: "dmarc.policy-none", check: .dmarc, target: "none.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.no-reports", check: .dmarc, target: "none.dmarc.test", severity: .info),
        Scenario(code: "dmarc.policy-quarantine", check: .dmarc, target: "quarantine.dmarc.test", severity: .pass),
        Scenario(code: "dmarc.pct-partial", check: .dmarc, target: "quarantine.dmarc.test", severity: .warn),
        Scenario(
            code: "dmarc.subdomain-policy-weaker", check: .dmarc, target: "quarantine.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.strict-alignment", check: .dmarc, target: "quarantine.dmarc.test", severity: .info),
        Scenario(code: "dmarc.missing", check: .dmarc, target: "nodmarc.dmarc.test", severity: .fail),
        Scenario(code: "dmarc.multiple-records", check: .dmarc, target: "multiple.dmarc.test", severity: .fail),
        Scenario(code: "dmarc.syntax-error", check: .dmarc, target: "syntax.dmarc.test", severity: .fail),
        Scenario(code: "dmarc.invalid-tag", check: .dmarc, target: "syntax.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.unknown-tag", check: .dmarc, target: "syntax.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.duplicate-tag", check: .dmarc, target: "syntax.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.missing-policy", check: .dmarc, target: "nopolicy.dmarc.test", severity: .fail),
        Scenario(code: "dmarc.external-authorized", check: .dmarc, target: "external.dmarc.test", severity: .pass),
        Scenario(code: "dmarc.external-unauthorized", check: .dmarc, target: "external.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.external-dns-error", check: .dmarc, target: "external.dmarc.test", severity: .error),
        Scenario(code: "dmarc.report-uri-invalid", check: .dmarc, target: "baduri.dmarc.test", severity: .warn),
        Scenario(code: "dmarc.inherited", check: .dmarc, target: "sub.good.test", severity: .info),
        Scenario(code: "dmarc.dns-error", check: .dmarc, target: "servfail.test", severity: .error),
        // dkim
        Scenario(code: "dkim.key-ok", check: .dkim, target: "dkim.test", severity: .pass),
        Scenario(code: "dkim.cname", check: .dkim, target: "dkim.test", severity: .info),
        Scenario(code: "dkim.weak-key", check: .dkim, target: "dkim.test", severity: .fail, selector: "weak"),
        Scenario(code: "dkim.short-key", check: .dkim, target: "dkim.test", severity: .warn, selector: "short"),
        Scenario(code: "dkim.revoked", check: .dkim, target: "dkim.test", severity: .fail, selector: "revoked"),
        Scenario(code: "dkim.testing", check: .dkim, target: "dkim.test", severity: .warn, selector: "testing"),
        Scenario(code: "dkim.key-invalid", check: .dkim, target: "dkim.test", severity: .fail, selector: "badb64"),
        Scenario(code: "dkim.unknown-key-type", check: .dkim, target: "dkim.test", severity: .fail, selector: "dsa"),
        Scenario(code: "dkim.syntax-error", check: .dkim, target: "dkim.test", severity: .fail, selector: "v2"),
        Scenario(code: "dkim.sha1-only", check: .dkim, target: "dkim.test", severity: .warn, selector: "sha1"),
        Scenario(code: "dkim.key-format", check: .dkim, target: "dkim.test", severity: .warn, selector: "pkcs1"),
        Scenario(code: "dkim.multiple-records", check: .dkim, target: "dkim.test", severity: .warn, selector: "twice"),
        Scenario(code: "dkim.key-missing", check: .dkim, target: "dkim.test", severity: .fail, selector: "nope"),
        Scenario(code: "dkim.no-selector", check: .dkim, target: "good.test", severity: .warn),
        Scenario(
            code: "dkim.provider-selector-missing", check: .dkim, target: "good.test", severity: .warn, provider: true),
        Scenario(
            code: "dkim.signature-domain", check: .dkim, target: "good.test", severity: .info,
            signature:
                "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n d=dkim.test; s=default;\n bh=abc=; b=def="),
        Scenario(
            code: "dkim.signature-unparsable", check: .dkim, target: "dkim.test", severity: .warn,
            signature: "DKIM-Signature: v=1; a=rsa-sha256; d=dkim.test; b=xyz"),
        Scenario(code: "dkim.dns-error", check: .dkim, target: "servfail.test", severity: .error),
        // dnsbl
        Scenario(code: "dnsbl.listed", check: .dnsbl, target: "192.0.2.2", severity: .fail),
        Scenario(code: "dnsbl.listed-policy", check: .dnsbl, target: "192.0.2.10", severity: .warn),
        Scenario(code: "dnsbl.not-listed", check: .dnsbl, target: "192.0.2.1", severity: .pass),
        Scenario(code: "dnsbl.query-refused", check: .dnsbl, target: "192.0.2.254", severity: .error),
        Scenario(
            code: "dnsbl.rewritten", check: .dnsbl, target: "192.0.2.1", severity: .error,
            dnsblZones: ["rewrite.dnsbl.test"]),
        Scenario(
            code: "dnsbl.dns-error", check: .dnsbl, target: "192.0.2.1", severity: .error,
            dnsblZones: ["bl.servfail.test"]),
        // A list without its test entry (here: one that does not exist) proves nothing by saying "not listed".
        Scenario(
            code: "dnsbl.unverified", check: .dnsbl, target: "192.0.2.1", severity: .error,
            dnsblZones: ["gone.dnsbl.test"]),
        Scenario(code: "dnsbl.private-address", check: .dnsbl, target: "10.1.2.3", severity: .info),
        Scenario(code: "dnsbl.no-address", check: .dnsbl, target: "good.test", severity: .error),
        // ptr
        Scenario(code: "ptr.fcrdns", check: .ptr, target: "192.0.2.25", severity: .pass),
        Scenario(code: "ptr.fcrdns-mismatch", check: .ptr, target: "192.0.2.30", severity: .fail),
        Scenario(code: "ptr.missing", check: .ptr, target: "192.0.2.40", severity: .fail),
        Scenario(code: "ptr.generic", check: .ptr, target: "192.0.2.50", severity: .warn),
        Scenario(code: "ptr.multiple", check: .ptr, target: "192.0.2.60", severity: .info),
        Scenario(code: "ptr.invalid-name", check: .ptr, target: "192.0.2.70", severity: .warn),
        Scenario(code: "ptr.dns-error", check: .ptr, target: "198.51.100.1", severity: .error),
        Scenario(code: "ptr.private-address", check: .ptr, target: "10.0.0.1", severity: .info),
        Scenario(code: "ptr.no-address", check: .ptr, target: "good.test", severity: .error),
        // mta-sts and tls-rpt
        Scenario(code: "mta-sts.record", check: .mtaSTS, target: "sts.test", severity: .pass),
        Scenario(code: "mta-sts.missing", check: .mtaSTS, target: "good.test", severity: .info),
        Scenario(code: "mta-sts.invalid", check: .mtaSTS, target: "bad.sts.test", severity: .fail),
        Scenario(code: "mta-sts.multiple-records", check: .mtaSTS, target: "multi.sts.test", severity: .fail),
        Scenario(code: "mta-sts.policy-host-missing", check: .mtaSTS, target: "nohost.sts.test", severity: .fail),
        Scenario(code: "mta-sts.dns-error", check: .mtaSTS, target: "servfail.test", severity: .error),
        Scenario(code: "tls-rpt.record", check: .tlsRPT, target: "sts.test", severity: .pass),
        Scenario(code: "tls-rpt.missing", check: .tlsRPT, target: "good.test", severity: .info),
        Scenario(code: "tls-rpt.invalid", check: .tlsRPT, target: "bad.sts.test", severity: .fail),
        Scenario(code: "tls-rpt.multiple-records", check: .tlsRPT, target: "multi.sts.test", severity: .fail),
        Scenario(code: "tls-rpt.dns-error", check: .tlsRPT, target: "servfail.test", severity: .error),
    ]

    /// Codes covered by in-memory tests elsewhere, because a real authoritative server cannot produce
    /// them (a zone without SOA or NS at its apex) or they need a deadline shorter than any DNS answer.
    static let coveredElsewhere: [String: String] = [
        "domain.no-soa": "DomainCheckTests.nsWithoutSOA (in-memory: Knot cannot serve a zone without an SOA)",
        "domain.no-ns": "DomainCheckTests.soaWithoutNS (in-memory: Knot refuses a zone without NS at the apex)",
        "check.deadline": "DNSCheckerTests.deadline (black-hole server and a short --timeout)",
    ]

    @Test(arguments: scenarios)
    func scenario(_ scenario: Scenario) async throws {
        let result = try await Fixture.check(scenario.check, scenario.target) { options in
            options.ip = scenario.ip
            options.dkimSelector = scenario.selector
            options.dkimSignature = scenario.signature
            options.provider = scenario.provider ? Fixture.provider : nil
            if let zones = scenario.dnsblZones { options.dnsblZones = zones }
            options.allowPrivate = scenario.allowPrivate
        }
        let finding = try #require(result.finding(scenario.code), "\(scenario.code) not produced; got \(result.codes)")
        #expect(finding.severity == scenario.severity)
        #expect(!finding.message.isEmpty)
        #expect(CheckStatus.overall(of: result.findings) == result.status)
    }

    @Test("every code in Sources/Checks has a scenario")
    func tableIsComplete() throws {
        let emitted = try FindingCoverageTests.codesInSources()
        let covered = Set(FindingCoverageTests.scenarios.map(\.code)).union(FindingCoverageTests.coveredElsewhere.keys)
        #expect(emitted.count > 100)
        #expect(emitted.subtracting(covered).sorted() == [], "codes without a scenario")
        #expect(covered.subtracting(emitted).sorted() == [], "scenarios for codes no source emits")
    }

    /// Codes written as literals in the sources, plus the generated families (spf.result-*, dmarc.<issue>).
    static func codesInSources() throws -> Set<String> {
        let sources = TestPaths.root.appendingPathComponent("Sources/Checks")
        let pattern = try NSRegularExpression(
            pattern: #""((?:domain|mx|spf|dmarc|dkim|dnsbl|ptr|mta-sts|tls-rpt|check)\.[a-z0-9-]+)""#)
        let kinds = try NSRegularExpression(pattern: #"kind: "([a-z-]+)""#)
        var codes: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                if let found = Range(match.range(at: 1), in: text) { codes.insert(String(text[found])) }
            }
            if file.lastPathComponent == "DMARCRecord.swift" {
                for match in kinds.matches(in: text, range: range) {
                    if let found = Range(match.range(at: 1), in: text) { codes.insert("dmarc." + text[found]) }
                }
            }
        }
        for result in SPFResult.allCases { codes.insert("spf.result-\(result.rawValue)") }
        return codes.filter { !$0.hasSuffix(".test") && !$0.hasSuffix(".swift") }
    }
}
