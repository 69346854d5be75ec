import Foundation

/// Where the repository, its fixtures and the shared reference material are, found from this file's
/// real location (symlinks resolved, so a development package that links these sources still points
/// into the repository).
enum TestPaths {
    /// The repository root: three levels above Tests/ChecksTests/Support/TestPaths.swift.
    static let root: URL = {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    /// Tests/ChecksTests/Fixtures.
    static let fixtures = root.appendingPathComponent("Tests/ChecksTests/Fixtures")

    /// The shared, read-only reference material: `MAILDOCTOR_SHARED`, else `<repo>/../shared`.
    static let shared: URL = {
        if let value = ProcessInfo.processInfo.environment["MAILDOCTOR_SHARED"], !value.isEmpty {
            return URL(fileURLWithPath: value)
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// scripts/knot-fixture.sh.
    static let knotScript = root.appendingPathComponent("scripts/knot-fixture.sh")
}
