import MailModel
import Synchronization

/// A resolver made on first use, then shared by every request: one c-ares channel (and its thread)
/// for a whole server or session rather than one per request. A failed attempt is not remembered: the
/// next request tries again.
final class SharedResolver: Sendable {
    private let resolver = Mutex<(any DNSResolving)?>(nil)
    private let make: @Sendable () throws(ResolverError) -> any DNSResolving

    /// Creates the holder; `make` runs at the first ``get()``.
    init(make: @escaping @Sendable () throws(ResolverError) -> any DNSResolving) {
        self.make = make
    }

    /// The resolver, made now if this is the first use.
    func get() throws(ResolverError) -> any DNSResolving {
        try resolver.withLock { (stored) throws(ResolverError) -> any DNSResolving in
            if let stored { return stored }
            let created = try make()
            stored = created
            return created
        }
    }
}
