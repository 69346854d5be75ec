import Foundation
import MailModel
import Testing

@testable import Checks

/// The two sources of the Public Suffix List: the system's file and the copy compiled into the binary.
@Suite("PublicSuffixSources")
struct PublicSuffixSourcesTests {
    /// Whether Debian's `publicsuffix` package is installed (`make deps-test` installs it).
    static let systemListPresent = FileManager.default.isReadableFile(atPath: PublicSuffixList.systemPath)

    /// The rule lines of a list text, comments and blank lines left out.
    static func ruleLines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("//") }
    }

    /// Names that exercise a rule: under it, the suffix itself, and for wildcards and exceptions the names
    /// either side of them.
    static func names(for rule: String) -> [String] {
        if rule.hasPrefix("!") {
            let name = String(rule.dropFirst())
            return [name, "mail." + name]
        }
        if rule.hasPrefix("*.") {
            let parent = String(rule.dropFirst(2))
            return [parent, "anything." + parent, "mail.example.anything." + parent]
        }
        return [rule, "mail.example." + rule]
    }

    /// Hand-picked names: wildcard and exception rules, internationalised names in both forms, several
    /// levels of suffix, unknown TLDs, names that are suffixes themselves.
    static let chosen = [
        "www.ck", "a.www.ck", "x.y.ck", "ck", "city.kawasaki.jp", "a.city.kawasaki.jp", "b.a.kawasaki.jp",
        "a.b.c.example.co.uk", "co.uk", "example.co.uk", "foo.s3.amazonaws.com", "x.github.io", "github.io",
        "a.b.kobe.jp", "mail.example.pvt.k12.ma.us", "www.bücher.de", "www.xn--bcher-kva.de",
        "shop.xn--55qx5d.cn", "a.b.xn--55qx5d.cn", "shop.公司.cn", "www.example.xn--p1ai", "пример.рф",
        "www.example.com", "com", "x.unknowntld", "a.b.c.d.e.f.example.org", "Mail.Example.COM.",
        "foo.bar.platform.sh", "a.b.compute.amazonaws.com", "x.blogspot.co.uk", "x.y.z.nom.br",
    ]

    /// Every 40th rule present in both lists, and the hand-picked names.
    static func sample(systemText: String) -> [String] {
        let embedded = ruleLines(PublicSuffixList.embeddedRules)
        let system = Set(ruleLines(systemText))
        let shared = embedded.filter { system.contains($0) }
        var rules = stride(from: 0, to: shared.count, by: 40).map { shared[$0] }
        rules += shared.filter { $0.hasPrefix("!") || $0.hasPrefix("*.") }.prefix(30)
        let names = rules.flatMap(names(for:)) + chosen
        return names.map { Punycode.toASCII($0) ?? $0 }
    }

    @Test(
        "the system's list and the embedded copy give the same organisational domains",
        .enabled(if: systemListPresent))
    func sameAnswers() throws {
        let text = try String(contentsOfFile: PublicSuffixList.systemPath, encoding: .utf8)
        let system = PublicSuffixList.load(path: PublicSuffixList.systemPath)
        #expect(system.source == .file(PublicSuffixList.systemPath))
        let embedded = PublicSuffixList.embedded
        let names = Self.sample(systemText: text)
        #expect(names.count >= 200)
        #expect(names.contains { $0.hasPrefix("xn--") || $0.contains(".xn--") })
        for name in names {
            #expect(system.organizationalDomain(of: name) == embedded.organizationalDomain(of: name), "\(name)")
            #expect(system.publicSuffix(of: name) == embedded.publicSuffix(of: name), "\(name)")
        }
    }

    @Test("the embedded copy knows wildcard, exception, internationalised and multi-level rules")
    func embeddedRules() {
        let list = PublicSuffixList.embedded
        #expect(list.source == .embedded)
        #expect(list.count > 9000)
        #expect(list.organizationalDomain(of: "a.b.c.ck") == "b.c.ck")
        #expect(list.organizationalDomain(of: "a.www.ck") == "www.ck")
        #expect(list.organizationalDomain(of: "a.city.kawasaki.jp") == "city.kawasaki.jp")
        #expect(list.organizationalDomain(of: "shop.xn--55qx5d.cn") == "shop.xn--55qx5d.cn")
        #expect(list.organizationalDomain(of: "mail.example.pvt.k12.ma.us") == "example.pvt.k12.ma.us")
    }

    @Test("a missing list file falls back on the embedded copy")
    func missingFile() {
        #expect(PublicSuffixList.load(path: "/nonexistent/public_suffix_list.dat").source == .embedded)
    }

    @Test("an unreadable, non-UTF-8 or empty list file falls back on the embedded copy")
    func unreadableFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("psl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A directory cannot be read as a file.
        #expect(PublicSuffixList.load(path: folder.path).source == .embedded)
        let invalid = folder.appendingPathComponent("invalid.dat")
        try Data([0x63, 0x6F, 0x6D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: invalid)
        #expect(PublicSuffixList.load(path: invalid.path).source == .embedded)
        let comments = folder.appendingPathComponent("comments.dat")
        try Data("// nothing but comments\n\n".utf8).write(to: comments)
        #expect(PublicSuffixList.load(path: comments.path).source == .embedded)
        let empty = folder.appendingPathComponent("empty.dat")
        try Data().write(to: empty)
        #expect(PublicSuffixList.load(path: empty.path).source == .embedded)
        let embedded = PublicSuffixList.load(path: empty.path)
        #expect(embedded.organizationalDomain(of: "a.b.example.co.uk") == "example.co.uk")
    }

    @Test("a readable list file is used as it is")
    func readableFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("psl-\(UUID().uuidString).dat")
        try Data("// a tiny list\nck\n*.ck\n!www.ck\nCOM\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let list = PublicSuffixList.load(path: file.path)
        #expect(list.source == .file(file.path))
        #expect(list.count == 4)
        #expect(list.organizationalDomain(of: "a.b.ck") == "a.b.ck")
        #expect(list.organizationalDomain(of: "mail.example.com") == "example.com")
        // Not in this list, so `uk` is the suffix.
        #expect(list.organizationalDomain(of: "mail.example.co.uk") == "co.uk")
    }
}
