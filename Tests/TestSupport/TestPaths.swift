import Foundation

/// Where the repository, its scripts and the shared reference material are, found from this file's real
/// location (symlinks resolved, so a development package that links these sources still points into the
/// repository), and private temporary folders.
package enum TestPaths {
    /// The repository root: three levels above Tests/TestSupport/TestPaths.swift.
    package static let root: URL = {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// The repository's `KnowledgeBase/` folder.
    package static let knowledgeBase = root.appendingPathComponent("KnowledgeBase")

    /// The shared, read-only reference material (corpora, conformance suites): `MAILDOCTOR_SHARED`, else
    /// `<repo>/../shared`.
    package static let shared: URL = {
        if let value = ProcessInfo.processInfo.environment["MAILDOCTOR_SHARED"], !value.isEmpty {
            return URL(fileURLWithPath: value)
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A new, empty folder under the system's temporary directory, named `prefix-UUID`; the caller
    /// removes it.
    package static func temporaryDirectory(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
