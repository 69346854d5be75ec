/// Keys seen so far: a list while there are few (a text holds few codes, and hashing a string costs
/// more than comparing a handful), a set beyond that (a paste full of codes or strange words).
struct SeenKeys<Key: Hashable> {
    private var list: [Key] = []
    private var set: Set<Key> = []

    /// Adds `key`; whether it was new.
    mutating func insert(_ key: Key) -> Bool {
        if list.count < 16 {
            guard !list.contains(key) else { return false }
            list.append(key)
            return true
        }
        if set.isEmpty { set = Set(list) }
        return set.insert(key).inserted
    }
}
