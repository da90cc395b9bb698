/// What a build leaves behind for the next one: input stamps and hashes, parsed documents
/// (without bodies), rendered-body summaries (without HTML), each output's fingerprint and the
/// slices it was made from, and every diagnostic, so warnings of unchanged files still show.
/// On disk: a header, 64 document shards, the site shape (`SiteShape`), and the slice and
/// output tables with their journal (`BuildState+Tables.swift`), read and written only by
/// `GraphStore`; the README has the table. The header names every other file by the checksum
/// of its bytes (a shard by its listing's, which names each record's), and ends with its own:
/// one format version, and one integrity check.
public struct BuildState: Sendable {
    /// Bumped whenever the encoding or the meaning of a field changes.
    static let formatVersion: UInt64 = 26
    static let magic = "briefgen-build-graph"
    /// The site shape's file in the graph's folder (`SiteShape.swift`).
    static let indexFile = "index.bin"

    /// A site file as last seen.
    struct Input: Hashable, Sendable {
        var stamp: FileStamp
        var hash: UInt64
    }

    /// A content file's results: the document (body dropped), its body summary and diagnostics.
    struct CachedDocument: Sendable {
        /// Hash of the file and its sidecar.
        var inputHash: UInt64
        var document: Document?
        var diagnostics: [Diagnostic]
    }

    /// An output file: its bytes' fingerprint and the slices read to make it, in the order
    /// read, as indices into `slices`.
    struct Output: Sendable, Equatable {
        var hash: UInt64
        var deps: [Int32]
    }

    /// Options that change every output when they change (base URL, drafts, output folder).
    var optionsKey: String = ""
    var inputs: [String: Input] = [:]
    var documents: [String: CachedDocument] = [:]
    /// Body summaries by document id, valid for `bodyKey`.
    var bodies: [String: RenderedBody] = [:]
    /// Markdown settings, content assets and mention names the bodies were rendered with.
    var bodyKey: UInt64 = 0
    /// Checksums of the bytes of the other files of the graph (0: none written): `index.bin`,
    /// the site shape of this build; each document shard, by number; the tables file and its
    /// journal; the slices and outputs the journal holds (`BuildState+Tables.swift`).
    var indexHash: UInt64 = 0
    var shardHashes = [UInt64](repeating: 0, count: BuildState.shardCount)
    var tablesHash: UInt64 = 0
    var journalHash: UInt64 = 0
    var journaledSlices = Set<Int32>()
    var journaledOutputs = Set<String>()
    var outputs: [String: Output] = [:]
    /// Every slice some output depends on, with its fingerprint when the build finished. A kept
    /// output was made from these very values (it would have been re-rendered otherwise), so one
    /// table serves every output instead of a fingerprint per dependency.
    var slices = SliceNames()
    var sliceFingerprints: [UInt64] = []
    /// Each slice's scope and id hash, when the tables were just decoded (not stored).
    var sliceKeys: [SliceKey] = []
    /// Hash of each template's text with the templates it includes.
    var templates: [String: UInt64] = [:]
    /// The template set's key and what checking its variables found (not re-checked while the
    /// templates stay the same).
    var templateKey: UInt64 = 0
    var templateLint: [Diagnostic] = []
    /// Every diagnostic of the build and its number of pages, kept in the header so that an
    /// up-to-date build reads nothing else.
    var allDiagnostics: [Diagnostic] = []
    /// Fingerprint of the content history and SOURCE_DATE_EPOCH the build used.
    var historyKey: UInt64 = 0
    var pageCount = 0
    /// Diagnostics not tied to one content file (config, templates, references), from the last build.
    var siteDiagnostics: [Diagnostic] = []
    /// The diagnostics of every document's parse and body, for a rebuild that reads only the
    /// documents it parses again.
    var contentDiagnostics: [Diagnostic] = []
    /// The diagnostics of the checks across the documents' metadata (repeated ids and names,
    /// front-matter references, old URLs), for a rebuild in which no metadata changed.
    var metadataDiagnostics: [Diagnostic] = []

    init() {}
}
