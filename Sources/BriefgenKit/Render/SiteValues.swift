/// The site's own values as every page's layout reads them (`{{site.title}}`, `{{site.base}}`,
/// `{{site.asOf}}`…): one row, worked out once per build from the configuration and shared by
/// the pages, where each page made an object with a closure per value (and formatted the
/// `as_of` date again). A page reading it records the configuration (`PageReader.siteContext`).
final class SiteValues: TemplateRows, @unchecked Sendable {
    // Safe: `values` holds texts and absent values only (no object), is set once in `init`
    // and never changed; the base class's properties (`count`, `keys`) are constants too.
    private static let columns = ["title", "description", "language", "base", "baseURL", "author", "asOf", "asOfISO",
                                  "disclaimer"]
    private let values: [TemplateValue]

    init(_ config: SiteConfig) {
        let strings = config.strings
        values = [
            .text(config.title), .optionalText(config.description), .text(config.language), .text(config.basePath),
            .text(config.baseURL), .optionalText(config.author), .optionalText(config.asOf.map(strings.date)),
            .optionalText(config.asOf?.iso), .optionalText(config.disclaimer),
        ]
        super.init(count: 1, keys: Self.columns)
    }

    override func value(row: Int, named name: String) -> TemplateValue? {
        Self.columns.firstIndex(of: name).map { values[$0] }
    }
}
