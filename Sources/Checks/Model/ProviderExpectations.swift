/// What a mail provider profile expects a customer domain to publish.
public struct ProviderExpectations: Sendable, Equatable {
    /// The provider's display name.
    public var name: String
    /// Host names the domain's MX records should point to (or be under).
    public var mxHosts: [String]
    /// The domain an SPF record should include, such as `_spf.provider.example`.
    public var spfInclude: String?
    /// DKIM selectors the provider signs with.
    public var dkimSelectors: [String]

    /// Creates provider expectations.
    public init(name: String, mxHosts: [String], spfInclude: String? = nil, dkimSelectors: [String] = []) {
        self.name = name
        self.mxHosts = mxHosts
        self.spfInclude = spfInclude
        self.dkimSelectors = dkimSelectors
    }
}
