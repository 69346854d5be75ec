extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Whether the text starts with `prefix`, ignoring ASCII case.
    package func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
        lowercased().hasPrefix(prefix.lowercased())
    }

    /// Whether every scalar is 7-bit ASCII.
    package var isASCII: Bool {
        unicodeScalars.allSatisfy(\.isASCII)
    }
}

extension String {
    /// `count` followed by the singular or plural noun: "1 record", "3 records".
    package static func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : (plural ?? singular + "s"))
    }
}
