import Conversation
import Foundation
import Knowledge
import MCP
import Testing

@testable import MCPServer

/// The screen in front of the MCP library, the resources and the prompts.
@Suite("MCP protocol parts")
struct ProtocolPartsTests {
    /// The error a line gets, or nil when it passes.
    private func error(_ line: String) throws -> (id: Value?, code: Int)? {
        guard case .reject(let text) = RequestScreen.screen(Data(line.utf8)) else { return nil }
        let response = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        let object = try #require(response.objectValue)
        #expect(object["jsonrpc"] == "2.0")
        let code = try #require(object["error"]?.objectValue?["code"]?.intValue)
        #expect(object["error"]?.objectValue?["message"]?.stringValue?.isEmpty == false)
        return (object["id"], code)
    }

    @Test("malformed lines get the JSON-RPC error they call for")
    func malformed() throws {
        let cases: [(String, Value?, Int)] = [
            ("{", nil, -32700),
            ("not json at all", nil, -32700),
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"", nil, -32700),
            ("[]", nil, -32600),
            ("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", nil, -32600),
            ("42", nil, -32600),
            ("\"tools/list\"", nil, -32600),
            ("null", nil, -32600),
            ("{\"id\":1,\"method\":\"ping\"}", 1, -32600),
            ("{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}", "a", -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":2}", 2, -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":7}", 3, -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"\"}", 4, -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", nil, -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", nil, -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", nil, -32600),
            ("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":[1,2]}", 5, -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{}}", 6, -32602),
            ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":1}}", 7, -32602),
            (
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"diagnose\",\"arguments\":\"x\"}}",
                8, -32602
            ),
            ("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"resources/read\",\"params\":{}}", 9, -32602),
            (
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"prompts/get\",\"params\":{\"name\":\"x\",\"arguments\":{\"a\":1}}}",
                10, -32602
            ),
        ]
        for (line, id, code) in cases {
            let result = try error(line)
            #expect(result?.code == code, "\(line)")
            #expect(result?.id == (id ?? .null), "\(line)")
        }
    }

    @Test("well-formed requests, notifications and responses pass")
    func wellFormed() throws {
        for line in [
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"tools/call\",\"params\":{\"name\":\"diagnose\",\"arguments\":{\"text\":\"hi\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"no/such/method\"}",
        ] {
            #expect(try error(line) == nil, "\(line)")
        }
    }

    @Test("before initialize, only initialize and ping are served")
    func beforeInitialize() {
        let list = Data("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}".utf8)
        guard case .reject(let text) = RequestScreen.screen(list, initialized: false) else {
            Issue.record("tools/list before initialize passed")
            return
        }
        #expect(text.contains("-32600") && text.contains("\"id\":1"))
        let ping = Data("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}".utf8)
        #expect(RequestScreen.screen(ping, initialized: false) == .pass(method: "ping"))
        let notification = Data("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".utf8)
        #expect(RequestScreen.screen(notification, initialized: false) == .pass(method: "notifications/initialized"))
    }

    @Test("every article is a resource, read as Markdown with the provider's values")
    func resources() throws {
        let list = ArticleResources.list(Fixture.knowledge)
        #expect(list.count == Fixture.knowledge.base.articles.count)
        #expect(list.allSatisfy { $0.uri.hasPrefix("maildoctor://articles/") && $0.mimeType == "text/markdown" })
        let read = try ArticleResources.read("maildoctor://articles/sending-limits", in: Fixture.knowledge)
        let text = try #require(read.contents.first?.text)
        #expect(text.hasPrefix("# "))
        #expect(text.contains("200"))
        #expect(!text.contains("{{"))
        #expect(throws: MCPError.self) {
            try ArticleResources.read("maildoctor://articles/nope", in: Fixture.knowledge)
        }
        #expect(throws: MCPError.self) { try ArticleResources.read("file:///etc/passwd", in: Fixture.knowledge) }
    }

    @Test("prompts carry the person's words and the guide's order; missing arguments are refused")
    func prompts() throws {
        let result = try DoctorPrompts.get("troubleshoot-email", arguments: ["problem": "no mail since Monday"])
        guard case .text(let text) = result.messages.first?.content else {
            Issue.record("no text message")
            return
        }
        #expect(text.contains("no mail since Monday"))
        #expect(text.contains("diagnose"))
        #expect(text.contains("webmail"))
        #expect(throws: MCPError.self) { try DoctorPrompts.get("troubleshoot-email", arguments: [:]) }
        #expect(throws: MCPError.self) { try DoctorPrompts.get("nope", arguments: nil) }
        let bounce = try DoctorPrompts.get("explain-bounce", arguments: ["bounce": "550 5.1.1"])
        #expect(bounce.messages.count == 1)
    }

    @Test("every tool has a description and an object schema whose required arguments it lists")
    func catalog() {
        #expect(ToolCatalog.all.map(\.name) == ToolCatalog.Name.allCases.map(\.rawValue))
        for tool in ToolCatalog.all {
            #expect(tool.description?.isEmpty == false)
            let schema = tool.inputSchema.objectValue
            #expect(schema?["type"] == "object")
            let names = Set(schema?["properties"]?.objectValue?.keys.map { $0 } ?? [])
            for required in schema?["required"]?.arrayValue ?? [] {
                #expect(names.contains(required.stringValue ?? ""), "\(tool.name)")
            }
        }
    }
}
