extension String {
    /// `count` followed by the singular or plural noun: "1 record", "3 records".
    package static func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : (plural ?? singular + "s"))
    }
}
