import Foundation
import Shell
import Testing

@Suite struct ShellTests {
    @Test func historyPathFollowsXDG() {
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/maildoctor/history")
        #expect(HistoryFile.path(environment: ["HOME": "/h"]) == "/h/.local/state/maildoctor/history")
        #expect(
            HistoryFile.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/maildoctor/history")
    }

    @Test func historyFileIsPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("md-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("maildoctor/history").path
        #expect(HistoryFile.prepare(path))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func colourNeverWithNoColor() {
        #expect(Terminal.useColor(environment: ["NO_COLOR": "1", "TERM": "xterm"]) == false)
    }
}
