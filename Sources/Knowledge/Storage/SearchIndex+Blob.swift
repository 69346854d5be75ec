import Localization

extension SearchIndex {
    /// Serialises the built index (analyser tables, postings, code tables, typo tables) so that
    /// ``init(decoding:)`` gives back an index that ranks every text exactly as this one does, without
    /// analysing the documents again. Floating-point values are kept bit for bit.
    public func encode(to writer: inout BlobWriter) {
        weights.encode(to: &writer)
        analyzer.encode(to: &writer)
        writer.writeCount(documents.count)
        for document in documents {
            writer.write(document.id)
            writer.write(document.title)
            writer.write(UInt32(Self.directionBits(document.tags)))
            writer.write(document.codes.sorted())
        }
        writer.writeCount(postings.count)
        for list in postings {
            writer.writeRaw(list.docs)
            writer.writeRaw(list.saturated)
            writer.writeRaw(list.fieldCounts)
            writer.writeRaw(list.dense)
        }
        writer.writeRaw(idf)
        writer.writeCount(documentsByCode.count)
        for (code, docs) in documentsByCode.sorted(by: { $0.key < $1.key }) {
            writer.write(code)
            writer.writeRaw(docs)
        }
        writer.writeCount(documentsByCodePair.count)
        for (reply, byEnhanced) in documentsByCodePair.sorted(by: { $0.key < $1.key }) {
            writer.write(reply)
            writer.writeCount(byEnhanced.count)
            for (enhanced, docs) in byEnhanced.sorted(by: { $0.key < $1.key }) {
                writer.write(enhanced)
                writer.writeRaw(docs)
            }
        }
        writer.writeRaw(tagBits)
        writer.writeCount(directionFactors.count)
        for factors in directionFactors { writer.writeRaw(factors) }
        writer.writeCount(codeBookArticle.count)
        for (code, doc) in codeBookArticle.sorted(by: { $0.key < $1.key }) {
            writer.write(code)
            writer.write(doc)
        }
        writer.write(overviewDocument ?? -1)
        typos.encode(to: &writer)
        // The articles' semantic vectors, so that a start does not embed every article again.
        writer.writeCount(semantic.count)
        writer.writeRaw(semantic.vectors)
        writer.writeCount(context.count)
        for rule in context {
            writer.writeRaw(rule.when)
            writer.writeRaw(rule.unless)
            writer.writeRaw(rule.documents)
            writer.writeRaw(rule.factors)
        }
    }

    /// Decodes what ``encode(to:)`` wrote, checking that every id points inside its table.
    package convenience init(decoding reader: inout BlobReader) throws(BlobError) {
        let weights = try RankingWeights(decoding: &reader)
        let analyzer = try TextAnalyzer(decoding: &reader)
        let documents = try reader.list(minimumSize: 16) { reader throws(BlobError) in
            let id = try reader.string()
            let title = try reader.string()
            let bits = try reader.uint32()
            var tags = Set<Direction>()
            if bits & 1 != 0 { tags.insert(.sending) }
            if bits & 2 != 0 { tags.insert(.receiving) }
            if bits & 4 != 0 { tags.insert(.both) }
            if bits & 8 != 0 { tags.insert(.unknown) }
            return Document(id: id, title: title, tags: tags, codes: Set(try reader.strings()))
        }
        let documentCount = documents.count
        let termCount = try reader.count(minimumSize: 16)
        guard termCount == analyzer.termCount else {
            throw BlobError("corrupt: \(termCount) posting lists for \(analyzer.termCount) terms")
        }
        var postings: [PostingList] = []
        postings.reserveCapacity(termCount)
        for _ in 0..<termCount {
            var list = PostingList()
            list.docs = try reader.raw(Int32.self)
            list.saturated = try reader.raw(Float.self)
            list.fieldCounts = try reader.raw(Float.self)
            list.dense = try reader.raw(Float.self)
            guard list.saturated.count == list.docs.count, list.fieldCounts.count == list.docs.count * 5,
                list.dense.isEmpty || list.dense.count == documentCount,
                list.docs.allSatisfy({ $0 >= 0 && Int($0) < documentCount })
            else { throw BlobError("corrupt: a posting list does not fit \(documentCount) documents") }
            postings.append(list)
        }
        let idf = try reader.raw(Double.self)
        guard idf.count == termCount else { throw BlobError("corrupt: \(idf.count) idf values for \(termCount) terms") }
        func documentList() throws(BlobError) -> [Int] {
            let docs = try reader.raw(Int.self)
            guard docs.allSatisfy({ $0 >= 0 && $0 < documentCount }) else {
                throw BlobError("corrupt: a code's document is out of range")
            }
            return docs
        }
        let codeCount = try reader.count(minimumSize: 8)
        var byCode: [String: [Int]] = [:]
        for _ in 0..<codeCount {
            let code = try reader.string()
            byCode[code] = try documentList()
        }
        let replyCount = try reader.count(minimumSize: 8)
        var byPair: [String: [String: [Int]]] = [:]
        for _ in 0..<replyCount {
            let reply = try reader.string()
            let enhancedCount = try reader.count(minimumSize: 8)
            var byEnhanced: [String: [Int]] = [:]
            for _ in 0..<enhancedCount {
                let enhanced = try reader.string()
                byEnhanced[enhanced] = try documentList()
            }
            byPair[reply] = byEnhanced
        }
        let tagBits = try reader.raw(UInt8.self)
        let directionFactors = try reader.list(minimumSize: 4) { reader throws(BlobError) in
            try reader.raw(Float.self)
        }
        guard tagBits.count == documentCount, directionFactors.count == 2,
            directionFactors.allSatisfy({ $0.count == documentCount })
        else { throw BlobError("corrupt: direction tables do not fit \(documentCount) documents") }
        let bookCount = try reader.count(minimumSize: 12)
        var codeBookArticle: [String: Int] = [:]
        for _ in 0..<bookCount {
            let code = try reader.string()
            let doc = try reader.int()
            guard doc >= 0, doc < documentCount else { throw BlobError("corrupt: code book article out of range") }
            codeBookArticle[code] = doc
        }
        let overview = try reader.int()
        guard overview >= -1, overview < documentCount else {
            throw BlobError("corrupt: overview article out of range")
        }
        let typos = try TypoCorrector(decoding: &reader, foldCount: analyzer.foldCount, termCount: termCount)
        let semanticCount = try reader.count(minimumSize: 0)
        let vectors = try reader.raw(Float.self)
        let embedding = StaticEmbedding.embedded
        guard semanticCount == 0 || semanticCount == documentCount,
            vectors.count == semanticCount * (embedding?.dimension ?? 0)
        else {
            throw BlobError("corrupt: \(vectors.count) semantic values for \(semanticCount) articles")
        }
        let semantic = SemanticIndex(vectors: vectors, count: semanticCount, embedding: embedding)
        let context = try reader.list(minimumSize: 32) { reader throws(BlobError) -> CompiledContextRule in
            let rule = CompiledContextRule(
                when: try reader.raw(Int32.self), unless: try reader.raw(Int32.self),
                documents: try reader.raw(Int32.self), factors: try reader.raw(Float.self))
            guard rule.documents.count == rule.factors.count,
                rule.documents.allSatisfy({ $0 >= 0 && Int($0) < documentCount }),
                (rule.when + rule.unless).allSatisfy({ $0 >= 0 && Int($0) < termCount })
            else { throw BlobError("corrupt: a context rule does not fit the index") }
            return rule
        }
        self.init(
            weights: weights, analyzer: analyzer, documents: documents, postings: postings, idf: idf,
            documentsByCode: byCode, documentsByCodePair: byPair, tagBits: tagBits,
            directionFactors: directionFactors, codeBookArticle: codeBookArticle,
            overviewDocument: overview >= 0 ? overview : nil, typos: typos, semantic: semantic, context: context)
    }

    private static func directionBits(_ tags: Set<Direction>) -> UInt8 {
        (tags.contains(.sending) ? 1 : 0) | (tags.contains(.receiving) ? 2 : 0) | (tags.contains(.both) ? 4 : 0)
            | (tags.contains(.unknown) ? 8 : 0)
    }
}

extension RankingWeights {
    fileprivate func encode(to writer: inout BlobWriter) {
        writer.writeRaw(field)
        for value in [
            k1, concept, typo, directionMatch, directionMismatch, replyCode, enhancedCode, codePair, codeBook, semantic,
            semanticFloor,
        ] {
            writer.write(value)
        }
    }

    fileprivate init(decoding reader: inout BlobReader) throws(BlobError) {
        self.init()
        field = try reader.raw(Double.self)
        guard field.count == SearchIndex.Field.allCases.count else {
            throw BlobError("corrupt: \(field.count) field weights")
        }
        k1 = try reader.double()
        concept = try reader.double()
        typo = try reader.double()
        directionMatch = try reader.double()
        directionMismatch = try reader.double()
        replyCode = try reader.double()
        enhancedCode = try reader.double()
        codePair = try reader.double()
        codeBook = try reader.double()
        semantic = try reader.double()
        semanticFloor = try reader.double()
    }
}

extension TextAnalyzer {
    fileprivate func encode(to writer: inout BlobWriter) {
        writer.write(vocabulary.foldTexts)
        writer.writeRaw(vocabulary.foldFlags.map(\.rawValue))
        writer.writeRaw(vocabulary.foldPhrases)
        writer.writeCount(vocabulary.phraseLists.count)
        for list in vocabulary.phraseLists {
            writer.writeCount(list.count)
            for rule in list {
                writer.writeRaw(rule.words)
                switch rule.output {
                case .sending: writer.write(UInt32(0))
                case .receiving: writer.write(UInt32(1))
                case .boilerplate: writer.write(UInt32(2))
                case .concept(let id):
                    writer.write(UInt32(3))
                    writer.write(UInt32(bitPattern: id))
                }
            }
        }
        let known = vocabulary.known.sorted { $0.key < $1.key }
        writer.write(known.map(\.key))
        writer.writeRaw(known.map(\.value))
        writer.write(vocabulary.termTexts)
        Self.encode(knownWords, to: &writer)
        Self.encode(asciiFolds, to: &writer)
    }

    fileprivate static func encode<Value: BitwiseCopyable>(_ table: ByteTable<Value>, to writer: inout BlobWriter) {
        writer.writeRaw(table.arena)
        writer.writeRaw(table.lengths)
        writer.writeRaw(table.values)
    }

    fileprivate static func decodeTable<Value: BitwiseCopyable>(
        _ type: Value.Type, from reader: inout BlobReader
    ) throws(BlobError) -> ByteTable<Value> {
        let arena = try reader.raw(UInt8.self)
        let lengths = try reader.raw(Int32.self)
        let values = try reader.raw(Value.self)
        guard let table = ByteTable(arena: arena, lengths: lengths, values: values) else {
            throw BlobError("corrupt: a word table's keys do not match its values")
        }
        return table
    }

    fileprivate convenience init(decoding reader: inout BlobReader) throws(BlobError) {
        var vocabulary = Vocabulary()
        vocabulary.foldTexts = try reader.strings()
        let foldCount = vocabulary.foldTexts.count
        vocabulary.foldIDs.reserveCapacity(foldCount)
        for (id, text) in vocabulary.foldTexts.enumerated() { vocabulary.foldIDs[text] = Int32(id) }
        vocabulary.foldFlags = try reader.raw(UInt16.self).map { FoldFlags(rawValue: $0) }
        vocabulary.foldPhrases = try reader.raw(Int32.self)
        let listCount = try reader.count(minimumSize: 4)
        guard vocabulary.foldIDs.count == foldCount, vocabulary.foldFlags.count == foldCount,
            vocabulary.foldPhrases.count == foldCount,
            vocabulary.foldPhrases.allSatisfy({ $0 >= -1 && Int($0) < listCount })
        else { throw BlobError("corrupt: the folded-word tables disagree") }
        for _ in 0..<listCount {
            let ruleCount = try reader.count(minimumSize: 8)
            var list: [PhraseRule] = []
            list.reserveCapacity(ruleCount)
            for _ in 0..<ruleCount {
                let words = try reader.raw(Int32.self)
                guard words.allSatisfy({ $0 == PhraseRule.wildcard || ($0 >= 0 && Int($0) < foldCount) }) else {
                    throw BlobError("corrupt: a phrase word is out of range")
                }
                let output: PhraseRule.Output
                switch try reader.uint32() {
                case 0: output = .sending
                case 1: output = .receiving
                case 2: output = .boilerplate
                case 3: output = .concept(Int32(bitPattern: try reader.uint32()))
                case let other: throw BlobError("corrupt: phrase output \(other)")
                }
                list.append(PhraseRule(words: words, output: output))
            }
            vocabulary.phraseLists.append(list)
        }
        let knownKeys = try reader.strings()
        let knownValues = try reader.raw(KnownWord.self)
        guard knownKeys.count == knownValues.count else { throw BlobError("corrupt: known words without values") }
        vocabulary.termTexts = try reader.strings()
        let termCount = vocabulary.termTexts.count
        vocabulary.termIDs.reserveCapacity(termCount)
        for (id, text) in vocabulary.termTexts.enumerated() { vocabulary.termIDs[text] = Int32(id) }
        func valid(_ word: KnownWord) -> Bool {
            word.fold >= 0 && Int(word.fold) < foldCount
                && Language.allCases.map(word.stem).allSatisfy {
                    $0 >= -1 && Int($0) < termCount
                }
        }
        guard vocabulary.termIDs.count == termCount, knownValues.allSatisfy(valid) else {
            throw BlobError("corrupt: the term tables disagree")
        }
        for phrase in vocabulary.phraseLists.joined() {
            if case .concept(let id) = phrase.output, id < 0 || Int(id) >= termCount {
                throw BlobError("corrupt: a concept is out of range")
            }
        }
        vocabulary.known = Dictionary(uniqueKeysWithValues: zip(knownKeys, knownValues))
        let knownWords = try Self.decodeTable(KnownWord.self, from: &reader)
        let asciiFolds = try Self.decodeTable(Int32.self, from: &reader)
        guard knownWords.values.allSatisfy(valid), asciiFolds.values.allSatisfy({ $0 >= 0 && Int($0) < foldCount })
        else { throw BlobError("corrupt: a word table points outside the vocabulary") }
        self.init(vocabulary: vocabulary, knownWords: knownWords, asciiFolds: asciiFolds)
    }
}

extension TypoCorrector {
    fileprivate func encode(to writer: inout BlobWriter) {
        writer.writeRaw(surfaceStems)
        writer.writeRaw(surfaceFrequency)
        writer.writeRaw(asciiSpellings.arena)
        writer.writeRaw(asciiSpellings.lengths)
        writer.writeRaw(asciiSpellings.values.map(\.surface))
        writer.writeRaw(asciiSpellings.values.map { Int32($0.deletionOf.count) })
        writer.writeRaw(Array(asciiSpellings.values.map(\.deletionOf).joined()))
        let other = otherDeletions.sorted { $0.key < $1.key }
        writer.write(other.map(\.key))
        for (_, folds) in other { writer.writeRaw(folds) }
        writer.write(String(otherAlphabet.sorted()))
    }

    fileprivate init(decoding reader: inout BlobReader, foldCount: Int, termCount: Int) throws(BlobError) {
        surfaceStems = try reader.raw(Int32.self)
        surfaceFrequency = try reader.raw(Int32.self)
        guard surfaceStems.count == foldCount, surfaceFrequency.count == foldCount,
            surfaceStems.allSatisfy({ $0 == Self.notSurface || ($0 >= -1 && Int($0) < termCount) })
        else { throw BlobError("corrupt: the typo tables do not fit \(foldCount) words") }
        let arena = try reader.raw(UInt8.self)
        let lengths = try reader.raw(Int32.self)
        let surfaces = try reader.raw(Int32.self)
        let counts = try reader.raw(Int32.self)
        let flat = try reader.raw(Int32.self)
        func isFold(_ fold: Int32) -> Bool { fold >= 0 && Int(fold) < foldCount }
        guard surfaces.count == counts.count, counts.allSatisfy({ $0 >= 0 }),
            counts.reduce(0, { $0 + Int($1) }) == flat.count, surfaces.allSatisfy({ $0 == -1 || isFold($0) }),
            flat.allSatisfy(isFold)
        else { throw BlobError("corrupt: the spelling table disagrees with itself") }
        var spellings: [Spelling] = []
        spellings.reserveCapacity(surfaces.count)
        var start = 0
        for index in surfaces.indices {
            let end = start + Int(counts[index])
            spellings.append(Spelling(surface: surfaces[index], deletionOf: Array(flat[start..<end])))
            start = end
        }
        guard let table = ByteTable(arena: arena, lengths: lengths, values: spellings) else {
            throw BlobError("corrupt: the spelling table's keys do not match its values")
        }
        asciiSpellings = table
        let keys = try reader.strings()
        var other: [String: [Int32]] = [:]
        for key in keys {
            let folds = try reader.raw(Int32.self)
            guard folds.allSatisfy(isFold) else { throw BlobError("corrupt: a deletion points outside the words") }
            other[key] = folds
        }
        otherDeletions = other
        otherAlphabet = Set(try reader.string())
    }
}
