/// What a build leaves behind for the next one: input stamps and hashes, parsed documents
/// (without bodies), rendered-body summaries (without HTML), each output's fingerprint and the
/// slices it was made from, and every diagnostic, so warnings of unchanged files still show.
public struct BuildState: Sendable {
    /// Bumped whenever the encoding or the meaning of a field changes.
    static let formatVersion: UInt64 = 1
    static let magic = "briefgen-build-graph"

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

    /// An output file: its bytes' fingerprint and, for pages, the slices read to make it.
    struct Output: Sendable, Equatable {
        var hash: UInt64
        var deps: [Dep]
    }

    struct Dep: Sendable, Equatable {
        var slice: String
        var fingerprint: UInt64
    }

    /// Options that change every output when they change (base URL, drafts, output folder).
    var optionsKey: String = ""
    var inputs: [String: Input] = [:]
    var documents: [String: CachedDocument] = [:]
    /// Body summaries by document id, valid for `bodyKey`.
    var bodies: [String: RenderedBody] = [:]
    /// Link table and Markdown settings the bodies were rendered with.
    var bodyKey: UInt64 = 0
    var outputs: [String: Output] = [:]
    /// Hash of each template's text with the templates it includes.
    var templates: [String: UInt64] = [:]
    /// Diagnostics not tied to one content file (config, templates, references), from the last build.
    var siteDiagnostics: [Diagnostic] = []

    init() {}
}
