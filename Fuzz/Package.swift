// swift-tools-version: 6.1
import PackageDescription

// libFuzzer harnesses for the parsers that read untrusted bytes, one executable per target:
// BounceFuzz (the bounce reader, `Bounces`), JSONLineFuzz (the `serve` line decoder, `LineProtocol`),
// SPFFuzz (the SPF parser, `Checks`), DNSAnswerFuzz (the DNS answer decoder, `DNSResolver`) and ByteTextFuzz
// (the byte-level text helpers, `ByteText`, against plain Swift implementations).
// Build and run with scripts/fuzz.sh; the harnesses reach internal parsers through `@testable import`,
// so the fuzz build passes -enable-testing.
let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
// The entry point is libFuzzer's driver (see FuzzDriver), so the harness files hold no top-level code.
let harnessSettings = settings + [.unsafeFlags(["-parse-as-library"])]
// Every module is compiled with AddressSanitizer and libFuzzer's coverage (scripts/fuzz.sh); only the
// harnesses link libFuzzer itself, whose `main` would break the build-time tool KBEmbedder.
let harnessLinking: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

// Each harness and the products of the main package it reads.
let harnesses: [(name: String, products: [String])] = [
    ("BounceFuzz", ["Bounces"]),
    ("JSONLineFuzz", ["LineProtocol"]),
    ("SPFFuzz", ["Checks", "MailModel"]),
    ("DNSAnswerFuzz", ["DNSResolver", "MailModel"]),
    ("ByteTextFuzz", ["ByteText"]),
]

let package = Package(
    name: "MailDoctorFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "MailDoctor", path: "..")],
    targets: [.target(name: "FuzzDriver", swiftSettings: settings)]
        + harnesses.map { name, products in
            .executableTarget(
                name: name,
                dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: "MailDoctor") },
                swiftSettings: harnessSettings,
                linkerSettings: harnessLinking
            )
        }
)
