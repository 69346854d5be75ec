import Foundation
import MCP

/// Checks each incoming JSON-RPC line before the MCP library sees it, and answers the malformed ones
/// itself with the error JSON-RPC 2.0 prescribes: a parse error or an invalid request with `id: null` when
/// no usable id can be read, invalid params (with the request's id) for the parameters of the methods
/// MailDoctor serves. The library would answer some of these with a made-up id or an internal error.
enum RequestScreen {
    /// What to do with one line.
    enum Verdict: Equatable {
        /// Hand the line to the MCP library; `method` is the request's or notification's method.
        case pass(method: String?)
        /// Answer with this JSON-RPC error object (one line, no line break) and drop the line.
        case reject(String)
    }

    /// The verdict on one line (without its line break); `initialized` says whether an `initialize`
    /// request was passed already (before it, only `initialize` and `ping` may be asked).
    static func screen(_ line: Data, initialized: Bool = true) -> Verdict {
        guard let message = try? JSONDecoder().decode(Value.self, from: line) else {
            return reject(nil, code: -32700, "Parse error: the line is not valid JSON")
        }
        guard case .object(let fields) = message else {
            if case .array = message {
                return reject(
                    nil, code: -32600, "Invalid Request: batches are not supported; send one message per line")
            }
            return reject(nil, code: -32600, "Invalid Request: a message must be a JSON object")
        }
        let id = fields["id"]
        let usableID: Value? =
            switch id {
            case .string?, .int?: id
            default: nil
            }
        guard fields["jsonrpc"] == .string("2.0") else {
            return reject(usableID, code: -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"")
        }
        guard let method = fields["method"] else {
            // A response to a request of ours: the library matches it (or ignores it).
            let isResponse = usableID != nil && (fields["result"] != nil || fields["error"] != nil)
            return isResponse ? .pass(method: nil) : reject(usableID, code: -32600, "Invalid Request: no \"method\"")
        }
        guard case .string(let name) = method, !name.isEmpty else {
            return reject(usableID, code: -32600, "Invalid Request: \"method\" must be a non-empty string")
        }
        if id != nil, usableID == nil {
            return reject(nil, code: -32600, "Invalid Request: \"id\" must be a string or an integer")
        }
        guard let requestID = usableID else { return .pass(method: name) }  // A notification: never answered.
        if !initialized, name != Initialize.name, name != Ping.name {
            return reject(
                requestID, code: -32600, "Invalid Request: the server is not initialized; send initialize first")
        }
        let params = fields["params"]
        if let params, !params.isNull, params.objectValue == nil {
            return reject(requestID, code: -32602, "Invalid params: \"params\" must be an object")
        }
        if let problem = problem(method: name, params: params?.objectValue ?? [:]) {
            return reject(requestID, code: -32602, "Invalid params: \(problem)")
        }
        return .pass(method: name)
    }

    /// What is wrong with the parameters of the methods that take some, nil when nothing is.
    private static func problem(method: String, params: [String: Value]) -> String? {
        switch method {
        case CallTool.name:
            guard case .string? = params["name"] else { return "tools/call needs \"name\", the tool's name" }
            if let arguments = params["arguments"], !arguments.isNull, arguments.objectValue == nil {
                return "\"arguments\" must be an object"
            }
        case ReadResource.name:
            guard case .string? = params["uri"] else { return "resources/read needs \"uri\"" }
        case GetPrompt.name:
            guard case .string? = params["name"] else { return "prompts/get needs \"name\", the prompt's name" }
            if let arguments = params["arguments"], !arguments.isNull {
                guard let object = arguments.objectValue, object.values.allSatisfy({ $0.stringValue != nil }) else {
                    return "prompt \"arguments\" must be an object of strings"
                }
            }
        default:
            break
        }
        return nil
    }

    /// A JSON-RPC error response line.
    static func reject(_ id: Value?, code: Int, _ message: String) -> Verdict {
        .reject(errorLine(id: id, code: code, message: message))
    }

    /// A JSON-RPC error response, as one line of JSON.
    static func errorLine(id: Value?, code: Int, message: String) -> String {
        let response: Value = [
            "jsonrpc": "2.0", "id": id ?? .null, "error": ["code": .int(code), "message": .string(message)],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(response) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
