/// One page of an actor's mention list (`PageReader.mentionGroups`): a row per source, with
/// its passages, read by `actor.mustache` as `mentions` (`source.title`, `count`, `items`…).
final class MentionGroupRows: TemplateRows {
    /// The groups and their passages, gathered source by source: passages first
    /// (`addPassage`), then the group they belong to (`closeGroup`).
    struct Table {
        /// The sources' ids, their URLs, the kind of page each is in words ("a source", "a
        /// note") and how many times it names the actor, in words.
        let sources: [String]
        /// Their titles, looked up beforehand (`PageReader.lookUpTitles`).
        fileprivate let titles: [String]
        fileprivate var sourceURLs: [String] = []
        fileprivate var kindLabels: [String] = []
        fileprivate var countLabels: [String] = []
        /// "2 more passages" where passages are folded away.
        fileprivate var moreLabels: [String?] = []
        /// Whether a source's passages are its own words, to be quoted.
        fileprivate var quoted: [Bool] = []
        /// Where each source's passages start in `snippets`, then where the last one's end.
        fileprivate var starts: [Int] = [0]
        /// Every passage of the page, source after source, and its link.
        fileprivate var snippets: [String] = []
        fileprivate var urls: [String] = []

        init(sources: [String], titles: [String]) {
            (self.sources, self.titles) = (sources, titles)
        }

        /// Adds a passage of the group being gathered.
        mutating func addPassage(_ snippet: String, url: String) {
            snippets.append(snippet)
            urls.append(url)
        }

        /// Closes the group of the next source, whose passages were added last; `more` words
        /// how many are folded away, when any are.
        mutating func closeGroup(url: String, kindLabel: String, countLabel: String, quoted: Bool,
                                 more: (_ folded: Int) -> String) {
            let folded = snippets.count - starts[starts.count - 1] - MentionGroupRows.shown
            sourceURLs.append(url)
            kindLabels.append(kindLabel)
            countLabels.append(countLabel)
            self.quoted.append(quoted)
            moreLabels.append(folded > 0 ? more(folded) : nil)
            starts.append(snippets.count)
        }
    }

    /// How many passages a source shows before the rest are folded away.
    static let shown = 3
    private static let columns = ["source", "count", "items", "more", "moreItems"]

    private let table: Table
    private let sources: Sources

    init(_ table: Table, reader: PageReader) {
        self.table = table
        sources = Sources(table, reader: reader)
        super.init(count: table.countLabels.count, keys: Self.columns)
    }

    override func value(row: Int, named name: String) -> TemplateValue? {
        let start = table.starts[row], end = table.starts[row + 1]
        let fold = min(start + Self.shown, end)
        switch name {
        case "source": return .row(sources, row)
        case "count": return .text(table.countLabels[row])
        case "items": return .rows(Passages(table, start..<fold, quoted: table.quoted[row]))
        case "more": return .optionalText(table.moreLabels[row])
        case "moreItems": return .rows(Passages(table, fold..<end, quoted: table.quoted[row]))
        default: return nil
        }
    }

    /// The source of each group: its title and short name are read (and the page's
    /// dependence on them recorded) only when the template shows them.
    private final class Sources: TemplateRows {
        private static let columns = ["title", "url", "kind", "short"]
        private let ids: [String]
        private let titles: [String]
        private let urls: [String]
        private let kindLabels: [String]
        private let reader: PageReader

        init(_ table: Table, reader: PageReader) {
            (ids, titles, urls, kindLabels, self.reader) = (table.sources, table.titles, table.sourceURLs, table.kindLabels, reader)
            super.init(count: table.countLabels.count, keys: Self.columns)
        }

        override func value(row: Int, named name: String) -> TemplateValue? {
            switch name {
            case "title": .text(reader.title(ids[row], lookedUp: titles[row]))
            case "url": .text(urls[row])
            case "kind": .text(kindLabels[row])
            case "short": .text(reader.short(ids[row]))
            default: nil
            }
        }
    }

    /// Some of one source's passages: the snippet, whether it is quoted, and its link.
    private final class Passages: TemplateRows {
        private static let columns = ["snippet", "quoted", "url"]
        private let snippets: [String]
        private let urls: [String]
        private let start: Int
        private let quoted: Bool

        init(_ table: Table, _ range: Range<Int>, quoted: Bool) {
            (snippets, urls, start, self.quoted) = (table.snippets, table.urls, range.lowerBound, quoted)
            super.init(count: range.count, keys: Self.columns)
        }

        override func value(row: Int, named name: String) -> TemplateValue? {
            switch name {
            case "snippet": .text(snippets[start + row])
            case "quoted": .flag(quoted)
            case "url": .text(urls[start + row])
            default: nil
            }
        }
    }
}
