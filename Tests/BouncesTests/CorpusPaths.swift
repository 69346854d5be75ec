import Foundation
import TestSupport

/// The shared corpora (under `TestPaths.shared`) and readers for their files.
enum CorpusPaths {
    static var shared: URL { TestPaths.shared }

    static var sisimai: URL { shared.appendingPathComponent("corpus/sisimai") }
    static var complaints: URL { shared.appendingPathComponent("corpus/complaints") }

    /// Bytes of a file, or an empty array.
    static func bytes(_ url: URL) -> [UInt8] {
        (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
    }

    /// JSON objects of a JSON Lines file.
    static func jsonLines(_ url: URL) -> [[String: Any]] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }
}
