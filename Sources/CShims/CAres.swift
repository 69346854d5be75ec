import CAres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The c-ares calls that take a C callback or hand back C memory, as Swift calls over Swift values.
/// The resolver's driver (`DNSResolver`) keeps the logic: which questions to send, polling the channel's
/// sockets, deadlines, and reading the answers.
package enum CAresCalls {
    /// Sends a class-IN question of `type` for `name` on `channel`; c-ares calls `completion` once, on the
    /// thread that processes the channel, with its status and a copy of the answer message (nil when it
    /// has none).
    package static func query(
        _ channel: ares_channel, name: String, type: Int32,
        completion: @escaping (_ status: Int32, _ answer: [UInt8]?) -> Void
    ) {
        // Unsafe: the closure travels to the C callback as c-ares's one opaque pointer, retained once;
        // c-ares calls back exactly once per query, where that reference is taken back.
        let context = Unmanaged.passRetained(QueryCompletion(completion)).toOpaque()
        ares_query(
            channel, name, 1, type,
            { argument, status, _, buffer, length in
                guard let argument else { return }
                // Unsafe: the reference `query` retained for this callback, taken back exactly once.
                let completion = Unmanaged<QueryCompletion>.fromOpaque(argument).takeRetainedValue()
                var answer: [UInt8]?
                if let buffer, length > 0 {
                    // Unsafe: c-ares's answer buffer of `length` bytes is valid during the callback only;
                    // copied at once.
                    answer = Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
                }
                completion.body(status, answer)
            }, context)
    }

    /// When c-ares next needs the channel processed, but no later than `maximum` from now; nil when
    /// c-ares gives no time.
    package static func timeout(_ channel: ares_channel, atMost maximum: timeval) -> timeval? {
        var maximum = maximum
        var next = timeval()
        // Unsafe: c-ares returns a pointer to one of the two values passed in; read while both are pinned.
        return withUnsafeMutablePointer(to: &maximum) { maximum in
            withUnsafeMutablePointer(to: &next) { next in ares_timeout(channel, maximum, next).map { $0.pointee } }
        }
    }

    /// c-ares's description of a status code ("Timeout while contacting DNS servers").
    package static func errorText(_ status: Int32) -> String {
        // Unsafe: ares_strerror returns a static C string; copied into a Swift string.
        guard let text = ares_strerror(status) else { return "c-ares error \(status)" }
        return String(cString: text)
    }

    /// The completion closure of one query, boxed to travel through c-ares's opaque pointer.
    private final class QueryCompletion {
        let body: (_ status: Int32, _ answer: [UInt8]?) -> Void

        init(_ body: @escaping (_ status: Int32, _ answer: [UInt8]?) -> Void) {
            self.body = body
        }
    }
}
