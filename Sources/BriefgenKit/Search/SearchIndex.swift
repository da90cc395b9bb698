import Foundation
import Synchronization

/// The site's static search index, written under `search/` as outputs of the build graph:
/// a small manifest (`search/index.json`), term shards by prefix (`search/t/an.json`), the
/// document table in shards (`search/d/K-N.json`), the documents' text for snippets
/// (`search/x/K-N.json`), the documents mentioning or listing each actor (`search/a/N.json`)
/// and the dated documents (`search/dates.json`). Each file is an output whose slice is
/// `sq:PATH`, fingerprinted by its own content, so an edit rewrites only the files whose
/// bytes change. See README "Search" for the format.
public struct SearchIndex: Sendable {
    /// Every file made whole from the site (all but the text shards), by output path.
    var files: [String: Data] = [:]
    /// The documents each text shard holds (number and id), by output path.
    var textShards: [String: [Member]] = [:]
    /// Every output of the index, sorted.
    public internal(set) var outputs: [String] = []
    /// The previous build's bytes of the files an update kept (in neither `files` nor `textShards`).
    var kept: (@Sendable (String) -> Data?)?
    /// The files an update made with other bytes or members (nil: the index was made whole).
    var remade: Set<String>?
    /// How many documents' records were made (every one, or an update's changed ones).
    var recordsMade = 0

    struct Member: Sendable, Hashable {
        var number: Int
        var id: String
    }

    /// Where the index lives in the output.
    static let folder = "search/"
    /// The kinds in the order their numbers go (kind K's numbers are `K << 24 | slot`).
    static let kinds: [DocumentKind] = DocumentKind.allCases.sorted { $0.folder < $1.folder }
    /// A term shard larger than this is split by one more character of its terms.
    static let shardTarget = 24 * 1024
    /// Longest key a term shard is split to.
    static let maxKeyLength = 6
    /// How much of a document's text a text shard keeps for snippets, in UTF-8 bytes.
    static let textLimit = 16 * 1024

    /// Whether an output path is a file of the index (the `/search/` page is not).
    static func isIndexFile(_ output: String) -> Bool { output.hasPrefix(folder) && output.hasSuffix(".json") }

    /// The fingerprint of one file's content (`sq:PATH`): its bytes, or for a text shard, which
    /// documents it holds (their bodies are slices of their own).
    func fingerprint(_ output: String) -> UInt64 {
        if let data = files[output] ?? (textShards[output] == nil ? kept?(output) : nil) { return Checksum.of(data) }
        guard let members = textShards[output] else { return 0 }
        var hash = StableHash()
        for member in members { hash.combine(decimal: member.number); hash.combine(member.id) }
        return hash.value
    }

    /// The bytes of one file; a text shard reads its documents' bodies through `reader`.
    func file(_ output: String, _ reader: PageReader) -> Data {
        if let data = files[output] ?? (textShards[output] == nil ? kept?(output) : nil) { return data }
        var json = JSONWriter()
        json.open("{")
        for member in textShards[output] ?? [] {
            json.key(String(member.number))
            json.text(reader.bodyText(member.id), limit: Self.textLimit)
        }
        json.close("}")
        return json.data
    }
}

/// The index of a site model, made once per model on first use.
public final class SearchIndexCache: Sendable {
    private let value = Mutex<SearchIndex?>(nil)

    public init() {}

    /// Sets the index, before any use (the body-edit rebuild's unchanged index).
    func preset(_ index: SearchIndex) {
        value.withLock { $0 = index }
    }

    func index(_ model: SiteModel) -> SearchIndex {
        value.withLock { index in
            if let index { return index }
            let made = SearchIndex(model: model)
            index = made
            return made
        }
    }
}

extension SiteModel {
    /// The search index of this site.
    var searchIndex: SearchIndex { search.index(self) }
}
