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
        let folder = root.appendingPathComponent("Transcripts").path
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return names.filter { $0.hasSuffix(".transcript") }.sorted()
    }()
}
