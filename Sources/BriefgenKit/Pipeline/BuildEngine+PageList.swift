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
        for output in previousOutputs where output.contains("/page/") {
            guard let page = PageSpec.page(output: output), let list = page.list else { continue }
            counts[list.name] = max(counts[list.name] ?? 1, page.number)
        }
        for list in PagedList.indexes where lists.pageCount(list) != counts[list.name] ?? 1 { return false }
        for document in documents where document.kind == .actor {
            let list = PagedList.mentions(actor: document.id)
            let size = lists.pageSize(list)
            let pageCount = max(1, (index.mentioningSources(of: document.id).count + size - 1) / size)
            if pageCount != counts[list.name] ?? 1 { return false }
        }
        return true
    }
}
