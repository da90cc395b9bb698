/// Generates a large site that reads like a real briefing, for benchmarks: hundreds of actors
/// with aliases, 5 KB articles dense with mentions (about 30 each), citations of other sources'
/// paragraphs, events with sources, actors and imprecise dates, business pages, notes, and a few
/// very long paragraphs. The same model is written as a Hugo site by `briefgen-bench`.
public struct SyntheticSite: Sendable {
    /// One actor: its slug, name, kind and aliases.
    public struct Actor: Sendable {
        public var slug: String
        public var name: String
        public var kind: String
        public var aliases: [String]
    }

    /// One article: its slug, title, date, body and the actors its body names.
    public struct Article: Sendable {
        public var slug: String
        public var title: String
        public var outlet: String
        public var published: String
        public var body: String
        public var mentioned: [Int]
    }

    /// One event: its slug, title, date (with precision), actors, sources and body.
    public struct Event: Sendable {
        public var slug: String
        public var title: String
        public var date: String
        public var precision: String
        public var actors: [Int]
        public var sources: [Int]
        public var body: String
    }

    public private(set) var actors: [Actor] = []
    public private(set) var articles: [Article] = []
    public private(set) var events: [Event] = []
    /// Business pages: slug, title, related actors, body.
    public private(set) var business: [(slug: String, title: String, related: [Int], body: String)] = []
    public private(set) var notes: [(slug: String, title: String, body: String)] = []

    /// A site of `articles` articles with `articles / 30` actors (at least 24), `articles / 5`
    /// events, `articles / 200` business pages and `articles / 500` notes.
    public init(articles articleCount: Int, seed: UInt64 = 42) {
        var rng = SplitMix(seed: seed)
        makeActors(count: max(24, articleCount / 30), rng: &rng)
        let eventCount = max(12, articleCount / 5)
        for i in 0..<articleCount { articles.append(makeArticle(i, of: articleCount, events: eventCount, rng: &rng)) }
        for e in 0..<eventCount { events.append(makeEvent(e, articles: articleCount, rng: &rng)) }
        for b in 0..<max(5, articleCount / 200) {
            let related = (0..<3).map { _ in Int(rng.next() % UInt64(actors.count)) }
            var body = "Advice for sector \(b).\n\n"
            for p in 0..<4 { body += paragraph(sentences: 4, mentions: 2, rng: &rng).text + (p == 1 ? " See [[articles/\(articles[b % articleCount].slug)#p2]]." : "") + "\n\n" }
            business.append(("sector-\(b)", "What it means for sector \(b)", related, body))
        }
        for n in 0..<max(2, articleCount / 500) {
            var body = ""
            for _ in 0..<6 { body += paragraph(sentences: 5, mentions: 4, rng: &rng).text + "\n\n" }
            notes.append(("note-\(n)", "Analysts' note \(n)", body))
        }
    }

    /// Site-relative path → text of the briefgen site.
    public static func files(articles: Int, seed: UInt64 = 42) -> [String: String] {
        SyntheticSite(articles: articles, seed: seed).briefgenFiles()
    }

    /// Site-relative path → text of the briefgen site.
    public func briefgenFiles() -> [String: String] {
        var files: [String: String] = ["briefgen.yml": "title: Synthetic briefing\nbaseURL: https://example.org/\n"]
        for (index, actor) in actors.enumerated() {
            files["content/actors/\(actor.slug).md"] = """
            ---
            name: \(actor.name)
            kind: \(actor.kind)
            aliases: [\(actor.aliases.joined(separator: ", "))]
            summary: \(actor.name) is one of the parties in this synthetic briefing.
            ---
            \(actor.name) works with [[\(actors[(index + 1) % actors.count].slug)]].

            """
        }
        for article in articles {
            files["content/articles/\(article.slug).md"] = """
            ---
            title: \(article.title)
            outlet: \(article.outlet)
            published: \(article.published)
            ---
            \(article.body)
            """
        }
        for event in events {
            files["content/events/\(event.slug).md"] = """
            ---
            title: \(event.title)
            date: \(event.date)
            date_precision: \(event.precision)
            actors: [\(event.actors.map { actors[$0].slug }.joined(separator: ", "))]
            sources: [\(event.sources.map { articles[$0].slug }.joined(separator: ", "))]
            ---
            \(event.body)
            """
        }
        for page in business {
            files["content/business/\(page.slug).md"] = """
            ---
            title: \(page.title)
            summary: What the story means for sector \(page.slug).
            actions: [Review contracts, Name an owner]
            related: [\(page.related.map { actors[$0].slug }.joined(separator: ", "))]
            ---
            \(page.body)
            """
        }
        for note in notes {
            files["content/notes/\(note.slug).md"] = "---\ntitle: \(note.title)\n---\n\(note.body)"
        }
        return files
    }

    // MARK: - Actors

    private static let orgFirst = ["Northgate", "Halden", "Brightwater", "Kestrel", "Ashford", "Meridian", "Corvid",
                                   "Larkspur", "Fenwick", "Ironbridge", "Solent", "Thornbury", "Velora", "Quarry",
                                   "Harbourline", "Oakridge", "Stellan", "Redcliffe", "Pennant", "Wexford", "Castellan",
                                   "Lumen", "Granite", "Beacon", "Marlow", "Aldgate", "Caldera", "Everly", "Hollis", "Juniper"]
    private static let orgSecond = ["Systems", "Analytics", "Capital", "Labs", "Security", "Holdings", "Networks",
                                    "Institute", "Partners", "Robotics", "Cloud", "Research", "Dynamics", "Group",
                                    "Foundation", "Compute", "Insurance", "Health", "Logistics", "Energy"]
    private static let firstNames = ["Amelia", "Rohan", "Priya", "Tomasz", "Grace", "Daniel", "Ines", "Kwame", "Hannah",
                                     "Mateo", "Sofia", "Oliver", "Leila", "Callum", "Yuki", "Farah", "Niamh", "Arjun",
                                     "Chloe", "Emeka", "Freya", "Jonas", "Maya", "Samuel", "Zara", "Idris", "Lucia",
                                     "Ewan", "Aisha", "Pavel"]
    private static let lastNames = ["Whitcombe", "Okafor", "Lindqvist", "Banerjee", "Hargreaves", "Moreau", "Castell",
                                    "Nakamura", "Oyelaran", "Pembridge", "Rasmussen", "Sokolova", "Tremayne", "Valdez",
                                    "Ashdown", "Brennan", "Chaudhry", "Dunmore", "Esposito", "Fairbairn", "Galloway",
                                    "Holloway", "Iqbal", "Jarrow", "Kowalczyk", "Lachance", "Mbeki", "Northcott",
                                    "Ostrander", "Pryce", "Quigley", "Rowntree", "Sandoval", "Thackeray", "Umber",
                                    "Vickers", "Wendover", "Yardley", "Zielinski", "Abernethy"]

    private mutating func makeActors(count: Int, rng: inout SplitMix) {
        var names: [(String, String)] = []
        for (i, first) in Self.orgFirst.enumerated() {
            for (j, second) in Self.orgSecond.enumerated() where (i + j) % 2 == 0 {
                names.append(("\(first) \(second)", ["organisation", "company", "government"][(i + j) % 3]))
            }
        }
        for (i, first) in Self.firstNames.enumerated() {
            for (j, last) in Self.lastNames.enumerated() where (i * 7 + j) % 3 == 0 {
                names.append(("\(first) \(last)", "person"))
            }
        }
        // Interleave people and organisations, deterministically.
        var order = Array(names.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var used = Set<String>()
        var firstWords: [String: Int] = [:]
        for index in order.prefix(count) { firstWords[names[index].0.split(separator: " ").last.map(String.init)!, default: 0] += 1 }
        for (n, index) in order.prefix(count).enumerated() {
            let (name, kind) = names[index]
            used.insert(name.lowercased())
            var aliases: [String] = []
            let words = name.split(separator: " ").map(String.init)
            if kind == "person" {
                if firstWords[words[1]] == 1, used.insert(words[1].lowercased()).inserted { aliases.append(words[1]) }
            } else {
                let acronym = String(words.map { $0.first! }) + (n < 26 ? "" : String(UnicodeScalar(UInt8(65 + n % 26))))
                if used.insert(acronym.lowercased()).inserted { aliases.append(acronym) }
                let short = words[0] + " " + String(words[1].prefix(3))
                if used.insert(short.lowercased()).inserted { aliases.append(short) }
            }
            actors.append(Actor(slug: "actor-\(n)", name: name, kind: kind, aliases: aliases))
        }
    }

    // MARK: - Text

    private static let vocabulary = ["export", "controls", "model", "access", "security", "policy", "licence", "review",
                                     "government", "firms", "cloud", "risk", "compute", "defence", "research", "market",
                                     "supply", "data", "agency", "officials", "said", "the", "restrictions", "would",
                                     "affect", "customers", "across", "Europe", "and", "the", "U.S.", "after", "weeks",
                                     "of", "talks", "with", "regulators", "about", "frontier", "systems", "in", "a",
                                     "statement", "on", "Tuesday", "critics", "warned", "that", "contracts", "could"]

    /// A paragraph of `sentences` sentences naming about `mentions` actors by name or alias.
    private func paragraph(sentences: Int, mentions: Int, rng: inout SplitMix) -> (text: String, named: [Int]) {
        var out = ""
        var named: [Int] = []
        var left = mentions
        for s in 0..<sentences {
            var words: [String] = []
            let length = 12 + Int(rng.next() % 9)
            for _ in 0..<length { words.append(Self.vocabulary[Int(rng.next() % UInt64(Self.vocabulary.count))]) }
            let here = left > 0 ? (s == sentences - 1 ? left : min(left, 1 + Int(rng.next() % 2))) : 0
            for _ in 0..<here {
                let actor = Int(rng.next() % UInt64(actors.count))
                let forms = [actors[actor].name] + actors[actor].aliases
                words.insert(forms[Int(rng.next() % UInt64(forms.count))], at: Int(rng.next() % UInt64(words.count)))
                named.append(actor)
            }
            left -= here
            var sentence = words.joined(separator: " ")
            sentence = sentence.prefix(1).uppercased() + sentence.dropFirst()
            out += (s == 0 ? "" : " ") + sentence + "."
        }
        return (out, named)
    }

    private func makeArticle(_ i: Int, of count: Int, events: Int, rng: inout SplitMix) -> Article {
        var body = ""
        var named: [Int] = []
        // Nine paragraphs of ~550 bytes: about 5 KB and 30 mentions.
        for p in 0..<9 {
            // One article in 1,000 has a very long paragraph (about 60 KB, 400 mentions).
            let long = i % 1000 == 999 && p == 4
            let made = paragraph(sentences: long ? 600 : 5, mentions: long ? 400 : 3 + (p % 3 == 0 ? 1 : 0), rng: &rng)
            var text = made.text
            named += made.named
            if p == 2 { text += " As [[articles/article-\((i + 1) % count)#p\(1 + i % 9)]] reported, talks continue." }
            // The last ten events are linked from no article, so the benchmark can delete them.
            if p == 6, i % events < events - 10 { text += " See [[events/event-\(i % events)]]." }
            body += text + "\n\n"
            if p == 5 { body += "## What this means for your business\n\n" }
        }
        let month = 1 + i % 12, day = 1 + i % 28
        return Article(slug: "article-\(i)", title: "Synthetic article \(i) on \(actors[named.first ?? 0].name)",
                       outlet: "Outlet \(i % 17)", published: "2026-\(Self.two(month))-\(Self.two(day))",
                       body: body, mentioned: named)
    }

    private func makeEvent(_ e: Int, articles count: Int, rng: inout SplitMix) -> Event {
        let month = 1 + e % 12
        let precision = ["day", "month", "month", "year", "approximate"][e % 5]
        let date = precision == "year" ? "2026" : precision == "day" ? "2026-\(Self.two(month))-\(Self.two(1 + e % 28))"
            : "2026-\(Self.two(month))"
        let who = [e % actors.count, (e * 7 + 3) % actors.count]
        let sources = [e % count, (e * 13 + 5) % count]
        let text = paragraph(sentences: 3, mentions: 2, rng: &rng).text
        return Event(slug: "event-\(e)", title: "Synthetic event \(e)", date: date, precision: precision,
                     actors: who, sources: sources,
                     body: "Event \(e) involved [[\(actors[who[0]].slug)]]. \(text)\n")
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// A small deterministic random generator (SplitMix64), so generated sites are reproducible.
public struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
