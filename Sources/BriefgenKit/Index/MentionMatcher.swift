/// Finds every actor name and alias in a text in one pass (Aho–Corasick over Unicode scalars).
///
/// Hand-written because no listed package offers a multi-pattern matcher, and one pass over
/// the text for all aliases keeps mention detection linear in the text, whatever the cast.
/// Rules: whole words only; the longest match wins among overlaps; names match without regard
/// to case, except all-capital acronyms ("ICO", "NCSC"), which must match exactly so "ICO" does
/// not find "Ico" or "icon"; typographic apostrophes count as plain ones.
public struct MentionMatcher: Sendable {
    /// One name to look for and what it stands for.
    public struct Pattern: Hashable, Sendable {
        public var text: String
        public var target: String
        public init(text: String, target: String) {
            self.text = text
            self.target = target
        }
    }

    /// A match: scalar offsets into the searched text.
    public struct Match: Hashable, Sendable {
        public var start: Int
        public var end: Int
        public var target: String
        public var pattern: String
    }

    private struct Node: Sendable {
        var next: [UInt32: Int32] = [:]
        var fail: Int32 = 0
        /// Index of the pattern ending here, if any.
        var output: Int32 = -1
        /// Nearest node on the fail chain that has an output.
        var outputLink: Int32 = -1
        var depth: Int32 = 0
    }

    private var nodes: [Node] = [Node()]
    private var patterns: [(pattern: Pattern, scalars: [UInt32], exactCase: Bool)] = []

    public init(_ patterns: [Pattern]) {
        var seen = Set<String>()
        for pattern in patterns.sorted(by: { ($0.text, $0.target) < ($1.text, $1.target) }) {
            let folded = Self.fold(pattern.text)
            guard !folded.isEmpty, seen.insert(pattern.text + "\u{0}" + pattern.target).inserted else { continue }
            insert(folded, pattern: pattern)
        }
        buildFailLinks()
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// True for acronyms that must match with exact case: 2–6 letters, all capitals.
    static func isAcronym(_ text: String) -> Bool {
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        return (2...6).contains(letters.count) && text == text.uppercased() && !text.contains(" ")
    }

    /// Lowercases scalar by scalar (keeping positions aligned) and folds apostrophes.
    static func fold(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(foldScalar)
    }

    @inline(__always)
    static func foldScalar(_ s: Unicode.Scalar) -> UInt32 {
        if s.isASCII {
            let v = s.value
            return (v >= 65 && v <= 90) ? v + 32 : v
        }
        if s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}" { return 39 }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : s.value
    }

    private mutating func insert(_ scalars: [UInt32], pattern: Pattern) {
        var state = 0
        for (depth, scalar) in scalars.enumerated() {
            if let next = nodes[state].next[scalar] {
                state = Int(next)
            } else {
                nodes.append(Node(depth: Int32(depth + 1)))
                nodes[state].next[scalar] = Int32(nodes.count - 1)
                state = nodes.count - 1
            }
        }
        if nodes[state].output >= 0 {
            // Same folded text, other case form or target: keep both by chaining a twin entry.
            patterns.append((pattern, scalars, Self.isAcronym(pattern.text)))
            twins[nodes[state].output, default: []].append(Int32(patterns.count - 1))
            return
        }
        patterns.append((pattern, scalars, Self.isAcronym(pattern.text)))
        nodes[state].output = Int32(patterns.count - 1)
    }

    /// Patterns that fold to the same text as another (e.g. "Ico" and "ICO").
    private var twins: [Int32: [Int32]] = [:]

    private mutating func buildFailLinks() {
        var queue: [Int] = []
        for (_, child) in nodes[0].next.sorted(by: { $0.key < $1.key }) {
            nodes[Int(child)].fail = 0
            queue.append(Int(child))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in nodes[state].next.sorted(by: { $0.key < $1.key }) {
                var fallback = Int(nodes[state].fail)
                while fallback != 0 && nodes[fallback].next[scalar] == nil {
                    fallback = Int(nodes[fallback].fail)
                }
                let target = nodes[fallback].next[scalar].map(Int.init) ?? 0
                nodes[Int(child)].fail = Int32(target == Int(child) ? 0 : target)
                let failNode = nodes[Int(nodes[Int(child)].fail)]
                nodes[Int(child)].outputLink = failNode.output >= 0 ? nodes[Int(child)].fail : failNode.outputLink
                queue.append(Int(child))
            }
        }
    }

    /// All non-overlapping whole-word matches in `text`, leftmost-longest first.
    public func matches(in text: String) -> [Match] {
        guard !patterns.isEmpty else { return [] }
        let original = Array(text.unicodeScalars)
        var candidates: [Match] = []
        var state = 0
        for (index, scalar) in original.enumerated() {
            let folded = Self.foldScalar(scalar)
            while state != 0 && nodes[state].next[folded] == nil {
                state = Int(nodes[state].fail)
            }
            state = nodes[state].next[folded].map(Int.init) ?? 0
            var hit = nodes[state].output >= 0 ? state : Int(nodes[state].outputLink)
            while hit > 0 {
                let end = index + 1
                let start = end - Int(nodes[hit].depth)
                let outputs = [nodes[hit].output] + (twins[nodes[hit].output] ?? [])
                for output in outputs {
                    let entry = patterns[Int(output)]
                    if accept(entry, original: original, start: start, end: end) {
                        candidates.append(Match(start: start, end: end, target: entry.pattern.target,
                                                pattern: entry.pattern.text))
                        break
                    }
                }
                hit = Int(nodes[hit].outputLink)
            }
        }
        // Leftmost-longest, non-overlapping.
        candidates.sort { ($0.start, -$0.end, $0.target) < ($1.start, -$1.end, $1.target) }
        var result: [Match] = []
        var covered = 0
        for match in candidates where match.start >= covered {
            result.append(match)
            covered = match.end
        }
        return result
    }

    private func accept(_ entry: (pattern: Pattern, scalars: [UInt32], exactCase: Bool),
                        original: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        if start > 0, Self.isWordScalar(original[start - 1]) { return false }
        if end < original.count, Self.isWordScalar(original[end]) { return false }
        if entry.exactCase {
            let expected = Array(entry.pattern.text.unicodeScalars)
            for offset in 0..<expected.count where original[start + offset] != expected[offset] {
                return false
            }
        }
        return true
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || s == "_"
    }
}
