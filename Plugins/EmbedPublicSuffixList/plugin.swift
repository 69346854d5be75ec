import Foundation
import PackagePlugin

/// Generates `EmbeddedPublicSuffixList.swift` from the target's `DMARC/public_suffix_list.dat`, so that the
/// binary carries a copy of the Public Suffix List for machines without Debian's `publicsuffix` package.
@main
struct EmbedPublicSuffixList: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let list = target.directoryURL.appending(path: "DMARC/public_suffix_list.dat")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPublicSuffixList.swift")
        return [
            .buildCommand(
                displayName: "Embedding the Public Suffix List",
                executable: try context.tool(named: "PSLEmbedder").url,
                arguments: [list.path, output.path],
                inputFiles: [list],
                outputFiles: [output]
            )
        ]
    }
}
