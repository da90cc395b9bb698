/// One page of an actor's mention list (`PageReader.mentionGroups`): a row per source, with
/// its passages, read by `actor.mustache` as `mentions` (`source.title`, `count`, `items`…).
final class MentionGroupRows: TemplateRows {
    /// The groups and their passages, gathered source by source.
    struct Table {
        /// The sources' ids, their URLs, the kind of page each is ("source", "note") and how
        /// many times it names the actor, in words.
        let sources: [String]
        var sourceURLs: [String] = []
        var kinds: [String] = []
        var counts: [String] = []
        /// "2 more passages" where passages are folded away.
        var more: [String?] = []
        /// Whether a source's passages are its own words, to be quoted.
        var quoted: [Bool] = []
        /// Where each source's passages start in `snippets`, then where the last one's end.
        var starts: [Int] = [0]
        /// Every passage of the page, source after source, and its link.
        var snippets: [String] = []
        var urls: [String] = []

        init(sources: [String]) {
            self.sources = sources
        }

        /// Closes the group of the next source, whose passages were added last.
        mutating func append(url: String, kind: String, count: String, quoted: Bool, more: String?) {
            sourceURLs.append(url)
            kinds.append(kind)
            counts.append(count)
            self.quoted.append(quoted)
            self.more.append(more)
            starts.append(snippets.count)
        }
    }

    /// How many passages a source shows before the rest are folded away.
    static let shown = 3
    private static let keys = ["source", "count", "items", "more", "moreItems"]

    private let table: Table
    private let sources: MentionSourceRows

    init(_ table: Table, reader: PageReader) {
        self.table = table
        sources = MentionSourceRows(table, reader: reader)
        super.init(count: table.counts.count, keys: Self.keys)
    }

    override func value(row: Int, named name: String) -> TemplateValue? {
        let start = table.starts[row], end = table.starts[row + 1]
        let fold = min(start + Self.shown, end)
        switch name {
        case "source": return .row(sources, row)
        case "count": return .text(table.counts[row])
        case "items": return .rows(PassageRows(table, start..<fold, quoted: table.quoted[row]))
        case "more": return .optionalText(table.more[row])
        case "moreItems": return .rows(PassageRows(table, fold..<end, quoted: table.quoted[row]))
        default: return nil
        }
    }
}

/// The source of each group of a mention list: its title and short name are read (and the
/// page's dependence on them recorded) only when the template shows them.
final class MentionSourceRows: TemplateRows {
    private let ids: [String]
    private let urls: [String]
    private let kinds: [String]
    private let reader: PageReader

    init(_ table: MentionGroupRows.Table, reader: PageReader) {
        (ids, urls, kinds, self.reader) = (table.sources, table.sourceURLs, table.kinds, reader)
        super.init(count: table.counts.count, keys: Self.keys)
    }

    private static let keys = ["title", "url", "kind", "short"]

    override func value(row: Int, named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(reader.title(ids[row]))
        case "url": .text(urls[row])
        case "kind": .text(kinds[row])
        case "short": .text(reader.short(ids[row]))
        default: nil
        }
    }
}

/// Some of one source's passages: the snippet, whether it is quoted, and its link.
final class PassageRows: TemplateRows {
    private let snippets: [String]
    private let urls: [String]
    private let start: Int
    private let quoted: Bool

    init(_ table: MentionGroupRows.Table, _ range: Range<Int>, quoted: Bool) {
        (snippets, urls, start, self.quoted) = (table.snippets, table.urls, range.lowerBound, quoted)
        super.init(count: range.count, keys: Self.keys)
    }

    private static let keys = ["snippet", "quoted", "url"]

    override func value(row: Int, named name: String) -> TemplateValue? {
        switch name {
        case "snippet": .text(snippets[start + row])
        case "quoted": .flag(quoted)
        case "url": .text(urls[start + row])
        default: nil
        }
    }
}
