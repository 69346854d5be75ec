import Conversation
import Foundation
import Knowledge

enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let knowledge: KnowledgeService = {
        do {
            let base = try KnowledgeBase.load(directory: root.appendingPathComponent("KnowledgeBase"))
            return KnowledgeService(base: base, providerName: "ovhcloud")
        } catch {
            fatalError("cannot load KnowledgeBase/: \(error)")
        }
    }()
    static let engine = ConversationEngine(knowledge: knowledge)
    static let transcriptFiles: [String] = {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Transcripts").path))
            ?? []
        return names.filter { $0.hasSuffix(".transcript") }.sorted()
    }()
}
