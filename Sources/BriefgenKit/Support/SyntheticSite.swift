/// Generates a large, realistic site for benchmarks and property tests: actors with aliases,
/// articles that mention them and cite each other, events, business pages and notes.
public enum SyntheticSite {
    /// Site-relative path → text, for `articles` articles (and proportionate other content).
    public static func files(articles: Int, seed: UInt64 = 42) -> [String: String] {
        var rng = SplitMix(seed: seed)
        let actorCount = max(10, articles / 50)
        let eventCount = max(12, articles / 10)
        var files: [String: String] = ["briefgen.yml": "title: Synthetic briefing\nbaseURL: https://example.org/\n"]
        let kinds = ActorKinds.all
        for a in 0..<actorCount {
            files["content/actors/actor-\(a).md"] = """
            ---
            name: Actor Number \(a)
            kind: \(kinds[a % kinds.count])
            aliases: [AN\(a), Number \(a) Group]
            summary: Synthetic actor \(a).
            ---
            Actor \(a) is linked to [[actor-\((a + 1) % actorCount)]].

            """
        }
        let words = ["export", "model", "access", "security", "policy", "licence", "review", "government", "firms",
                     "cloud", "risk", "compute", "defence", "research", "market", "supply", "data", "agency"]
        for i in 0..<articles {
            var body = ""
            for p in 0..<8 {
                var sentence: [String] = []
                for _ in 0..<40 { sentence.append(words[Int(rng.next() % UInt64(words.count))]) }
                let actor = Int(rng.next() % UInt64(actorCount))
                sentence.insert("Actor Number \(actor)", at: 10)
                if p == 2 { sentence.insert("[[articles/article-\((i + 1) % articles)#p1]]", at: 20) }
                body += sentence.joined(separator: " ") + ".\n\n"
                if p == 5 { body += "## What this means for your business\n\n" }
            }
            let month = 1 + i % 12, day = 1 + i % 28
            files["content/articles/article-\(i).md"] = """
            ---
            title: Synthetic article \(i)
            outlet: Outlet \(i % 7)
            published: 2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)
            ---
            \(body)
            """
        }
        for e in 0..<eventCount {
            let month = 1 + e % 12
            files["content/events/event-\(e).md"] = """
            ---
            title: Synthetic event \(e)
            date: 2026-\(month < 10 ? "0" : "")\(month)
            actors: [actor-\(e % actorCount), actor-\((e * 7) % actorCount)]
            sources: [article-\(e % articles)]
            ---
            Event \(e) involved [[actor-\(e % actorCount)]].

            """
        }
        for b in 0..<max(5, articles / 200) {
            files["content/business/sector-\(b).md"] = "---\ntitle: Sector \(b)\nsummary: Sector \(b) advice.\nactions: [Act]\nrelated: [actor-\(b % actorCount)]\n---\nAdvice for sector \(b).\n"
        }
        files["content/notes/overview.md"] = "---\ntitle: Overview\n---\nActor Number 1 and Actor Number 2.\n"
        return files
    }
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
