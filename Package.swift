// swift-tools-version: 6.1
import PackageDescription

/// Strictness applied to every target from this one place.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The network and TLS stack the probes are built on (and the test fixtures that speak to them).
let networkStack: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
    .product(name: "X509", package: "swift-certificates"),
    .product(name: "SwiftASN1", package: "swift-asn1"),
    .product(name: "Crypto", package: "swift-crypto"),
]

var targets: [Target] = [
    // C system libraries. No pkgConfig: it only adds the system's own folders, and its -L would come
    // before scripts/static-libs, which the release build uses to link these statically.
    .systemLibrary(name: "CEditLine", providers: [.apt(["libedit-dev"])]),

    .systemLibrary(name: "CAres", providers: [.apt(["libc-ares-dev"])]),
    .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),

    // The thin Swift wrappers of the C libraries (libstemmer, libedit, c-ares' callbacks) and of POSIX
    // threads: with ByteText, the only Swift module with unsafe pointer code.
    .target(name: "CShims", dependencies: ["CEditLine", "CStemmer", "CAres"]),

    // Leaves.
    // The one home of byte-level text work (ASCII, search, tokeniser, UTF-8, JSON writing, SMTP codes);
    // the only Swift module with unsafe pointer code besides the C wrappers.
    .target(name: "ByteText"),
    // The one neutralising layer for shown text: below every module that prints, quotes or serialises
    // untrusted text (Bounces, Checks, Probes, Conversation, LineProtocol, Shell, the CLI).
    .target(name: "Sanitizer", dependencies: ["ByteText"]),
    // The distilled MiniLM token table (`make distill`), assembled into the binary by `.incbin`.
    .target(name: "CSemanticTable", exclude: ["data"], cSettings: [.headerSearchPath("data")]),
    // User-facing texts kept with their arguments, and their translations (`tr`, `L`).
    .target(name: "Localization"),
    .target(
        name: "Knowledge",
        dependencies: [
            "ByteText", "CShims", "Localization", "CSemanticTable", .product(name: "Yams", package: "Yams"),
        ]),
    // The knowledge base compiled into the binary: its files, and the knowledge base parsed and indexed
    // at build time by KBEmbedder (which links Knowledge, hence a target of its own).
    .target(name: "EmbeddedKnowledge", dependencies: ["ByteText", "Knowledge"], plugins: ["EmbedKnowledgeBase"]),

    .target(name: "Bounces", dependencies: ["ByteText", "Sanitizer", "Localization"]),
    // The shared vocabulary: check ids, results, findings and their codes, statuses, JSON values, IP addresses,
    // domain names, Punycode, target errors and the DNS resolver protocol with the values it speaks.
    .target(name: "MailModel", dependencies: ["ByteText", "Sanitizer", "Localization"]),
    // The resolvers: c-ares (the live one), the in-memory one for tests and scripted sessions, and the
    // caching and budget wrappers.
    .target(name: "DNSResolver", dependencies: ["MailModel", "CShims", "CAres"]),
    // The DNS checks (domain, MX, SPF, DMARC, DKIM, MTA-STS, TLS-RPT, DNSBL, PTR). The Public Suffix List's
    // embedded copy (DMARC/public_suffix_list.dat) is compiled in by EmbedPublicSuffixList.
    .target(
        name: "Checks", dependencies: ["ByteText", "MailModel", "DNSResolver", "Sanitizer", "Localization"],
        exclude: ["DMARC/public_suffix_list.dat", "DMARC/public_suffix_list.LICENSE"],
        plugins: ["EmbedPublicSuffixList"]),

    // The engine and its front ends.
    .target(
        name: "Conversation",
        dependencies: [
            "ByteText", "Knowledge", "Bounces", "MailModel", "DNSResolver", "Checks", "Sanitizer", "Localization",
        ]),
    .target(name: "Shell", dependencies: ["ByteText", "CShims", "Conversation", "Sanitizer", "Localization"]),
    .target(
        name: "LineProtocol",
        dependencies: ["ByteText", "Conversation", "MailModel", "Knowledge", "Bounces", "Sanitizer", "Localization"]),
    .target(
        name: "Probes",
        dependencies: [
            "MailModel", "Sanitizer", "Localization", .product(name: "NIOTLS", package: "swift-nio"),
        ] + networkStack
    ),
    // Builds the engine from settings (provider, resolver, check options, probes and their limits): the one
    // wiring that `maildoctor`, the transcript runner and the benchmarks share.
    .target(
        name: "EngineWiring",
        dependencies: [
            "Conversation", "MailModel", "DNSResolver", "Checks", "Probes", "Knowledge",
        ]),
    // `maildoctor mcp`: the engine, checks and probes as Model Context Protocol tools.
    .target(
        name: "MCPServer",
        dependencies: [
            "ByteText", "Conversation", "Knowledge", "Bounces", "MailModel", "DNSResolver", "Checks", "Probes",
            "Sanitizer",
            .product(name: "MCP", package: "swift-sdk"),
        ]
    ),
    .target(
        name: "TranscriptTesting",
        dependencies: ["Conversation", "Knowledge", "EngineWiring", "MailModel", "Localization"]),
    .executableTarget(
        name: "maildoctor",
        dependencies: [
            "ByteText", "CShims", "Conversation", "Shell", "TranscriptTesting", "Knowledge", "EmbeddedKnowledge",
            "Bounces", "MailModel", "DNSResolver", "Checks", "LineProtocol", "Probes", "EngineWiring", "MCPServer",
            "Sanitizer", "Localization",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        exclude: ["exports.map"],
        // The static Swift runtime links executables with --export-dynamic, which puts ~29,000 of our
        // symbols in the dynamic symbol table; nothing looks them up, and at every start the loader and
        // the runtime's dladdr() walk them (bench/coldstart.sh shows the cost). The map keeps them local.
        linkerSettings: [
            .unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/maildoctor/exports.map"])
        ]
    ),

    // Benchmarks for `make bench`.
    .executableTarget(
        name: "MailDoctorBench",
        dependencies: [
            "ByteText", "Knowledge", "EmbeddedKnowledge", "Bounces", "Conversation", "EngineWiring", "Localization",
        ]),

    // Build-time tool: turns KnowledgeBase/ into Swift source so the binary carries it, parsed and indexed.
    .executableTarget(name: "KBEmbedder", dependencies: ["Knowledge"]),
    .plugin(name: "EmbedKnowledgeBase", capability: .buildTool(), dependencies: ["KBEmbedder"]),
    // Build-time tool: turns the Public Suffix List file into Swift source, the fallback when the system has none.
    .executableTarget(name: "PSLEmbedder"),
    .plugin(name: "EmbedPublicSuffixList", capability: .buildTool(), dependencies: ["PSLEmbedder"]),

    // Tests.
    // What the test targets share: paths, running the binary, the knowledge base, the live Knot and
    // Postfix/Dovecot fixtures that scripts/with-fixtures.sh starts, scripted peers, a manual clock.
    .target(
        name: "TestSupport",
        dependencies: [
            "MailModel", "DNSResolver", "Checks", "Conversation", "Knowledge",
        ] + networkStack,
        path: "Tests/TestSupport"),
    .testTarget(
        name: "KnowledgeTests",
        dependencies: ["ByteText", "Knowledge", "EmbeddedKnowledge", "Localization", "TestSupport"],
        exclude: ["Fixtures"]),

    .testTarget(
        name: "BouncesTests", dependencies: ["Bounces", "ByteText", "Sanitizer", "Localization", "TestSupport"]),
    .testTarget(
        name: "ChecksTests",
        dependencies: [
            "Checks", "MailModel", "DNSResolver", "Sanitizer", "Localization", "TestSupport",
            .product(name: "Yams", package: "Yams"),
        ],
        exclude: ["Fixtures"]),
    .testTarget(
        name: "ConversationTests",
        dependencies: [
            "Conversation", "EmbeddedKnowledge", "TranscriptTesting", "Sanitizer", "Localization", "Knowledge",
            "TestSupport",
            "MailModel", "DNSResolver", "Checks",
        ]),
    .testTarget(name: "ShellTests", dependencies: ["Shell"]),
    .testTarget(
        name: "LineProtocolTests",
        dependencies: [
            "ByteText", "LineProtocol", "Conversation", "Checks", "MailModel", "DNSResolver", "Bounces", "Sanitizer",
            "Localization", "TestSupport",
        ]),
    .testTarget(
        name: "ProbesTests",
        dependencies: [
            "Probes", "MailModel", "DNSResolver", "Localization", "TestSupport",
        ] + networkStack
    ),
    .testTarget(
        name: "MCPServerTests",
        dependencies: [
            "MCPServer", "Conversation", "Checks", "MailModel", "DNSResolver", "Knowledge", "EmbeddedKnowledge",
            "Probes",
            "Localization",
            .product(name: "MCP", package: "swift-sdk"),
        ]
    ),
    .testTarget(name: "TranscriptTestingTests", dependencies: ["TranscriptTesting", "TestSupport"]),
    .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
    .testTarget(name: "ByteTextTests", dependencies: ["ByteText"]),
    .testTarget(
        name: "EngineWiringTests",
        dependencies: ["EngineWiring", "Conversation", "Checks", "MailModel", "Knowledge", "Probes"]),
    .testTarget(name: "EndToEndTests", dependencies: ["TranscriptTesting", "Sanitizer", "TestSupport"]),
]

for index in targets.indices where targets[index].type != .system && targets[index].type != .plugin {
    targets[index].swiftSettings = (targets[index].swiftSettings ?? []) + strictSettings
}

let package = Package(
    name: "MailDoctor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "maildoctor", targets: ["maildoctor"]),
        // For the fuzz harnesses in Fuzz/ (a separate package, which can only use products).
        .library(name: "Bounces", targets: ["Bounces"]),
        .library(name: "ByteText", targets: ["ByteText"]),
        .library(name: "MailModel", targets: ["MailModel"]),
        .library(name: "DNSResolver", targets: ["DNSResolver"]),
        .library(name: "Checks", targets: ["Checks"]),
        .library(name: "LineProtocol", targets: ["LineProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: targets
)
