/// Pages of the paginated lists: the items a page shows, its navigation (`pager`), and links
/// to an item's anchor on the page that holds it.
extension PageReader {
    /// The items on page `number` of `list`, logged as that page's slice (its items only).
    func listItems(_ list: PagedList, page number: Int) -> [String] {
        log.record(Slice.listPage(list, number))
        return Array(model.lists.items(list, page: number))
    }

    /// How many pages `list` takes.
    func pageCount(_ list: PagedList) -> Int {
        log.record(Slice.listPageCount(list))
        return model.lists.pageCount(list)
    }

    /// The URL of `anchor` on the page of `list` that holds `item`: every link to an item of a
    /// list page by anchor (`timeline/page/3/#ban-imposed`, a disputed question) is made here.
    func itemURL(in list: PagedList, item: String, anchor: String) -> String {
        // As kind and argument: the slice's whole name is made only the first time.
        log.record(.listItemPage, Slice.listItemArgument(list, item))
        let number = model.lists.page(of: item, in: list) ?? 1
        return url(list.urlPath(page: number)) + "#" + anchor
    }

    /// The title of page `number` of a list: "Sources, page 2 of 5" (page 1 keeps its title).
    func pagedTitle(_ title: String, list: PagedList?, number: Int) -> String {
        guard let list, number > 1 else { return title }
        let count = pageCount(list)
        return strings.format(pluralKey("pager_title", count), ["title": title, "n": String(number), "m": String(count)])
    }

    /// The `_one` or `_other` form of `key` for `count`, by the language's rule.
    private func pluralKey(_ key: String, _ count: Int) -> String {
        let one = strings.language == "fr" ? count <= 1 : count == 1
        return key + (one ? "_one" : "_other")
    }

    private static let pagerKeys = ["number", "count", "isFirst", "isLast", "label", "position", "prev", "next", "pages"]
    private static let pagerLinkKeys = ["number", "url", "label", "current", "gap"]

    /// The navigation of a page of a paginated list (`{{#pager}}`): absent on a list of one
    /// page. Numbered links show the first and last pages and two either side of this one,
    /// with a gap (`gap`) where pages are left out.
    func pager(list: PagedList?, number: Int) -> Any {
        guard let list else { return Absent() }
        let count = pageCount(list)
        guard count > 1 else { return Absent() }
        // A link's values: to `page`, or (`gap`) standing for the pages left out before it.
        func value(_ page: Int, gap: Bool, _ key: String) -> TemplateValue? {
            switch key {
            case "number": .number(page)
            case "url": .text(self.url(list.urlPath(page: page)))
            case "label": .text(self.strings.format("pager_page", ["n": String(page)]))
            case "current": .flag(page == number && !gap)
            case "gap": .flag(gap)
            default: nil
            }
        }
        func link(_ page: Int) -> TemplateValue {
            .row(ComputedRows(count: 1, keys: Self.pagerLinkKeys) { _, key in value(page, gap: false, key) }, 0)
        }
        // The numbered links as rows (on every page of a list: no object per link).
        func numbered() -> TemplateValue {
            var shown: [(page: Int, gap: Bool)] = []
            var last = 0
            for page in 1...count where page == 1 || page == count || abs(page - number) <= 2 {
                if page > last + 1 { shown.append((last + 1, true)) }
                shown.append((page, false))
                last = page
            }
            return .rows(ComputedRows(count: shown.count, keys: Self.pagerLinkKeys) { row, key in
                value(shown[row].page, gap: shown[row].gap, key)
            })
        }
        return LazyObject(keys: Self.pagerKeys) { key -> Any in
            switch key {
            case "number": number
            case "count": count
            case "isFirst": number == 1
            case "isLast": number == count
            case "label": self.strings["pager_label"]
            case "position": self.strings.format(self.pluralKey("pager_position", count), ["n": String(number), "m": String(count)])
            case "prev": number > 1 ? link(number - 1) as Any : Absent()
            case "next": number < count ? link(number + 1) as Any : Absent()
            default: numbered()
            }
        }
    }
}
