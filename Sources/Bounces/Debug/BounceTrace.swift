import Foundation

/// Diagnostics for developers: which recogniser read a message and what it extracted.
package enum BounceTrace {
    /// A multi-line description of the recogniser decision and the raw facts for `bytes`.
    package static func describe(_ bytes: [UInt8]) -> String {
        guard let document = DocumentBuilder.build(bytes) else {
            return "fragment: " + String(describing: FragmentParser.parse(bytes))
        }
        var lines = [
            "subject=\(document.subject) from=\(document.from) dsnPart=\(document.hasDeliveryStatusPart) singlePart=\(document.isSinglePart) reportLines=\(document.report.count)"
        ]
        for recogniser in RecogniserPipeline.ordered(for: document) {
            guard let extraction = recogniser.extract(document) else { continue }
            lines.append("recogniser=\(extraction.recogniser)")
            for fact in extraction.facts {
                lines.append(
                    "  fact rcpt=\(fact.recipient) action=\(fact.action) status=\(fact.status) reply=\(fact.replyCode) cmd=\(fact.command) reason=\(fact.reason) spec=\(fact.spec) rhost=\(fact.remoteMTA) lhost=\(fact.reportingMTA)"
                )
                lines.append("    diag=\(fact.diagnosis)")
            }
            break
        }
        return lines.joined(separator: "\n")
    }

    /// The report lines of a message as text (what recognisers scan).
    package static func reportText(_ bytes: [UInt8]) -> String {
        guard let document = DocumentBuilder.build(bytes) else { return "" }
        return document.report.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }
}

extension BounceTrace {
    /// Seconds spent per stage over `files` (developer profiling aid).
    package static func stageTimes(_ files: [[UInt8]], repetitions: Int) -> [(String, Double)] {
        if let only = ProcessInfo.processInfo.environment["BOUNCE_STAGE"], only == "build" {
            var count = 0
            for _ in 0..<repetitions { for file in files { count += DocumentBuilder.build(file)?.report.count ?? 0 } }
            return [("lines", Double(count))]
        }
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var documents = [BounceDocument]()
        let binary = clock.measure {
            for _ in 0..<repetitions { for file in files { _ = BinaryCheck.looksBinary(file) } }
        }
        let mbox = clock.measure {
            for _ in 0..<repetitions { for file in files { _ = MboxSplitter.split(file) } }
        }
        let build = clock.measure {
            for _ in 0..<repetitions { documents = files.compactMap { DocumentBuilder.build($0) } }
        }
        var extractions = [(Extraction, BounceDocument)]()
        let recognise = clock.measure {
            for _ in 0..<repetitions {
                extractions = []
                for document in documents {
                    if let extraction = RecogniserPipeline.firstExtraction(document) {
                        extractions.append((extraction, document))
                    }
                }
            }
        }
        let facts = clock.measure {
            for _ in 0..<repetitions {
                for (extraction, document) in extractions {
                    _ = FactBuilder.build(extraction.facts, document: document)
                }
            }
        }
        let whole = clock.measure {
            for _ in 0..<repetitions { for file in files { _ = BounceParser.parse(file) } }
        }
        return [
            ("binary", seconds(binary)), ("mbox", seconds(mbox)), ("build", seconds(build)),
            ("recognise", seconds(recognise)), ("facts", seconds(facts)), ("whole", seconds(whole)),
        ]
    }
}

extension BounceTrace {
    /// Time spent in each recogniser over `files`, tried in the analyser's order: (name, attempts,
    /// successes, seconds, seconds in attempts that found nothing), costliest first (developer profiling aid).
    package static func recogniserTimes(_ files: [[UInt8]], repetitions: Int) -> [(String, Int, Int, Double, Double)] {
        let documents = files.compactMap { DocumentBuilder.build($0) }
        var table: [String: (Int, Int, Duration, Duration)] = [:]
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            for document in documents {
                for recogniser in RecogniserPipeline.ordered(for: document) {
                    var extraction: Extraction?
                    let spent = clock.measure { extraction = recogniser.extract(document) }
                    let found = extraction != nil
                    let old = table[recogniser.name] ?? (0, 0, .zero, .zero)
                    table[recogniser.name] = (
                        old.0 + 1, old.1 + (found ? 1 : 0), old.2 + spent, old.3 + (found ? .zero : spent)
                    )
                    if found { break }
                }
            }
        }
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        return table.map { name, entry in
            (name, entry.0 / repetitions, entry.1 / repetitions, seconds(entry.2), seconds(entry.3))
        }.sorted { $0.3 > $1.3 }
    }
}
