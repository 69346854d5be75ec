import ByteText
import Conversation
import Foundation
import Localization
import MailModel

/// Reads and writes protocol lines: inbound frames (gateway → server) and outbound frames
/// (server → gateway), each one JSON object followed by a newline.
///
/// The server-side paths (`decodeInbound`, `encode(_: OutboundFrame)`) are hand-written for speed;
/// the client-side ones are symmetric so that `decode(encode(frame)) == frame` holds both ways.
public enum FrameCodec {
    /// The protocol version this codec speaks.
    public static let protocolVersion = 1

    // MARK: Inbound

    /// Decodes one inbound line (without its newline; a trailing CR is allowed).
    public static func decodeInbound(_ line: some Collection<UInt8>) -> Result<InboundFrame, FrameError> {
        if let result = line.withContiguousStorageIfAvailable({ decodeInbound(buffer: ByteView($0)) }) {
            return result
        }
        return Array(line).withByteView { decodeInbound(buffer: $0) }
    }

    private static func decodeInbound(buffer: ByteView) -> Result<InboundFrame, FrameError> {
        switch ByteCheck.firstProblem(in: buffer) {
        case .nul(let offset)?:
            return .failure(FrameError(.invalidJSON, "the line contains a NUL byte at byte \(offset)"))
        case .invalidUTF8(let offset)?:
            return .failure(FrameError(.invalidUTF8, "the line is not valid UTF-8 at byte \(offset)"))
        case nil: break
        }
        let document: JSONScanner.Document
        do {
            document = try JSONScanner.parse(buffer)
        } catch {
            return .failure(FrameError(.invalidJSON, "the line is not valid JSON: \(error.message)"))
        }
        guard case .object(let members) = document else {
            if case .notObject(let kind) = document {
                return .failure(FrameError(.badType, "a line must be a JSON object, not \(article(kind)) \(kind)"))
            }
            return .failure(FrameError(.badType, "a line must be a JSON object"))
        }
        return frame(from: members)
    }

    private static let knownFields: Set<String> = ["type", "session", "id", "text", "lang"]

    private static func frame(from members: [(key: String, value: JSONScanner.Value)]) -> Result<
        InboundFrame, FrameError
    > {
        var fields: [String: JSONScanner.Value] = [:]
        for (key, value) in members where knownFields.contains(key) {
            guard fields.updateValue(value, forKey: key) == nil else {
                return .failure(FrameError(.invalidJSON, "the field \"\(key)\" appears twice"))
            }
        }
        // What can be read of session and id goes into any error frame.
        let session: String? = if case .string(let value)? = fields["session"] { value } else { nil }
        let id: String? = if case .string(let value)? = fields["id"] { value } else { nil }
        func fail(_ code: ErrorCode, _ message: String) -> Result<InboundFrame, FrameError> {
            .failure(FrameError(code, message, session: session, inReplyTo: id))
        }
        func required(_ name: String) -> Result<String, FrameError> {
            switch fields[name] {
            case .string(let value)?: .success(value)
            case .other(let kind)?:
                .failure(
                    FrameError(
                        .badType, "the field \"\(name)\" must be a string, not \(article(kind)) \(kind)",
                        session: session, inReplyTo: id))
            case nil:
                .failure(FrameError(.missingField, "the field \"\(name)\" is missing", session: session, inReplyTo: id))
            }
        }
        let type: String
        switch fields["type"] {
        case .string(let value)?: type = value
        case .other(let kind)?:
            return fail(.badType, "the field \"type\" must be a string, not \(article(kind)) \(kind)")
        case nil: type = "message"
        }
        do throws(FrameError) {
            switch type {
            case "message":
                let session = try required("session").get()
                let id = try required("id").get()
                let text = try required("text").get()
                var lang: Language?
                switch fields["lang"] {
                case nil: break
                case .string(let code)?:
                    guard let known = Language(code: code) else {
                        let shown = code.count > 20 ? String(code.prefix(20)) + "…" : code
                        return fail(.badType, "unknown lang \"\(shown)\"; expected en, fr, de, es, it or pt")
                    }
                    lang = known
                case .other(let kind)?:
                    return fail(.badType, "the field \"lang\" must be a string, not \(article(kind)) \(kind)")
                }
                return .success(.message(session: session, id: id, text: text, lang: lang))
            case "reset":
                return .success(.reset(session: try required("session").get()))
            case "ping":
                return .success(.ping(id: try required("id").get()))
            default:
                let shown = type.count > 40 ? String(type.prefix(40)) + "…" : type
                return fail(.badType, "unknown type \"\(shown)\"; expected message, reset or ping")
            }
        } catch {
            return .failure(error)
        }
    }

    private static func article(_ kind: String) -> String {
        kind == "object" || kind == "array" ? "an" : "a"
    }

    /// Encodes an inbound frame as one line (with its newline), as a gateway would send it.
    public static func encode(_ frame: InboundFrame) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        switch frame {
        case .message(let session, let id, let text, _):
            writer.openFrame("message", ["session": session, "id": id, "text": text])
        case .reset(let session):
            writer.openFrame("reset", ["session": session])
        case .ping(let id):
            writer.openFrame("ping", ["id": id])
        }
        writer.raw("}\n")
        return writer.bytes
    }

    // MARK: Outbound

    /// Encodes an outbound frame as one line of compact JSON with its newline.
    public static func encode(_ frame: OutboundFrame) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        switch frame {
        case .reply(let reply): encode(reply, into: &writer)
        case .progress(let progress):
            writer.openFrame(
                "progress",
                [
                    "session": progress.session, "in_reply_to": progress.inReplyTo, "text": progress.text,
                    "check": progress.check,
                ])
            writer.raw("}")
        case .error(let error):
            writer.openFrame(
                "error",
                [
                    "session": error.session, "in_reply_to": error.inReplyTo, "code": error.code.rawValue,
                    "message": error.message,
                ])
            writer.raw("}")
        case .pong(let pong):
            writer.openFrame("pong", ["in_reply_to": pong.inReplyTo])
            writer.raw(",\"version\":")
            writer.number(pong.version)
            writer.raw("}")
        }
        writer.raw("\n")
        return writer.bytes
    }

    private static func encode(_ reply: ReplyFrame, into writer: inout JSONWriter) {
        writer.openFrame(
            "reply",
            [
                "session": reply.session, "in_reply_to": reply.inReplyTo, "text": reply.text, "intent": reply.intent,
                "direction": reply.direction, "lang": reply.lang, "question": reply.question,
            ])
        writer.raw(",\"articles\":[")
        for (index, article) in reply.articles.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{\"id\":")
            writer.string(article.id)
            writer.raw(",\"title\":")
            writer.string(article.title)
            writer.raw(",\"score\":")
            writer.number(article.score)
            writer.raw("}")
        }
        writer.raw("],\"checks\":")
        if reply.checks.isEmpty {
            writer.raw("[]")
        } else {
            writer.value((try? JSONValueEncoder.encode(reply.checks)) ?? .null)
        }
        writer.raw(",\"bounce\":")
        writer.value(reply.bounce ?? .null)
        writer.raw(",\"suggestions\":")
        writer.strings(reply.suggestions)
        writer.raw("}")
    }

    /// Decodes one outbound line, as a gateway would read it.
    public static func decodeOutbound(_ line: some Collection<UInt8>) throws -> OutboundFrame {
        let data = Data(line)
        let decoder = JSONDecoder()
        switch try decoder.decode(FrameEnvelope.self, from: data).type {
        case "reply": return .reply(try decoder.decode(ReplyFrame.self, from: data))
        case "progress": return .progress(try decoder.decode(ProgressFrame.self, from: data))
        case "error": return .error(try decoder.decode(ErrorFrame.self, from: data))
        case "pong": return .pong(try decoder.decode(PongFrame.self, from: data))
        case let other:
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "unknown frame type \(other)"))
        }
    }
}

/// Just the `type` of an outbound line.
private struct FrameEnvelope: Decodable {
    var type: String
}

extension JSONWriter {
    /// Starts a frame: `{"type":"<type>"`, then `,"<key>":<value>` for each member, a JSON string or `null`.
    /// The caller writes any further members and the closing `}`.
    fileprivate mutating func openFrame(_ type: StaticString, _ members: KeyValuePairs<StaticString, String?>) {
        raw("{\"type\":\"")
        raw(type)
        raw("\"")
        for (key, value) in members {
            raw(",")
            self.key(key)
            string(value)
        }
    }
}
