import Conversation
import Foundation
import Knowledge

/// The real engine over the repository's knowledge base.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let engine: ConversationEngine = {
        do {
            let base = try KnowledgeBase.load(directory: root.appendingPathComponent("KnowledgeBase"))
            return ConversationEngine(knowledge: KnowledgeService(base: base, providerName: "ovhcloud"))
        } catch {
            fatalError("cannot load KnowledgeBase/: \(error)")
        }
    }()
}
