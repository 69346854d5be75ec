/// The language and strings tables that user-facing texts are shown with, set for the handling of
/// one message (a task-local value, so that concurrent sessions each keep their own).
public struct Localizer: Sendable {
    /// The language replies are written in.
    public var language: Language
    /// The translations.
    public var table: StringsTable

    /// Creates a localizer.
    public init(language: Language, table: StringsTable) {
        self.language = language
        self.table = table
    }

    /// The localizer of the current task: English without translations unless a caller set one.
    @TaskLocal public static var current = Localizer(language: .english, table: .empty)

    /// `text` in this localizer's language.
    public func render(_ text: LocalizedText) -> String { table.render(text, in: language) }
}
