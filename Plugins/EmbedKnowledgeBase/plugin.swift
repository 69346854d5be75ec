import Foundation
import PackagePlugin

/// Generates `EmbeddedKnowledgeBase.swift` from the top-level `KnowledgeBase/` folder so that the
/// binary carries its knowledge base and works from any directory.
@main
struct EmbedKnowledgeBase: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let source = context.package.directoryURL.appending(path: "KnowledgeBase")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledgeBase.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: source, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["md", "yaml", "yml"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding knowledge base (\(inputs.count) files)",
                executable: try context.tool(named: "KBEmbedder").url,
                arguments: [source.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
