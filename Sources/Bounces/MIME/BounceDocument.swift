import ByteText

/// A bounce message flattened for the recognisers: headers, report text and the returned original.
///
/// The report text holds the human-readable parts and the machine-readable report parts in
/// message order, each machine part introduced by a marker line (`Content-Type: message/…`), the
/// way most MTA formats are documented. Returned originals are not part of it: their headers are
/// kept apart in `original`, so they are never mistaken for the bounce's own.
struct BounceDocument: Sendable {
    /// Upper bound on the report text that recognisers scan (bytes).
    static let maxReportBytes = 2_000_000

    /// Marker line put before a message/delivery-status part.
    static let deliveryStatusMarker = Array("Content-Type: message/delivery-status".utf8)
    /// Marker line put before a message/feedback-report part.
    static let feedbackMarker = Array("Content-Type: message/feedback-report".utf8)
    /// Marker line put where a returned original (message/rfc822, text/rfc822-headers) was.
    static let originalMarker = Array("Content-Type: message/rfc822".utf8)

    /// The bounce's own header fields.
    var headers: HeaderBlock
    /// Decoded Subject of the bounce.
    var subject: String
    /// Lower-cased decoded From of the bounce.
    var from: String
    /// Decoded From of the bounce as written.
    var fromHeader: String = ""
    /// Decoded Message-ID of the bounce.
    var messageID: String = ""
    /// Decoded X-Mailer of the bounce.
    var mailer: String = ""
    /// Received: values of the bounce, newest first, as text.
    var received: [String] = []
    /// Report text lines (decoded to UTF-8, LF split).
    var report: [[UInt8]]
    /// True when a message/delivery-status part was present.
    var hasDeliveryStatusPart: Bool
    /// True when a message/feedback-report part was present.
    var hasFeedbackPart: Bool
    /// Headers of the returned original message, when one was attached as a MIME part.
    var original: HeaderBlock?
    /// Raw bytes of the first attached message/rfc822 part (for bounces forwarded inside another message).
    var attachedMessage: [UInt8]?
    /// True when the body was not MIME-structured (a single text body).
    var isSinglePart: Bool
    /// True when report text was cut at `maxReportBytes`.
    var truncated: Bool

    /// Lower-cased value of a bounce header, or "".
    func header(_ name: String) -> String { headers.text(name)?.asciiLowercased ?? "" }
}
