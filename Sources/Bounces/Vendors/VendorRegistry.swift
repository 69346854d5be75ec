import ByteText
import Foundation

/// The vendor-format recognisers and the order they are tried in.
enum VendorRegistry {
    /// Every vendor recogniser in default order (formats with distinctive subjects first).
    static let all: [any Recogniser] = [
        EximFormat(), SendmailFormat(), Exchange2007Format(), Exchange2003Format(), InterScanFormat(), KDDIFormat(),
        FMLFormat(), VerizonFormat(), AmazonSESFormat(), ApacheJamesFormat(), X2Format(),
        PostfixFormat(), OpenSMTPDFormat(), QmailFormat(), CourierFormat(), MessagingServerFormat(),
        GoogleWorkspaceFormat(), GmailFormat(), GMXFormat(), ZohoFormat(), DominoFormat(), NotesFormat(),
        IMailServerFormat(), MFilterFormat(), ActivehunterFormat(), MailFoundryFormat(), GoogleGroupsFormat(),
        MailMarshalFormat(), V5SendmailFormat(), EZwebFormat(), BiglobeFormat(), EinsUndEinsFormat(),
        DragonFlyFormat(), X1Format(), X3Format(), X6Format(),
    ]

    /// Subject key (first words of the Subject) → recognisers to try first.
    static let subjectHints: [String: [String]] = [
        "delivery-failure": ["Domino", "X2"], "delivery-notification": ["MessagingServer"],
        "delivery-status": ["OpenSMTPD", "GoogleWorkspace", "Gmail", "GoogleGroups", "AmazonSES", "X3"],
        "failed-delivery": ["X2"], "failure-delivery": ["X2"], "failure-notice": ["qmail", "mFILTER", "Activehunter"],
        "loop-alert": ["FML"], "mail-could": ["InterScanMSS"],
        "mail-delivery": ["Exim", "DragonFly", "GMX", "Zoho", "EinsUndEins"], "mail-failure": ["Exim"],
        "mail-system": ["EZweb"], "message-delivery": ["MailFoundry"], "message-frozen": ["Exim"],
        "non-recapitabile": ["Exchange2007"], "non-remis": ["Exchange2007"], "notice": ["Courier"],
        "postmaster-notify": ["Sendmail"], "returned-mail": ["Sendmail", "Biglobe", "V5sendmail", "X1"],
        "there-was": ["X6"], "undeliverable": ["Exchange2007", "Exchange2003"],
        "undeliverable-mail": ["MailMarshalSMTP", "IMailServer"], "undeliverable-message": ["Notes", "Verizon"],
        "undelivered-mail": ["Postfix", "Zoho"], "warning": ["Sendmail", "Exim"], "aws-notification": ["AmazonSES"],
    ]

    /// For every subject key with hints, the full vendor order (hinted recognisers first), built once.
    static let orderByKey: [String: [any Recogniser]] = subjectHints.mapValues { hints in
        let first = hints.compactMap { name in all.first { $0.name == name } }
        return first + all.filter { recogniser in !hints.contains(recogniser.name) }
    }

    /// The recognisers in the order to try for this document.
    static func ordered(for document: BounceDocument) -> [any Recogniser] {
        orderByKey[subjectKey(document.subject)] ?? all
    }

    /// The first one or two words of a Subject, lower-cased and joined with "-" ("returned-mail").
    static func subjectKey(_ subject: String) -> String {
        // Words are split on blanks, "[", "]" and "_"; the key is the first word up to ":" or the first two words.
        var subject = subject
        return subject.withByteView { bytes in
            var words: [Range<Int>] = []
            var index = 0
            while index < bytes.count && words.count < 2 {
                while index < bytes.count, isWordBreak(bytes[index]) { index += 1 }
                let start = index
                while index < bytes.count, !isWordBreak(bytes[index]) { index += 1 }
                if index > start { words.append(start..<index) }
            }
            guard let first = words.first else { return "" }
            var key = [UInt8]()
            key.reserveCapacity(first.count + (words.count > 1 ? words[1].count + 1 : 0))
            if let colon = bytes[first].firstIndex(of: ASCII.colon), colon > 0 {
                appendKeyBytes(bytes[first.lowerBound..<(first.lowerBound + colon)], to: &key)
            } else {
                appendKeyBytes(bytes[first], to: &key)
                if words.count > 1 {
                    key.append(ASCII.hyphen)
                    appendKeyBytes(bytes[words[1]], to: &key)
                }
            }
            return String(decoding: key, as: UTF8.self)
        }
    }

    @inline(__always)
    private static func isWordBreak(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "_")
    }

    /// Appends lower-cased bytes, leaving out ":", ",", "*" and quotes.
    private static func appendKeyBytes(_ bytes: ByteView, to key: inout [UInt8]) {
        for byte in bytes
        where byte != ASCII.colon && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "*") && byte != ASCII.quote {
            key.append(ASCII.lower(byte))
        }
    }
}
