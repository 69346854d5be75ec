// swift-tools-version: 6.1
import PackageDescription

// libFuzzer harness for the bounce reader (`Bounces` from the root package). Build and run with scripts/fuzz.sh.
let package = Package(
    name: "MailDoctorFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "MailDoctor", path: "..")],
    targets: [
        .executableTarget(
            name: "BounceFuzz",
            dependencies: [.product(name: "Bounces", package: "MailDoctor")],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                // The entry point is libFuzzer's driver (see main.swift), so the file holds no top-level code.
                .unsafeFlags(["-parse-as-library"]),
            ]
        )
    ]
)
