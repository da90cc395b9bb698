import Foundation

/// The search index node of a rebuild: its files made again per node from the previous
/// build's (`SearchIndex.init(updating:)`), when the edit allows it.
extension BuildEngine {
    /// The search index of this revision made from the previous build's files, or nil when it
    /// is made whole: on a clean build, after a settings change, when a body is read with other
    /// mention names, when some reference resolves to or from an actor differently (documents
    /// list actors by reference), or when the previous files cannot be read back as recorded.
    func updatedSearchIndex(model: SiteModel, revision: GraphRevision, changes: LinkChanges?, parses: Parses, old: BuildState,
                            summaries: [String: RenderedBody], previousBody: (String) -> RenderedBody?) -> SearchIndex? {
        guard previous != nil, !options.inMemory, !revision.settingsChanged, let changes,
              !changes.resolution.contains(where: { SearchIndex.kind(of: $0) == .actor }),
              let previousIDs = keptShape?.index.numbers.ids ?? store?.shape()?.ids else { return nil }
        // The changed documents as the previous index saw them.
        var documents: [String: Document] = [:]
        for parse in parses.reparsed {
            if let document = parse.before?.document { documents[document.id] = document }
        }
        for path in parses.removed {
            if let document = previousRecord(at: path, old: old)?.document { documents[document.id] = document }
        }
        var before: [String: SearchIndex.Before] = [:]
        for id in revision.searchDocuments.union(documents.keys) {
            let current = model.index.documents[id]
            let body = summaries[id] != nil || current == nil ? previousBody(id) : model.index.bodies[id]
            before[id] = SearchIndex.Before(document: documents[id] ?? current, body: body)
        }
        let (fs, outputDir, records) = (fs, options.outputDir, old.outputs)
        return SearchIndex(updating: model, previousIDs: previousIDs,
                           previousOutputs: records.keys.filter(SearchIndex.isIndexFile), before: before) { path in
            // A previous file is used only when it has the bytes the graph recorded.
            guard let record = records[path], let data = fs.read(joinPath(outputDir, path)),
                  data.withUnsafeBytes({ Checksum.of($0.bindMemory(to: UInt8.self)) }) == record.hash else { return nil }
            return data
        }
    }
}
