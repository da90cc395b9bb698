/// Every variable name the context builder can provide, whatever the site holds.
///
/// Found by building the contexts of a small specimen site that has one of every kind of
/// page with every optional field filled, so a template reading `business.actions` is fine
/// on a site without business pages, while a typo such as `page.titel` is still caught.
enum ContextVocabulary {
    static let keys: Set<String> = {
        let files: [(String, String)] = [
            ("content/actors/a.md", "---\nname: A\nkind: company\naliases: [Ay]\nsummary: s\ncountry: UK\naffiliation: b\n---\nA body.\n\n## One\n\n## Two\n\n## Three\n"),
            ("content/actors/b.md", "---\nname: B\nkind: person\nsummary: s\nmoved_from: [c]\n---\nB names A.\n"),
            ("content/articles/s.md", "---\ntitle: S\noutlet: O\nauthor: W\npublished: 2026-01-02\nurl: https://example.org/\nactors: [a]\nsummary: s\n---\nA and B met.\n\n## What this means for you\n\nThis.\n"),
            ("content/events/e.md", "---\ntitle: E\ndate: 2026-01\nactors: [a]\nsources: [s]\nsummary: s\nfacts: {f: x}\ndisputed:\n  - question: Q\n    answers:\n      - says: x\n        sources: [s]\n      - says: y\n        sources: [s]\n        basis: inference\n---\nSee [[a]].\n"),
            ("content/events/e2.md", "---\ntitle: E2\ndate: 2026-01-02\nafter: [e]\nsources: [s]\nfacts: {f: y}\n---\nE2.\n"),
            ("content/business/p.md", "---\ntitle: P\naudience: [x]\nsummary: s\nactions: [{do: d, owner: o, when: w, priority: high, rule: r}]\nrelated: [a]\n---\nBody.\n"),
            ("content/notes/n.md", "---\ntitle: N\nrelated: [a]\nsummary: s\nstory: true\n---\nA and B.\n"),
        ]
        let documents = files.compactMap { DocumentParser.parse(path: $0.0, text: $0.1).0 }
        var config = SiteConfig()
        config.description = "d"
        config.author = "w"
        config.asOf = PartialDate(year: 2026, month: 1)
        config.status = ["k"]
        config.disclaimer = "d"
        config.pageSizes.default = 1  // every list over several pages, so pages have their pager
        let links = LinkTable(documents: documents)
        let bodies = Stages.renderBodies(documents, renderer: MarkdownRenderer(links: links), config: config)
        let index = SiteIndex(documents: documents, bodies: bodies, links: links)
        let history = ChangeHistory(commits: [
            .init(hash: "0", time: 0, subject: "s", files: [.init(status: "M", path: "content/notes/n.md"),
                                                             .init(status: "D", path: "content/notes/gone.md")]),
        ])
        let model = SiteModel(config: config, links: links, index: index,
                              bodies: BodyStore(known: bodies.mapValues(\.html)) { _ in "" }, history: history)
        var keys = Set<String>()
        for page in PageSpec.all(documents: documents, lists: model.lists) { contextKeys(PageReader(model: model).context(for: page), into: &keys) }
        return keys
    }()
}
