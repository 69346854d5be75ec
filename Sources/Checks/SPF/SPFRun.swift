/// Why evaluation stopped early.
enum SPFAbort: Error {
    case permerror(String)
    case temperror(String)
}

/// The result of evaluating one domain's record.
struct SPFRunOutcome {
    var result: SPFResult
    var path: [String] = []
    var explanation: String?
    var reason: String
}

/// A record lookup's outcome.
enum RecordLookup {
    case record(SPFRecord)
    case none(String)
    case temperror(String)
    case permerror(String)
}

/// Mutable state of one evaluation: counters and the cached `%{p}`/ptr names. Used by one task only.
final class SPFRun {
    var lookups = 0
    var voids = 0
    var ptrWasVoid = false
    var validatedNames: [String]?
    var errorPath: [String] = []

    func countLookup(limit: Int, at place: String) throws(SPFAbort) {
        lookups += 1
        if lookups > limit {
            errorPath = [place]
            throw .permerror(
                "more than \(limit) DNS lookups (include, a, mx, ptr, exists, redirect); the limit was exceeded at \(place)"
            )
        }
    }

    func countVoid(limit: Int, at name: String) throws(SPFAbort) {
        voids += 1
        if voids > limit {
            throw .permerror("more than \(limit) lookups found nothing (void lookups); the last was \(name)")
        }
    }
}
