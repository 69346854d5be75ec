/// A problem found while loading or linting the knowledge base, with where it is.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible, Comparable {
    /// Path relative to the knowledge-base root.
    public var file: String
    /// 1-based line, or 0 when the whole file is concerned.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(file: String, line: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors jump to.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }

    /// Orders by file, then line.
    public static func < (lhs: Problem, rhs: Problem) -> Bool {
        (lhs.file, lhs.line, lhs.message) < (rhs.file, rhs.line, rhs.message)
    }
}
