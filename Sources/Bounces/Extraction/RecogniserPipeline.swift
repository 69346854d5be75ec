/// The one declaration of the order recognisers are tried in: feedback reports (ARF) first, then the
/// vendor formats (those the Subject hints at first, see ``VendorRegistry``), then the standard DSN
/// (RFC 3464), auto-replies, and last the generic reading of any text with a reply code. The first
/// recogniser that extracts something wins. The analyser and the developer traces all walk this order.
enum RecogniserPipeline {
    /// Tried before every vendor format.
    static let first: [any Recogniser] = [FeedbackRecogniser()]
    /// Tried after every vendor format, most specific first.
    static let last: [any Recogniser] = [DSNRecogniser(), AutoReplyRecogniser(), GenericTextRecogniser()]

    /// The whole order for documents whose Subject hints at no vendor, built once.
    private static let byDefault: [any Recogniser] = first + VendorRegistry.all + last
    /// The whole order for each Subject key with hints, built once.
    private static let bySubjectKey: [String: [any Recogniser]] = VendorRegistry.orderByKey.mapValues {
        first + $0 + last
    }

    /// The recognisers in the order to try for this document.
    static func ordered(for document: BounceDocument) -> [any Recogniser] {
        bySubjectKey[VendorRegistry.subjectKey(document.subject)] ?? byDefault
    }

    /// The first extraction in pipeline order, or nil when no recogniser understood the document.
    static func firstExtraction(_ document: BounceDocument) -> Extraction? {
        for recogniser in ordered(for: document) {
            if let extraction = recogniser.extract(document) { return extraction }
        }
        return nil
    }
}
