import DNSResolver
import MailModel

@testable import Probes

/// Options for tests against loopback peers: everything allowed, short deadlines, no control probe.
func testOptions(
    timeout: Duration = .seconds(8), stage: Duration = .seconds(3), tarpit: Duration = .seconds(5),
    rcpt: String? = nil, user: String? = nil, password: String? = nil, roots: [[UInt8]] = []
) -> ProbeOptions {
    ProbeOptions(
        timeout: timeout, stageTimeout: stage, rcpt: rcpt, loginUser: user, password: { password },
        policy: .permissive, ehloName: "probe.maildoctor.test", tarpitThreshold: tarpit, control: nil,
        extraTrustRoots: roots)
}

/// A runner with a resolver that knows `names` (all at `address`) and fails loudly for anything else.
func testRunner(_ options: ProbeOptions, names: [String] = [], address: String = "127.0.0.1") -> ProbeRunner {
    let records = Dictionary(uniqueKeysWithValues: names.map { ($0, [DNSRecord.a(address)]) })
    return ProbeRunner(resolver: InMemoryResolver(records: records), options: options)
}

extension CheckResult {
    /// The endpoint objects in the data (hosts for smtp, endpoints for the others).
    var endpoints: [[String: JSONValue]] {
        ((data["hosts"]?.arrayValue ?? []) + (data["endpoints"]?.arrayValue ?? [])).compactMap(\.objectValue)
    }

    /// The stage outcomes of the first endpoint: ["connect": "ok", "banner": "error"…].
    var stageOutcomes: [String: String] { stageField("outcome") { $0.stringValue } }

    /// How long each stage of the first endpoint took, in milliseconds.
    var stageMilliseconds: [String: Int] { stageField("ms") { $0.intValue } }

    /// One field of each stage of the first endpoint, by stage name.
    private func stageField<Value>(_ key: String, _ read: (JSONValue) -> Value?) -> [String: Value] {
        var values: [String: Value] = [:]
        for stage in endpoints.first?["stages"]?.arrayValue ?? [] {
            guard let object = stage.objectValue, let name = object["stage"]?.stringValue else { continue }
            values[name] = object[key].flatMap(read)
        }
        return values
    }

    /// Everything in the result as JSON text.
    var json: String { CheckRendering.json(self) }
}
