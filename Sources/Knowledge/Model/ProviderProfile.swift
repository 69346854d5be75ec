import Foundation
import Localization

/// A mail provider's public facts: hosts, ports, limits, control-panel paths.
///
/// Articles refer to these values through `{{provider.KEY}}` placeholders, so a second provider
/// is one YAML file.
public struct ProviderProfile: Sendable, Equatable {
    /// Short id (`ovhcloud`, `generic`).
    public var id: String
    /// Flattened values by dotted key (`name`, `limits.per_account_per_hour`, `mx_hosts`).
    public var values: [String: String]
    /// Expected MX hosts.
    public var mxHosts: [String]
    /// Expected SPF include.
    public var spfInclude: String?
    /// DKIM selectors the provider uses.
    public var dkimSelectors: [String]
    /// Values that read differently in another language (`providers/LANG/ID.yaml`), by dotted key.
    public var translations: [Language: [String: String]] = [:]

    /// Creates a profile from flattened values.
    public init(
        id: String, values: [String: String], mxHosts: [String] = [], spfInclude: String? = nil,
        dkimSelectors: [String] = []
    ) {
        self.id = id
        self.values = values
        self.mxHosts = mxHosts
        self.spfInclude = spfInclude
        self.dkimSelectors = dkimSelectors
    }

    /// The profile as it reads in `language`: its values there replace the English ones.
    public func localized(_ language: Language) -> ProviderProfile {
        guard let overrides = translations[language], !overrides.isEmpty else { return self }
        var profile = self
        profile.values.merge(overrides) { _, translated in translated }
        return profile
    }

    /// The display name.
    public var name: String { values["name"] ?? id }

    /// Replaces every `{{provider.KEY}}` in a text with this profile's value; unknown keys are
    /// left visible so lint can report them.
    public func render(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{provider.") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let key = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            output += values[key] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// Placeholder keys used in a text.
    public static func placeholders(in text: String) -> [String] {
        var keys: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{provider.") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            keys.append(String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return keys
    }
}
