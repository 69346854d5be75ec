import Foundation
import MCP
import Sanitizer

/// What one tool call returns: text for the model, and for programs the same JSON as the command line's
/// `--json` gives.
public struct ToolOutput: Sendable {
    /// Plain text, safe to show (control characters neutralised).
    public var text: String
    /// The JSON object, as `ask --json`, `explain --json` or `check --json` print it.
    public var structured: Value?
    /// Whether the call failed (a bad argument, a refused target, a rate limit): the text says why.
    public var isError: Bool

    /// A successful result.
    init(text: String, structured: Value?) {
        self.text = TextSanitizer.neutralize(text, maxLine: 4_000)
        self.structured = structured
        isError = false
    }

    /// A failed call: the message, and `{"error": message}` as structured content.
    static func failure(_ message: String) -> ToolOutput {
        var output = ToolOutput(text: message, structured: .object(["error": .string(message)]))
        output.isError = true
        return output
    }

    /// The MCP result.
    var result: CallTool.Result {
        CallTool.Result(
            content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured,
            isError: isError ? true : nil)
    }

    /// A JSON object text (as the command line prints it) as a `Value`; extra keys are added to it.
    /// Its strings are already neutralised; those of the extra keys are neutralised here.
    static func object(json: String, adding extra: [String: Value] = [:]) -> Value {
        let extra = extra.mapValues(neutralized)
        guard let data = json.data(using: .utf8),
            case .object(var fields)? = try? JSONDecoder().decode(Value.self, from: data)
        else { return .object(extra) }
        for (key, value) in extra { fields[key] = value }
        return .object(fields)
    }

    /// A value with every string in it made safe to show (control, bidi and zero-width characters visible).
    static func neutralized(_ value: Value) -> Value {
        switch value {
        case .string(let text): .string(TextSanitizer.neutralize(text, maxLine: nil))
        case .array(let items): .array(items.map(neutralized))
        case .object(let fields): .object(fields.mapValues(neutralized))
        default: value
        }
    }

    /// JSON bytes of a value, keys sorted, as the command line writes them (empty when it cannot be encoded).
    static func encoded(_ encodable: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(encodable)) ?? Data()
    }

    /// Any `Encodable` value as a `Value` (null when it cannot be encoded).
    static func value(_ encodable: some Encodable) -> Value {
        guard let data = try? JSONEncoder().encode(encodable),
            let value = try? JSONDecoder().decode(Value.self, from: data)
        else { return .null }
        return value
    }
}
