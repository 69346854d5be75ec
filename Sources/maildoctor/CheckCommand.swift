import ArgumentParser
import Checks
import Conversation
import Foundation
import Knowledge
import Shell

/// `maildoctor check`: live DNS checks on a domain, an address or an IP.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run live checks on a domain, an email address (its domain) or an IP address.",
        discussion: """
            A domain or address gets: domain, mx, spf, dmarc, dkim, mta-sts, tls-rpt.
            An IP address gets: dnsbl, ptr.

            Examples:
              maildoctor check example.com
              maildoctor check --only mx,spf,dmarc --json example.com
              maildoctor check --ip 192.0.2.10 example.com      SPF verdict for a sending IP
              maildoctor check --dkim-selector s1 example.com
              maildoctor check 192.0.2.10                       blocklists and reverse DNS
            """)

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Only these checks, comma-separated.", valueName: "ids"))
    var only: String?

    @Option(help: ArgumentHelp("A sending IP: adds an SPF verdict for it.", valueName: "ip"))
    var ip: String?

    @Option(help: ArgumentHelp("DKIM selector to look up.", valueName: "selector"))
    var dkimSelector: String?

    @Argument(help: "Domain, email address or IP address.")
    var target: String

    @OptionGroup var global: GlobalOptions

    mutating func run() async throws {
        let settings = try global.settings()
        let checkTarget: CheckTarget
        var options = CheckOptions(
            timeout: .milliseconds(Int(settings.timeout * 1000)), allowPrivate: settings.allowPrivate)
        do {
            checkTarget = try CheckTarget.parse(target)
            if let only {
                let ids = try CheckID.parseList(only)
                let probes = ids.filter { [.smtp, .submission, .imap, .pop3].contains($0) }
                if !probes.isEmpty {
                    throw ValidationError(
                        "the network probes (\(probes.map(\.rawValue).sorted().joined(separator: ", "))) are not available yet; the DNS checks are"
                    )
                }
                options.only = ids
            }
            if let ip { options.ip = try CheckTarget.parseIP(ip).description }
            if let zones = settings.dnsblZones {
                options.dnsblZones = try CheckOptions.parseDNSBLZones(zones.joined(separator: ","))
            }
        } catch let error as TargetError {
            throw ValidationError(error.message)
        }
        options.dkimSelector = dkimSelector
        options.provider = try settings.providerExpectations()
        let resolver: CAresResolver
        do {
            let perQuery = max(200, Int(settings.timeout * 1000) / 3)
            resolver = try CAresResolver(server: settings.resolver, timeoutMS: perQuery, tries: 2)
        } catch {
            throw ValidationError("cannot set up DNS: \(error)")
        }
        if Terminal.outputIsTerminal, !json {
            FileHandle.standardError.write(Data("Checking \(target)…\n".utf8))
        }
        let report = await DNSChecker(resolver: CachingResolver(resolver), options: options).report(checkTarget)
        print(json ? CheckRendering.json(report) : CheckRendering.text(report))
    }
}

extension Settings {
    /// What the configured provider profile expects of a domain; nil for `--provider none`.
    func providerExpectations() throws -> ProviderExpectations? {
        guard provider != "none" else { return nil }
        let profile = try knowledge().provider
        guard profile.id != "generic" else { return nil }
        return ProviderExpectations(
            name: profile.name, mxHosts: profile.mxHosts, spfInclude: profile.spfInclude,
            dkimSelectors: profile.dkimSelectors)
    }
}
