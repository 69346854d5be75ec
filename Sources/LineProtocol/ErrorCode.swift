/// The machine-readable `code` of an error frame. A struct rather than an enum so that new codes
/// can be added without breaking code that switches over the known ones.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code as written on the wire, e.g. `invalid_json`.
    public let rawValue: String

    /// Wraps a code read from the wire.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The line is not JSON (or has a NUL byte, or nests too deeply).
    public static let invalidJSON = ErrorCode(rawValue: "invalid_json")
    /// The line is not valid UTF-8.
    public static let invalidUTF8 = ErrorCode(rawValue: "invalid_utf8")
    /// The line is longer than the line limit (1 MiB); it was skipped up to the next newline.
    public static let lineTooLong = ErrorCode(rawValue: "line_too_long")
    /// A required field is absent.
    public static let missingField = ErrorCode(rawValue: "missing_field")
    /// A field has the wrong JSON type, the line is not an object, or `type` is unknown.
    public static let badType = ErrorCode(rawValue: "bad_type")
    /// A field is longer than its limit (`text`, `session`, `id`).
    public static let fieldTooLong = ErrorCode(rawValue: "field_too_long")
    /// The session has too many messages waiting; this one was not queued.
    public static let busy = ErrorCode(rawValue: "busy")
    /// The session sent messages faster than its rate limit allows.
    public static let rateLimited = ErrorCode(rawValue: "rate_limited")
    /// The server stopped before it could answer this message.
    public static let shutdown = ErrorCode(rawValue: "shutdown")

    /// Every code this version of the protocol emits.
    public static let all: [ErrorCode] = [
        .invalidJSON, .invalidUTF8, .lineTooLong, .missingField, .badType, .fieldTooLong, .busy, .rateLimited,
        .shutdown,
    ]

    /// The raw value.
    public var description: String { rawValue }

    /// Decodes from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
