import Localization

/// A check_host() result (RFC 7208 §2.6).
public enum SPFResult: String, Sendable, Hashable, Codable, CaseIterable {
    case none, neutral, pass, fail, softfail, temperror, permerror

    /// What the result means for a receiving server, in words.
    public var meaning: String { meaningText.english }

    /// The meaning, to be shown in the reader's language.
    public var meaningText: LocalizedText {
        switch self {
        case .none: L("no SPF record was found, so receivers cannot tell whether this server may send")
        case .neutral: L("the domain makes no statement about this server")
        case .pass: L("this server is allowed to send for the domain")
        case .fail: L("this server is NOT allowed to send for the domain; receivers may reject the mail")
        case .softfail: L("this server is probably not allowed to send; receivers may mark the mail as spam")
        case .temperror: L("a temporary DNS error stopped the evaluation; receivers may defer the mail")
        case .permerror: L("the SPF record is broken, so receivers may treat the mail as unauthenticated or reject it")
        }
    }
}

/// The outcome of evaluating SPF for one IP address.
public struct SPFVerdict: Sendable, Hashable {
    /// The result.
    public var result: SPFResult
    /// The mechanism that decided it, with the include/redirect path ("include:_spf.example.com → ip4:192.0.2.0/24").
    public var mechanism: String?
    /// The explanation from `exp=` for a fail, when one was published and valid.
    public var explanation: String?
    /// Why the result is none, permerror or temperror, or which rule produced a default.
    public var reason: String
    /// DNS-querying mechanisms and modifiers evaluated (the RFC limit is 10).
    public var lookups: Int
    /// DNS lookups that returned no data or no such name (the RFC limit is 2).
    public var voidLookups: Int
}
