import Foundation
import Synchronization
import Testing
@testable import BriefgenKit

/// How a page's reads are logged, and the strings pages make by the thousand.
@Suite struct PageReaderTests {
    @Test func theReadLogNamesEachSliceOnceInTheOrderFirstRead() {
        let log = ReadLog()
        log.record(.title, "actors/a")
        log.record(Slice.timeline)
        log.record(.title, "actors/a")
        log.record(.meta, "actors/a")
        log.record(.title, "actors/b")
        log.record(.title, "actors/a")
        log.recordConfig()
        log.record(Slice.timeline)
        log.record(.ids, DocumentKind.actor.folder)
        log.recordConfig()
        #expect(log.names.names == [Slice.title("actors/a"), Slice.timeline, Slice.meta("actors/a"), Slice.title("actors/b"),
                               Slice.config, Slice.ids(.actor)])
    }

    /// Hundreds of slices (an actor's page), the same argument under several kinds, read again
    /// out of order: each named once, in first-read order, past the table's first size.
    @Test func theReadLogKeepsHundredsOfSlicesOnce() {
        let log = ReadLog()
        var expected: [String] = []
        for number in 0..<700 {
            let id = "articles/article-\(number)"
            log.record(.title, id)
            log.record(.excerpt, id)
            expected += [Slice.title(id), Slice.name(.excerpt, id)]
        }
        for number in stride(from: 699, through: 0, by: -7) { log.record(.title, "articles/article-\(number)") }
        #expect(log.names.names == expected)
    }

    @Test func aResolutionIsLoggedUnderItsLowercasedName() {
        let documents = [DocumentParser.parse(path: "content/actors/anthropic.md", text: "---\nname: Anthropic\n---\nA lab.\n").0!]
        let links = LinkTable(documents: documents)
        let bodies = Stages.renderBodies(documents, renderer: MarkdownRenderer(links: links), config: SiteConfig())
        let model = SiteModel(config: SiteConfig(), links: links, index: SiteIndex(documents: documents, bodies: bodies, links: links),
                              bodies: BodyStore(known: bodies.mapValues(\.html)) { _ in "" }, history: nil)
        let reader = PageReader(model: model)
        #expect(reader.resolve("Anthropic")?.id == "actors/anthropic")
        #expect(reader.resolve("anthropic")?.id == "actors/anthropic")
        #expect(reader.log.names.names == [Slice.resolution("Anthropic")])
    }

    /// The site's values and the interface strings are made once a build, but a page reading
    /// them still reads the configuration: a new title or language re-renders it.
    @Test func theSiteValuesAndInterfaceStringsAreReadsOfTheConfiguration() {
        let documents = [DocumentParser.parse(path: "content/actors/anthropic.md", text: "---\nname: Anthropic\n---\nA lab.\n").0!]
        let links = LinkTable(documents: documents)
        let model = SiteModel(config: SiteConfig(), links: links, index: SiteIndex(documents: documents, bodies: [:], links: links),
                              bodies: BodyStore(known: [:]) { _ in "" }, history: nil)
        let site = PageReader(model: model)
        _ = site.siteContext
        #expect(site.log.names.names == [Slice.config])
        let strings = PageReader(model: model)
        _ = strings.stringTable
        #expect(strings.log.names.names == [Slice.config])
    }

    @Test func titlesShortNamesAndExistenceAreReadFromTheLinkTableNotTheDocuments() {
        // A page listing a thousand sources by title decoded each from the previous graph.
        let documents = [
            DocumentParser.parse(path: "content/actors/anthropic.md", text: "---\nname: Anthropic\n---\nA lab.\n").0!,
            DocumentParser.parse(path: "content/articles/long.md",
                                 text: "---\ntitle: A long story about many things at once\nshort: Long story\n---\nText.\n").0!,
        ]
        let links = LinkTable(documents: documents)
        let bodies = Stages.renderBodies(documents, renderer: MarkdownRenderer(links: links), config: SiteConfig())
        var index = SiteIndex(documents: documents, bodies: bodies, links: links)
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
        let reads = Mutex(0)
        index.documents = DocumentStore(overlay: [:], fallback: { id in reads.withLock { $0 += 1 }; return byID[id] })
        let model = SiteModel(config: SiteConfig(), links: links, index: index,
                              bodies: BodyStore(known: bodies.mapValues(\.html)) { _ in "" }, history: nil)
        let reader = PageReader(model: model)
        #expect(reader.title("actors/anthropic") == "Anthropic" && reader.title("articles/none") == "articles/none")
        #expect(reader.short("articles/long") == "Long story" && reader.short("actors/anthropic") == "Anthropic")
        #expect(reader.exists("articles/long") && !reader.exists("articles/none"))
        #expect(Slice.fingerprint(Slice.title("articles/long"), in: model) != Slice.fingerprint(Slice.title("actors/anthropic"), in: model))
        #expect(reads.withLock { $0 } == 0)
        #expect(reader.meta("articles/long").title == "A long story about many things at once" && reads.withLock { $0 } == 1)
    }

    @Test func aJoinedStringIsTheThreeStringsInTurn() {
        let long = String(repeating: "é/x", count: 40)
        let bridged = NSString(string: "über/ß").appending("/")
        let cases: [(String, String, String)] = [
            ("", "", ""), ("/", "actors/a", "/"), ("https://example.org/brief/", "articles/long-" + long, "/"),
            ("/a/", "#p", "12"), (bridged, "naïve", ""), ("日本", bridged, "🇫🇷"),
        ]
        for (a, b, c) in cases {
            let joined = String(joining: a, b, c)
            #expect(joined == a + b + c)
            #expect(Array(joined.utf8) == Array((a + b + c).utf8))
        }
    }
}
