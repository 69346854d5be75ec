/// One non-multipart body part found by the reader, pointing into the shared message buffer.
struct MIMELeaf: Sendable {
    /// The part's own header fields.
    var headers: HeaderBlock
    /// Its parsed Content-Type (`text/plain` when absent).
    var contentType: ContentType
    /// Lower-cased Content-Transfer-Encoding (`7bit` when absent).
    var transferEncoding: String
    /// Byte range of the (still encoded) body in the message buffer.
    var body: Range<Int>
    /// Subtype of the enclosing multipart (`alternative`, `report`, …); empty at top level.
    var parentSubtype: String
    /// Nesting depth (0 = the message itself).
    var depth: Int
}
