import Foundation

/// The page list node's early cutoff: the list reads each selected document's id and kind, the
/// old URLs documents give (`moved_from`), and how many pages each paginated list takes. When
/// these are the previous build's, the list is the previous one, without making every list's
/// items (an actor's mention list is sorted by its sources' titles; its length is all that
/// counts here).
extension BuildEngine {
    /// Whether the page list of `documents` (every selected document) is the previous build's
    /// (`previousIDs`: its documents; `previousOutputs`: its outputs, which name each list's
    /// later pages). False whenever a document gives an old URL: redirects are checked with
    /// the list.
    func keepsPageList(_ documents: ListedDocuments, lists: SiteLists, index: SiteIndex, parses: Parses,
                       previousIDs: [String], previousOutputs: [String]) -> Bool {
        guard parses.removed.isEmpty, documents.ids.count == previousIDs.count, !documents.anyMovedFrom else { return false }
        let before = Set(previousIDs)
        guard documents.ids.allSatisfy({ before.contains($0) }) else { return false }
        // How many pages each list took: its later pages are outputs of the previous build.
        var counts: [String: Int] = [:]
        for output in previousOutputs where Self.isLaterPage(output) {
            guard let page = PageSpec.page(output: output), let list = page.list else { continue }
            counts[list.name] = max(counts[list.name] ?? 1, page.number)
        }
        // With the same documents, each list of a kind's documents keeps its length; the business
        // index changes only with a body's business sections (the caller's check), the disputes
        // only with an event's disputed questions: only then is that list counted again (the
        // business index reads every article's body, the disputes every event).
        let disputesChanged = parses.reparsed.contains { parse in
            (parse.before?.document?.fields.disputed.isEmpty ?? true) != (parse.document?.fields.disputed.isEmpty ?? true)
        }
        if disputesChanged, lists.pageCount(.disputes) != counts[PagedList.disputes.name] ?? 1 { return false }
        // An actor's sources are counted in the mention table, each once (`seenBy`: the last
        // actor that counted a source).
        var seenBy = [Int32](repeating: -1, count: index.numbers.ids.count)
        for actor in documents.actors {
            let list = PagedList.mentions(actor: actor)
            var sources = 0
            if let target = index.numbers.number(of: actor) {
                for edge in index.mentionTable[target] where seenBy[Int(edge.source)] != Int32(target) {
                    seenBy[Int(edge.source)] = Int32(target)
                    sources += 1
                }
            }
            let size = lists.pageSize(list)
            if max(1, (sources + size - 1) / size) != counts[list.name] ?? 1 { return false }
        }
        return true
    }

    /// What the page list reads of every selected document: its id, the actors among them, and
    /// whether the redirects of old URLs (`moved_from`) may differ.
    struct ListedDocuments {
        var ids: [String]
        var actors: [String]
        var anyMovedFrom: Bool
    }

    /// The listed documents: from every selected document when they were read, else (an index
    /// updated in place, whose documents kept their ids and keys) from the index and link table.
    /// With every document read, whenever one gives or gave an old URL (the cross-document checks
    /// are then made without the redirects'); else whenever a file parsed again changed its old URLs.
    func listedDocuments(selected: [Document]?, index: SiteIndex, parses: Parses) -> ListedDocuments? {
        if let all = selected {
            return ListedDocuments(ids: all.map(\.id), actors: all.filter { $0.kind == .actor }.map(\.id),
                                   anyMovedFrom: all.contains { !$0.fields.movedFrom.isEmpty }
                                       || parses.reparsed.contains { !($0.before?.document?.fields.movedFrom.isEmpty ?? true) })
        }
        return ListedDocuments(ids: index.numbers.ids, actors: index.idsByKind[.actor] ?? [],
                               anyMovedFrom: parses.reparsed.contains { $0.before?.document?.fields.movedFrom != $0.document?.fields.movedFrom })
    }

    /// Whether an output path holds `/page/` (page 2… of a list), told on its bytes.
    static func isLaterPage(_ output: String) -> Bool {
        let marker = Array("/page/".utf8)
        var output = output
        return output.withUTF8 { bytes in
            guard bytes.count >= marker.count else { return false }
            for start in 0...(bytes.count - marker.count) where bytes[start] == 0x2F {
                if (1..<marker.count).allSatisfy({ bytes[start + $0] == marker[$0] }) { return true }
            }
            return false
        }
    }
}
