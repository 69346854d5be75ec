import Foundation
import Knowledge

/// The repository's `KnowledgeBase/` folder, loaded once for all tests.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let base: KnowledgeBase = {
        do {
            return try KnowledgeBase.load(directory: root.appendingPathComponent("KnowledgeBase"))
        } catch {
            fatalError("cannot load KnowledgeBase/: \(error)")
        }
    }()
    static let index = SearchIndex(base: base)
}
