import Localization

/// Something the engine reports while it works on a reply, before the reply itself.
public struct ProgressEvent: Sendable, Equatable, Codable {
    /// A short line for a person ("Checking the MX records of example.com…").
    public var text: String
    /// The live check concerned, if any (`mx`, `spf`…).
    public var check: String?

    /// Creates an event.
    public init(text: String, check: String? = nil) {
        self.text = text
        self.check = check
    }
}
