/// A line-based unified diff, as `diff -u` prints it.
public enum UnifiedDiff {
    /// Returns the diff of two texts, or an empty string when they are equal.
    public static func diff(
        _ old: String, _ new: String, oldName: String = "expected", newName: String = "actual", context: Int = 3
    )
        -> String
    {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if a == b { return "" }
        // Longest common subsequence table, from the end.
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Op {
            case same(String)
            case removed(String)
            case added(String)
        }
        var ops: [Op] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append(.same(a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                ops.append(.removed(a[i]))
                i += 1
            } else {
                ops.append(.added(b[j]))
                j += 1
            }
        }
        var output = ["--- \(oldName)", "+++ \(newName)"]
        var index = 0
        while index < ops.count {
            guard case .same = ops[index] else {
                // Start a hunk with up to `context` lines before.
                let start = max(0, index - context)
                var end = index
                var quiet = 0
                while end < ops.count {
                    if case .same = ops[end] { quiet += 1 } else { quiet = 0 }
                    if quiet > context * 2 { break }
                    end += 1
                }
                var trailing = 0
                while trailing < end - index, case .same = ops[end - 1 - trailing] { trailing += 1 }
                end -= max(0, trailing - context)
                var oldStart = 1
                var newStart = 1
                for op in ops[..<start] {
                    switch op {
                    case .same:
                        oldStart += 1
                        newStart += 1
                    case .removed: oldStart += 1
                    case .added: newStart += 1
                    }
                }
                var oldCount = 0
                var newCount = 0
                var lines: [String] = []
                for op in ops[start..<end] {
                    switch op {
                    case .same(let line):
                        lines.append(" " + line)
                        oldCount += 1
                        newCount += 1
                    case .removed(let line):
                        lines.append("-" + line)
                        oldCount += 1
                    case .added(let line):
                        lines.append("+" + line)
                        newCount += 1
                    }
                }
                output.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
                output += lines
                index = end
                continue
            }
            index += 1
        }
        return output.joined(separator: "\n") + "\n"
    }
}
