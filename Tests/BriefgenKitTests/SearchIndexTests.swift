import Foundation
import Testing
@testable import BriefgenKit

/// The search index as a reader of the files would see it: the script's own steps (manifest,
/// the shard of a term, the document table) done in Swift over a built site's files.
struct SearchFiles {
    let outputs: [String: Data]
    let manifest: [String: Any]
    let splits: Set<String>
    /// Document number by id (`actors/anthropic`), and the row of each number.
    var numbers: [String: Int] = [:]
    var rows: [Int: [String]] = [:]

    init(_ outputs: [String: Data]) {
        self.outputs = outputs
        manifest = Self.json(outputs["search/index.json"]) as? [String: Any] ?? [:]
        splits = Set(manifest["s"] as? [String] ?? [])
        let kinds = manifest["k"] as? [[Any]] ?? []
        for (path, data) in outputs where path.hasPrefix("search/d/") {
            for (key, row) in Self.json(data) as? [String: [String]] ?? [:] {
                let number = Int(key)!
                numbers["\(kinds[number >> 24][0] as! String)/\(row[0])"] = number
                rows[number] = row
            }
        }
    }

    static func json(_ data: Data?) -> Any? { data.flatMap { try? JSONSerialization.jsonObject(with: $0) } }

    /// The file holding a term's postings, found as the script finds it.
    func shard(of term: String) -> String {
        var key = SearchTokenizer.key(term, length: 1)
        while splits.contains(key), term.unicodeScalars.count > key.count { key = SearchTokenizer.key(term, length: key.count + 1) }
        return "search/t/\(key).json"
    }

    /// Ids of the documents with `term` in their title (names, aliases) and in their text.
    func postings(_ term: String) -> (title: Set<String>, body: Set<String>) {
        guard let list = (Self.json(outputs[shard(of: term)]) as? [String: [Int]])?[term] else { return ([], []) }
        var title: [Int] = [], body: [Int] = [], last = 0
        for (i, value) in list.dropFirst().enumerated() {
            if i == list[0] { last = 0 }
            last += value
            if i < list[0] { title.append(last) } else { body.append(last) }
        }
        let ids = Dictionary(uniqueKeysWithValues: numbers.map { ($0.value, $0.key) })
        return (Set(title.compactMap { ids[$0] }), Set(body.compactMap { ids[$0] }))
    }

    /// The text shard holding a document's text, and that text.
    func textShard(of id: String) -> (path: String, text: String)? {
        guard let number = numbers[id] else { return nil }
        for (path, data) in outputs where path.hasPrefix("search/x/") {
            if let text = (Self.json(data) as? [String: String])?[String(number)] { return (path, text) }
        }
        return nil
    }
}

@Suite struct SearchIndexTests {
    static func siteWith(_ overrides: [String: String?] = [:]) -> (BuildResult, MemoryFileSystem) {
        let fs = Fixture.fileSystem(overrides)
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        return (result, fs)
    }

    @Test func titlesAliasesAndBodyWordsAreFindable() {
        let index = SearchFiles(Self.siteWith().0.outputs)
        #expect(index.numbers.count == 10)
        #expect(index.postings("anthropic").title == ["actors/anthropic"])
        #expect(index.postings("anthropic").body.isSuperset(of: ["notes/overview", "events/ban-imposed", "business/finance"]))
        // An alias is a name: "Anthropic PBC" finds the actor by its title.
        #expect(index.postings("pbc").title == ["actors/anthropic"])
        // Body words, folded to lower case.
        #expect(index.postings("icon").body == ["articles/ban-story"])
        // A document lists the names and aliases of the actors it mentions or lists: the event
        // lists `commerce`, whose alias "Commerce Department" and name are then findable in it.
        #expect(index.postings("department").body.contains("events/ban-imposed"))
        // Titles are not repeated as body hits.
        #expect(!index.postings("anthropic").body.contains("actors/anthropic"))
        // The document table: slug, title, date.
        #expect(index.rows[index.numbers["events/ban-imposed"]!] == ["ban-imposed", "Export ban imposed", "2026-06"])
    }

    @Test func linkLabelsAreTextNotMarkup() throws {
        let index = SearchFiles(Self.siteWith().0.outputs)
        let event = try #require(index.textShard(of: "events/ban-imposed")).text
        // A citation shows as its label on the page ("Ban story ¶1"), so it does here.
        #expect(event == "The US Commerce Department restricted exports (Ban story ¶1).", "\(event)")
        for markup in ["[[", "<a", "href", "#p1", "Paragraph 1"] { #expect(!event.contains(markup), "\(markup) in \(event)") }
        let actor = try #require(index.textShard(of: "actors/anthropic")).text
        #expect(actor == "Anthropic builds Mythos models. See Export ban imposed.")
        #expect(index.postings("mythos").body.contains("actors/anthropic"))
        #expect(index.postings("href").body.isEmpty && index.postings("para").body.isEmpty)
    }

    @Test func draftsAreAbsent() {
        let draft = """
        ---
        title: Secret plan
        draft: true
        ---
        The zebrafish memo.

        """
        let (result, _) = Self.siteWith(["site/content/notes/secret.md": draft])
        let index = SearchFiles(result.outputs)
        #expect(index.numbers["notes/secret"] == nil)
        #expect(index.postings("zebrafish") == ([], []))
        for (path, data) in result.outputs where path.hasPrefix("search/") {
            #expect(!String(decoding: data, as: UTF8.self).contains("zebrafish"), "\(path)")
        }
    }

    @Test func untrustedTextStaysText() throws {
        let article = """
        ---
        title: "<img src=x onerror=alert(1)> \\"quoted\\" \\\\ back"
        ---
        Hostile <script>alert(2)</script> text and <b>bold</b> claims.

        """
        let (result, _) = Self.siteWith(["site/content/articles/hostile.md": article])
        let index = SearchFiles(result.outputs)
        // The title is a JSON string holding the characters as written: the script shows it as text.
        let number = try #require(index.numbers["articles/hostile"])
        #expect(index.rows[number]?[1] == "<img src=x onerror=alert(1)> \"quoted\" \\ back")
        // Raw HTML in an article is dropped before it reaches the text.
        let text = try #require(index.textShard(of: "articles/hostile")).text
        #expect(!text.contains("<") && !text.contains(">"), "\(text)")
        #expect(index.postings("hostile").body == ["articles/hostile"])
        // Every file of the index is valid JSON.
        for (path, data) in result.outputs where SearchIndex.isIndexFile(path) {
            #expect(SearchFiles.json(data) != nil, "\(path)")
        }
    }

    @Test func filtersHaveTheirData() throws {
        let index = SearchFiles(Self.siteWith().0.outputs)
        let anthropic = try #require(index.numbers["actors/anthropic"])
        let buckets = (index.manifest["ab"] as? [Int])?.first ?? 1
        let table = try #require(SearchFiles.json(index.outputs["search/a/\(anthropic % buckets).json"]) as? [String: [Int]])
        var last = 0
        let mentioning = Set(try #require(table[String(anthropic)]).map { last += $0; return last })
        let ids = Dictionary(uniqueKeysWithValues: index.numbers.map { ($0.value, $0.key) })
        // Listed by an event, mentioned by a note and a business page.
        #expect(Set(mentioning.compactMap { ids[$0] }).isSuperset(of: ["events/partial-lift", "notes/overview", "business/finance"]))
        let actors = try #require(index.manifest["a"] as? [[Any]])
        #expect(actors.map { $0[1] as? String } == ["commerce", "ico", "anthropic", "mythos"].sorted { a, b in
            let titles = ["commerce": "us commerce department", "ico": "information commissioner's office",
                          "anthropic": "anthropic", "mythos": "claude mythos 5"]
            return titles[a]! < titles[b]!
        })
        let dates = try #require(SearchFiles.json(index.outputs["search/dates.json"]) as? [String: Any])
        last = 0
        let dated = (dates["n"] as! [Int]).map { last += $0; return ids[last]! }
        #expect(Dictionary(uniqueKeysWithValues: zip(dated, dates["d"] as! [String]))
                == ["articles/ban-story": "2026-06-05", "events/ban-imposed": "2026-06", "events/partial-lift": "2026-06-26"])
    }

    @Test func sameSiteSameBytes() {
        let a = Self.siteWith().0.outputs.filter { $0.key.hasPrefix("search/") }
        let b = Self.siteWith().0.outputs.filter { $0.key.hasPrefix("search/") }
        #expect(!a.isEmpty && a == b)
    }

    @Test func aLargeShardIsSplitByItsTermsNextCharacter() {
        // Enough words starting with "co" to pass the size of one file.
        let words = (0..<3000).map { "co\(String($0, radix: 36))x" }.joined(separator: " ")
        let (result, _) = Self.siteWith(["site/content/notes/long.md": "---\ntitle: Long\n---\n\(words) corn\n"])
        let index = SearchFiles(result.outputs)
        #expect(index.splits.contains("c") && index.splits.contains("co"))
        #expect(index.shard(of: "corn") == "search/t/cor.json")
        #expect(index.postings("corn").body == ["notes/long"])
        #expect(index.postings("co1x").body == ["notes/long"])
        for (path, data) in result.outputs where path.hasPrefix("search/t/") {
            #expect(data.count <= SearchIndex.shardTarget + 2, "\(path) \(data.count)")
        }
    }
}

/// What an edit rewrites of the index: only the files whose content changed.
@Suite struct SearchIndexIncrementalTests {
    let incremental = IncrementalTests()

    @Test func aBodyEditRewritesOnlyTheShardsOfItsWords() throws {
        let fs = Fixture.fileSystem()
        let before = SearchFiles(Fixture.build(fs).outputs)
        incremental.replace(fs, "site/content/notes/overview.md", "disagree.", "disagree strongly.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && !result.fullBuild)
        let changed = [before.shard(of: "strongly"), try #require(before.textShard(of: "notes/overview")).path].sorted()
        #expect(result.renderedIndexFiles == changed)
        #expect(result.outputs.keys.filter { $0.hasPrefix("search/") }.sorted() == changed)
        // Shards of words the edit did not touch were not made again.
        #expect(!result.renderedIndexFiles.contains(before.shard(of: "anthropic")) || before.shard(of: "anthropic") == before.shard(of: "strongly"))
        #expect(!result.renderedIndexFiles.contains("search/index.json"))
        let after = SearchFiles(fs.files(under: "out").reduce(into: [String: Data]()) { $0[$1] = fs.read("out/" + $1) })
        #expect(after.postings("strongly").body == ["notes/overview"])
        incremental.expectCleanBuildOutput(fs, rendered: result.renderedIndexFiles)
    }

    @Test func aNewWordMakesItsShardAndRemovingItDeletesIt() throws {
        let fs = Fixture.fileSystem()
        let before = SearchFiles(Fixture.build(fs).outputs)
        #expect(before.outputs[before.shard(of: "quokka")] == nil)
        incremental.replace(fs, "site/content/notes/overview.md", "disagree.", "disagree about a quokka.")
        let added = Fixture.build(fs)
        #expect(added.outputs[before.shard(of: "quokka")] != nil)
        incremental.expectCleanBuildOutput(fs)
        incremental.replace(fs, "site/content/notes/overview.md", "disagree about a quokka.", "disagree.")
        let removed = Fixture.build(fs)
        #expect(removed.deleted.contains(before.shard(of: "quokka")))
        incremental.expectCleanBuildOutput(fs)
    }

    @Test func aRetitledDocumentRewritesItsTableShardNotTheText() throws {
        let fs = Fixture.fileSystem()
        let before = SearchFiles(Fixture.build(fs).outputs)
        incremental.replace(fs, "site/content/events/partial-lift.md", "title: Partial lift", "title: Partial lift, wombat")
        let result = Fixture.build(fs)
        let number = try #require(before.numbers["events/partial-lift"])
        let table = before.outputs.keys.first { $0.hasPrefix("search/d/") && (SearchFiles.json(before.outputs[$0]) as? [String: Any])?[String(number)] != nil }
        #expect(result.renderedIndexFiles.contains(try #require(table)))
        #expect(result.renderedIndexFiles.contains(before.shard(of: "wombat")))
        #expect(!result.renderedIndexFiles.contains(try #require(before.textShard(of: "events/partial-lift")).path))
        incremental.expectCleanBuildOutput(fs)
    }
}

@Suite struct SearchRecordTests {
    /// A record's body terms are the body's, the summary's, the tags' and the listed or
    /// mentioned actors' names, each once, in byte order, without the title's terms.
    @Test func bodyTermsAreDistinctSortedAndLeaveTitleTermsOut() throws {
        let text = "---\ntitle: Export rules\nsummary: Rules on export rules, and zebra zebra alpha.\ntags: [alpha, export, zebra, beta]\n---\nBody."
        let doc = try #require(DocumentParser.parse(path: "content/articles/x.md", text: text).0)
        var body = RenderedBody()
        body.searchTerms = SearchTerms(["alpha", "body", "rules", "zulu"])
        body.mentions = [Mention(actor: "actors/a", text: "A", paragraph: 1, snippet: ""),
                         Mention(actor: "actors/b", text: "B", paragraph: 1, snippet: ""),
                         Mention(actor: "actors/a", text: "A", paragraph: 2, snippet: "")]
        let names = ["actors/a": ["agency", "beta", "department"], "actors/b": ["beta", "department", "export"]]
        let numbers = ["actors/a": 7, "actors/b": 3]
        let record = SearchIndex.record(1, doc.id, .article, doc: doc, body: body, links: LinkTable(documents: [doc]),
                                        numberOf: { numbers[$0] }, actorTerms: { names[$0] ?? [] })
        #expect(record.titleTerms == ["export", "rules"])
        #expect(record.bodyTerms == ["agency", "alpha", "and", "beta", "body", "department", "on", "zebra", "zulu"])
        #expect(record.actors == [3, 7])
        // An actor's own mentions of itself are not among its actors.
        let own = SearchIndex.record(7, "actors/a", .actor, doc: nil, body: body, links: LinkTable(documents: []),
                                     numberOf: { numbers[$0] }, actorTerms: { names[$0] ?? [] })
        #expect(own.actors == [3])
        #expect(own.bodyTerms == ["alpha", "beta", "body", "department", "export", "rules", "zulu"])
    }
}

@Suite struct SearchTokenizerTests {
    @Test func foldsCaseAndAccentsAndSplitsAtPunctuation() {
        #expect(SearchTokenizer.terms("Zoë's AI-Act, 2026!") == ["zoe", "ai", "act", "2026"])
        #expect(SearchTokenizer.terms("ÉCOLE Straße naïve CAFÉ") == ["ecole", "straße", "naive", "cafe"])
        // A decomposed accent (e + U+0301) folds as the precomposed one does.
        #expect(SearchTokenizer.terms("e\u{301}te\u{301} été") == ["ete", "ete"])
        #expect(SearchTokenizer.terms("hello—world…🙂 «quoted» (x) a.b") == ["hello", "world", "quoted"])
    }

    /// ASCII words are read eight bytes at a time: the same terms at every alignment.
    @Test func sameTermsAtEveryAlignment() {
        let tail = ["hello", "world", "wide", "2026", "zoe", "cafe", "naivete", "abcdefghijklmnop", "abcdefghijklmnopqrstu0123456789"]
        for k in 0..<17 {
            let prefix = String(repeating: "x", count: k)
            let text = prefix + " Hello WORLD-wide 2026 zoë's CAFÉ naïveté ABCDEFGHIJKLMNOP abcdefghijklmnopqrstU0123456789 Ω [@`{"
            #expect(SearchTokenizer.terms(text) == (k > 1 ? [prefix] : []) + tail, "offset \(k)")
            #expect(SearchTokenizer.terms(prefix + "ZoË@Q9z") == [prefix + "zoe", "q9z"], "offset \(k)")
        }
    }

    @Test func keepsMultiByteWordsWhole() {
        #expect(SearchTokenizer.terms("東京 タワー Москва ΑΘΗΝΑ") == ["東京", "タワー", "москва", "αθηνα"])
        #expect(SearchTokenizer.terms("x y z") == [])
        #expect(SearchTokenizer.key("москва", length: 2) == "__")
        #expect(SearchTokenizer.key("co2x", length: 3) == "co2")
        #expect(SearchTokenizer.key("ab", length: 4) == "ab")
    }

    /// Text is copied eight bytes at a time: markup, entities, spaces and control bytes are
    /// found at every offset within a word, and a run of text at the very end is kept.
    @Test func plainTextIsTheSameAtEveryAlignment() {
        for k in 0..<24 {
            let prefix = String(repeating: "w", count: k)
            let html = prefix + "<p>Ab&amp;c</p>\n<p>d  e\u{1}f é</p><a class=\"para\" href=\"#p1\">¶1</a>Hello, world-wide"
            let expected = (k > 0 ? prefix + " " : "") + "Ab&c d e\u{1}f é Hello, world-wide"
            #expect(SearchText.plain(html) == expected, "offset \(k)")
            #expect(SearchText.plain(prefix + "x") == prefix + "x")
            let quoted = prefix + "<a title=\"x > y's\" href='#\"'>in</a> a  b\t c d e f g h i j  k   l"
            #expect(SearchText.plain(quoted) == prefix + "in a b c d e f g h i j k l", "offset \(k)")
            #expect(SearchText.plain(" " + prefix + "  ") == prefix)
        }
    }

    @Test func plainTextOfABodyLeavesMarkupOut() {
        let html = "<h2 id=\"a\">Head</h2>\n<p id=\"p1\"><a class=\"para\" href=\"#p1\" aria-label=\"Paragraph 1\">¶1</a>Hello <a href=\"/x/\">World</a> &amp; co&#39;s <em>own</em></p><!-- raw HTML omitted --><p id=\"p2\">Next <span class=\"weight single\">single source</span></p>"
        #expect(SearchText.plain(html) == "Head Hello World & co's own Next")
    }
}
