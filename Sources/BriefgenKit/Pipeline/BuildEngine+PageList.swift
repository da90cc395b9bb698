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
    func keepsPageList(documents: [Document], lists: SiteLists, index: SiteIndex, parses: Parses,
                       previousIDs: [String], previousOutputs: [String]) -> Bool {
        guard parses.removed.isEmpty, documents.count == previousIDs.count,
              !documents.contains(where: { !$0.fields.movedFrom.isEmpty }),
              !parses.reparsed.contains(where: { !($0.before?.document?.fields.movedFrom.isEmpty ?? true) }) else { return false }
        let before = Set(previousIDs)
        guard documents.allSatisfy({ before.contains($0.id) }) else { return false }
        // How many pages each list took: its later pages are outputs of the previous build.
        var counts: [String: Int] = [:]
        for output in previousOutputs where Self.isLaterPage(output) {
            guard let page = PageSpec.page(output: output), let list = page.list else { continue }
            counts[list.name] = max(counts[list.name] ?? 1, page.number)
        }
        for list in PagedList.indexes where lists.pageCount(list) != counts[list.name] ?? 1 { return false }
        // An actor's sources are counted in the mention table, each once (`seenBy`: the last
        // actor that counted a source).
        var seenBy = [Int32](repeating: -1, count: index.numbers.ids.count)
        for document in documents where document.kind == .actor {
            let list = PagedList.mentions(actor: document.id)
            var sources = 0
            if let target = index.numbers.number(of: document.id) {
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
