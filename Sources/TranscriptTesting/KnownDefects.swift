import Foundation

/// The scenario defects known today, one per line (`scenarios/en/file.transcript:12 check-not-run  # why`),
/// so that a replay fails on a new defect (a regression) and on a known one that is gone (the list must
/// shrink with the fixes), while the scorecard still counts every one of them.
public struct KnownDefects: Sendable, Equatable {
    /// `path:line kind` keys; the path is relative to the transcripts folder.
    public var keys: Set<String>

    /// An empty list.
    public init(keys: Set<String> = []) { self.keys = keys }

    /// Reads a list; `#` starts a comment, blank lines are skipped.
    public static func parse(_ text: String) -> KnownDefects {
        var keys = Set<String>()
        for line in text.split(separator: "\n") {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let key = content.trimmingCharacters(in: .whitespaces)
            if !key.isEmpty {
                keys.insert(key.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
            }
        }
        return KnownDefects(keys: keys)
    }

    /// The key of a defect of a file, with the path made relative to the folder named `Transcripts`.
    public static func key(file: String, defect: TranscriptRunner.Defect) -> String {
        "\(relative(file)):\(defect.line) \(defect.kind.rawValue)"
    }

    /// `scenarios/en/x.transcript` of `/work/main/Transcripts/scenarios/en/x.transcript`.
    public static func relative(_ path: String) -> String {
        guard let range = path.range(of: "Transcripts/", options: .backwards) else { return path }
        return String(path[range.upperBound...])
    }

    /// The defects of a file that are not on the list, and the listed ones of that file that did not occur.
    public func compare(file: String, defects: [TranscriptRunner.Defect]) -> (new: [String], gone: [String]) {
        let found = Set(defects.map { Self.key(file: file, defect: $0) })
        let prefix = Self.relative(file) + ":"
        let listed = keys.filter { $0.hasPrefix(prefix) }
        return (found.subtracting(keys).sorted(), listed.subtracting(found).sorted())
    }

    /// The list as text, sorted, with a header.
    public static func text(_ keys: [String]) -> String {
        "# Scenario defects known today: `transcripts run` fails on any other, and on one of these that is gone.\n"
            + "# Regenerate with `maildoctor transcripts score --write-known FILE`; every line is a turn to fix.\n"
            + keys.sorted().joined(separator: "\n") + "\n"
    }
}
