import Conversation
import Foundation
import Knowledge

/// The repository's `KnowledgeBase/` folder loaded once for every test (not the embedded copy, so that
/// a test sees an edit without a rebuild of EmbeddedKnowledge), and the engine over it.
package enum KnowledgeFixture {
    /// The knowledge base, parsed.
    package static let base: KnowledgeBase = {
        do {
            return try KnowledgeBase.load(directory: TestPaths.knowledgeBase)
        } catch {
            fatalError("cannot load KnowledgeBase/: \(error)")
        }
    }()

    /// Its search index.
    package static let index = SearchIndex(base: base)

    /// The knowledge service over it, for the provider the transcripts assume (ovhcloud).
    package static let service = KnowledgeService(base: base, providerName: "ovhcloud")

    /// A conversation engine over ``service``, without live checks.
    package static let engine = ConversationEngine(knowledge: service)

    /// The replies `engine` gives to `messages`, one after the other in one session that starts as `start`.
    package static func replies(
        to messages: [String], engine: ConversationEngine = engine, from start: Session = Session(id: "t")
    ) async -> [Reply] {
        var session = start
        var replies: [Reply] = []
        for message in messages {
            let reply: Reply
            (session, reply) = await engine.respond(to: message, in: session)
            replies.append(reply)
        }
        return replies
    }
}
