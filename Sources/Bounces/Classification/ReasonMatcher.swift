import ByteText

/// All reason patterns compiled into one `PhraseIndex`: one scan tells which reasons a text supports.
struct ReasonMatcher: Sendable {
    /// Which reasons a text supports, computed in one pass.
    struct Hits: Sendable {
        fileprivate var phrase: UInt64 = 0
        fileprivate var veto: UInt64 = 0
        fileprivate var sequence: UInt64 = 0

        /// True when the text carries evidence for `reason` and no veto.
        func has(_ reason: String) -> Bool {
            let bit = ReasonMatcher.shared.bit(reason)
            guard bit != 0 else { return false }
            if veto & bit != 0 { return false }
            return (phrase | sequence) & bit != 0
        }
    }

    private enum Role {
        case phrase, veto
        case sequenceStart(Int)
    }

    static let shared = ReasonMatcher()

    let names: [String]
    /// `NameKey` of each name, in `names` order: `bit(_:)` compares these before any name.
    private let keys: [UInt64]
    private let index: PhraseIndex
    private let roles: [(UInt64, Role)]
    private let sequences: [(UInt64, [[UInt8]])]

    private init() {
        let names = ReasonPatternTable.patterns.keys.sorted()
        var bits = [String: UInt64]()
        for (offset, name) in names.enumerated() { bits[name] = 1 << UInt64(offset) }
        var phrases = [[UInt8]]()
        var roles = [(UInt64, Role)]()
        var sequences = [(UInt64, [[UInt8]])]()
        for name in names {
            guard let pattern = ReasonPatternTable.patterns[name], let bit = bits[name] else { continue }
            for phrase in pattern.phrases {
                phrases.append(ASCII.lowered(phrase))
                roles.append((bit, .phrase))
            }
            for veto in pattern.vetoes {
                phrases.append(ASCII.lowered(veto))
                roles.append((bit, .veto))
            }
            for sequence in pattern.sequences {
                let pieces = sequence.map { ASCII.lowered($0) }
                phrases.append(pieces[0])
                roles.append((bit, .sequenceStart(sequences.count)))
                sequences.append((bit, pieces))
            }
        }
        self.names = names
        self.keys = names.map(NameKey.of)
        self.index = PhraseIndex(phrases)
        self.roles = roles
        self.sequences = sequences
    }

    /// The bit of a reason name, or 0 for a name without patterns; a scan of a few dozen integers is
    /// cheaper than hashing the name.
    @inline(__always)
    func bit(_ reason: String) -> UInt64 {
        let key = NameKey.of(reason)
        for index in keys.indices where keys[index] == key && names[index] == reason { return 1 << UInt64(index) }
        return 0
    }

    /// Scans lower-cased text once and returns the reasons it supports.
    func hits(_ text: [UInt8]) -> Hits {
        var hits = Hits()
        var candidates = [Int]()
        index.scan(text) { entry in
            let (bit, role) = roles[entry]
            switch role {
            case .phrase: hits.phrase |= bit
            case .veto: hits.veto |= bit
            case .sequenceStart(let sequence): candidates.append(sequence)
            }
        }
        // Each sequence is searched for once, however often its first piece occurs: searching again at
        // every occurrence made the time grow with the square of the text (a pasted list of rejections).
        var searched = [Bool](repeating: false, count: sequences.count)
        for sequence in candidates where !searched[sequence] {
            searched[sequence] = true
            let (bit, pieces) = sequences[sequence]
            if hits.sequence & bit == 0, ByteSearch.containsInOrder(text, pieces) { hits.sequence |= bit }
        }
        return hits
    }
}
