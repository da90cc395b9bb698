/// Finds every actor name and alias in a text in one pass over its case-folded UTF-8 bytes.
///
/// An Aho–Corasick automaton compiled to a full transition table. Hand-written because no
/// listed package offers a multi-pattern matcher. At most one table lookup per byte, whatever
/// the number of actors, keeps mention detection linear in the text (the bodies of a
/// 10,000-article briefing hold about 300,000 mentions of 333 actors).
///
/// The automaton knows words: it follows only the names that begin where a name may begin
/// (after a character that is not part of a word), and it has two start states, one where a
/// name may begin at the next byte and one inside a word, where none may. Inside a word the
/// matcher passes over the word's bytes without the table: most bytes of a text are there.
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

    /// A match: UTF-8 byte offsets into the searched text.
    public struct Match: Hashable, Sendable {
        public var start: Int
        public var end: Int
        public var target: String
        public var pattern: String
        /// The target's number among the matcher's distinct targets (`number(ofTarget:)`): what
        /// a caller keeping a flag per actor indexes by, without hashing the name.
        public var targetNumber: Int
    }

    private struct Entry: Sendable {
        var pattern: Pattern
        /// The pattern's target's number.
        var target: Int
        /// The pattern's own bytes, compared exactly for acronyms.
        var exact: [UInt8]?
    }

    /// Byte → column of the transition table. Bytes no pattern contains share two columns:
    /// `0` for those outside words, `1` for letters, digits, `_` and the bytes of characters
    /// beyond ASCII (whose character, decoded, decides: `matches`). Capital ASCII letters share
    /// their small letter's column, so the matcher folds ASCII by lookup.
    private var column = [UInt8](repeating: 0, count: 256)
    /// Number of columns: one per byte that occurs in a pattern, and the two for all others.
    private var columns = 2
    /// Per column, whether its bytes are part of a word (bytes beyond ASCII count as such
    /// until their character is decoded).
    private var columnInWord: [Bool] = [false, true]
    /// `delta[state * columns + column]`: the next state, fail links already followed (while compiling).
    private var delta: [Int32] = []
    /// `jump[state * columns + column]`: the next state's first slot (`next * columns`) shifted
    /// left by one, with the low bit set when a pattern ends at the next state or on its output
    /// chain: the table the matcher runs on, one load and no multiplication per byte.
    private var jump: [Int32] = []
    /// Index of the pattern ending at each state, or -1.
    private var output: [Int32] = []
    /// Nearest state on the fail chain that has an output, or -1.
    private var outputLink: [Int32] = []
    /// Length of each state's string in scalars (folding may change a scalar's byte length).
    private var scalarDepth: [Int32] = []
    /// Whether a name may begin right after each state's string: it ends with a whole
    /// character that is not part of a word. State 0 (the start) yes; state 1 (inside a
    /// word) no.
    private var beginsAfter: [Bool] = []
    private var entries: [Entry] = []
    /// Patterns that fold to the same text as another (e.g. "Ico" and "ICO").
    private var twins: [Int32: [Int32]] = [:]
    /// The distinct targets' numbers, from 0 in the order of the sorted patterns.
    private var targetNumbers: [String: Int] = [:]

    /// How many distinct targets the patterns stand for (numbered `0..<targetCount`).
    public var targetCount: Int { targetNumbers.count }

    /// The number of a target some pattern stands for, or nil.
    public func number(ofTarget target: String) -> Int? { targetNumbers[target] }

    public init(_ patterns: [Pattern]) {
        var seen = Set<String>()
        var folded: [(Pattern, [UInt8], Int)] = []
        for pattern in patterns.sorted(by: { ($0.text, $0.target) < ($1.text, $1.target) }) {
            let (bytes, scalars) = Self.fold(pattern.text)
            guard !bytes.isEmpty, seen.insert(pattern.text + "\u{0}" + pattern.target).inserted else { continue }
            folded.append((pattern, bytes, scalars))
        }
        var assigned = [Bool](repeating: false, count: 256)
        for (_, bytes, _) in folded {
            for byte in bytes where !assigned[Int(byte)] {
                assigned[Int(byte)] = true
                column[Int(byte)] = UInt8(columns)
                columnInWord.append(byte >= 0x80 || Self.isWordASCII(byte))
                columns += 1
            }
        }
        for byte in 0..<256 where !assigned[byte] {
            column[byte] = byte >= 0x80 || Self.isWordASCII(UInt8(byte)) ? 1 : 0
        }
        addState(depth: 0, beginsAfter: true)
        addState(depth: 0, beginsAfter: false)
        for (pattern, bytes, scalars) in folded {
            insert(bytes, scalars: scalars, pattern: pattern)
        }
        compile()
        // Patterns are folded, so they hold no capital ASCII letter: a capital reads its small letter's column.
        for byte in 0x41...0x5A { column[byte] = column[byte + 32] }
    }

    /// ASCII letters, digits and `_`.
    @inline(__always)
    static func isWordASCII(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// True for acronyms that must match with exact case: 2–6 letters, all capitals.
    static func isAcronym(_ text: String) -> Bool {
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        return (2...6).contains(letters.count) && text == text.uppercased() && !text.contains(" ")
    }

    /// The folded text as UTF-8, and its length in scalars.
    static func fold(_ text: String) -> ([UInt8], Int) {
        var bytes: [UInt8] = []
        var count = 0
        for scalar in text.unicodeScalars {
            appendUTF8(foldScalar(scalar), to: &bytes)
            count += 1
        }
        return (bytes, count)
    }

    /// Lowercases one scalar (keeping one scalar for one) and folds apostrophes.
    @inline(__always)
    static func foldScalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII {
            let v = s.value
            return (v >= 65 && v <= 90) ? Unicode.Scalar(UInt8(v + 32)) : s
        }
        if s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}" { return "'" }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : s
    }

    /// Appends the UTF-8 bytes of a scalar.
    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { bytes.append(unit) }
    }

    /// Adds a state with no transitions yet.
    private mutating func addState(depth: Int, beginsAfter: Bool) {
        delta.append(contentsOf: repeatElement(-1, count: columns))
        output.append(-1)
        outputLink.append(-1)
        scalarDepth.append(Int32(depth))
        self.beginsAfter.append(beginsAfter)
    }

    /// Adds a pattern's path to the trie, sharing its end state with an earlier pattern of the same folded text.
    private mutating func insert(_ bytes: [UInt8], scalars: Int, pattern: Pattern) {
        var state = 0
        var depth = 0
        for (offset, byte) in bytes.enumerated() {
            if byte & 0xC0 != 0x80 { depth += 1 }
            let slot = state * columns + Int(column[Int(byte)])
            if delta[slot] < 0 {
                // A name may begin after this state when its last byte ends a character
                // that is not part of a word.
                let ends = offset + 1 == bytes.count || bytes[offset + 1] & 0xC0 != 0x80
                var begins = false
                if ends {
                    var lead = offset
                    while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                    begins = bytes.withUnsafeBufferPointer { !Self.isWordScalar(Self.decode($0, at: lead).0) }
                }
                addState(depth: depth, beginsAfter: begins)
                delta[slot] = Int32(output.count - 1)
            }
            state = Int(delta[slot])
        }
        let target = targetNumbers[pattern.target] ?? targetNumbers.count
        targetNumbers[pattern.target] = target
        let entry = Entry(pattern: pattern, target: target, exact: Self.isAcronym(pattern.text) ? Array(pattern.text.utf8) : nil)
        entries.append(entry)
        if output[state] >= 0 {
            twins[output[state], default: []].append(Int32(entries.count - 1))
        } else {
            output[state] = Int32(entries.count - 1)
        }
    }

    /// Breadth-first: fail links, output links, and every missing transition filled from the
    /// fail state's. A state's fail link is its string's longest proper suffix that begins
    /// where a name may and is a path of the trie, or else the start state its last character
    /// leads to (state 0 after a character outside words, 1 after one inside).
    private mutating func compile() {
        var fail = [Int32](repeating: 0, count: output.count)
        var queue: [Int] = []
        // A byte no name begins with leads from either start state to the one its kind of
        // character leads to; inside a word (state 1) no name begins.
        for c in 0..<columns {
            let start: Int32 = columnInWord[c] ? 1 : 0
            delta[columns + c] = start
            let child = delta[c]
            if child < 0 {
                delta[c] = start
            } else {
                fail[Int(child)] = beginsAfter[Int(child)] ? 0 : 1
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            let failState = Int(fail[state])
            outputLink[state] = output[failState] >= 0 ? Int32(failState) : outputLink[failState]
            for c in 0..<columns {
                let child = delta[state * columns + c]
                let fallback = delta[failState * columns + c]
                if child < 0 {
                    delta[state * columns + c] = fallback
                } else {
                    // No suffix on the trie: the start state the child's last character leads
                    // to (a byte beyond ASCII counts as inside a word, which a character
                    // outside words that the child ends with corrects here).
                    fail[Int(child)] = fallback > 1 ? fallback : beginsAfter[Int(child)] ? 0 : 1
                    queue.append(Int(child))
                }
            }
        }
        precondition(output.count * columns < Int(Int32.max) / 2, "mention patterns too many for the matcher's table")
        jump = delta.map { next in
            let ends = output[Int(next)] >= 0 || outputLink[Int(next)] >= 0
            return Int32(Int(next) * columns) << 1 | (ends ? 1 : 0)
        }
        delta = []
    }

    /// All non-overlapping whole-word matches in `text`, leftmost-longest first.
    public func matches(in text: String) -> [Match] {
        guard !entries.isEmpty else { return [] }
        var copy = text
        return copy.withUTF8 { matches(inUTF8: $0) }
    }

    /// All non-overlapping whole-word matches in UTF-8 `bytes` (valid UTF-8, as a string's),
    /// leftmost-longest first.
    public func matches(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        guard !entries.isEmpty, !bytes.isEmpty else { return [] }
        var candidates: [Match] = []
        let count = bytes.count
        let columns = self.columns
        // Every table read through a pointer: the loop below runs once per byte of every body.
        jump.withUnsafeBufferPointer { jump in
        column.withUnsafeBufferPointer { column in
            var slot = 0  // the state's first slot, `state * columns`
            var index = 0
            while index < count {
                if Self.runASCII(bytes.baseAddress!, count: count, index: &index, slot: &slot, inWord: columns,
                                 jump: jump.baseAddress!, column: column.baseAddress!) {
                    hits(state: slot / columns, end: index, in: bytes, into: &candidates)
                    continue
                }
                guard index < count else { break }
                // A scalar of more than one byte, folded, then fed byte by byte.
                let (scalar, length) = Self.decode(bytes, at: index)
                index = min(index + length, count)  // a truncated sequence ends the text
                var step: Int32 = 0
                for byte in UTF8.encode(Self.foldScalar(scalar))! {
                    step = jump[slot + Int(column[Int(byte)])]
                    slot = Int(step >> 1)
                }
                if step & 1 != 0 { hits(state: slot / columns, end: index, in: bytes, into: &candidates) }
                // Back at a start state, the character decides whether a name may begin next
                // (its bytes were taken as inside a word).
                if slot <= columns { slot = Self.isWordScalar(scalar) ? columns : 0 }
            }
        }
        }
        guard candidates.count > 1 else { return candidates }
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

    /// Records each pattern on `state`'s output chain that ends at `end` and matches there. A
    /// method given the candidates, not a local function capturing them: the compiler checks a
    /// captured variable for exclusive access at run time on every use.
    private func hits(state: Int, end: Int, in bytes: UnsafeBufferPointer<UInt8>, into candidates: inout [Match]) {
        var hit = output[state] >= 0 ? state : Int(outputLink[state])
        while hit > 0 {
            let matchStart = Self.start(ofScalars: Int(scalarDepth[hit]), before: end, in: bytes)
            if let entry = accept(output[hit], bytes: bytes, start: matchStart, end: end) {
                if candidates.isEmpty { candidates.reserveCapacity(bytes.count / 128 + 4) }
                candidates.append(Match(start: matchStart, end: end, target: entry.pattern.target, pattern: entry.pattern.text,
                                        targetNumber: entry.target))
            }
            hit = Int(outputLink[hit])
        }
    }

    /// Runs the automaton over ASCII bytes from `index` up to a state where a pattern may end
    /// (true, `index` just after its last byte), a byte that is not ASCII, or the end (false).
    /// In the state inside a word (first slot `inWord`), the word's letters and digits are
    /// passed over without the table (they lead back to the same state). Its own function, so
    /// the loop keeps its few values in registers.
    @inline(never)
    private static func runASCII(_ bytes: UnsafePointer<UInt8>, count: Int, index: inout Int, slot: inout Int, inWord: Int,
                                 jump: UnsafePointer<Int32>, column: UnsafePointer<UInt8>) -> Bool {
        var i = index, s = slot
        defer { index = i; slot = s }
        while i < count {
            if s == inWord {
                // Eight bytes at a time up to the first that is not an ASCII letter, digit or
                // `_` (a word is a few bytes: a byte at a time, its end was a mispredicted
                // branch, and the table's chain of loads cost more than the bytes passed).
                while i + 8 <= count {
                    let word = UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)
                    let stop = ~wordBytes(UInt64(littleEndian: word)) & 0x8080_8080_8080_8080
                    if stop != 0 {
                        i += stop.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                while i < count, isWordASCII(bytes[i]) { i += 1 }
                guard i < count else { break }
            }
            let byte = bytes[i]
            if byte >= 0x80 { return false }
            let step = jump[s + Int(column[Int(byte)])]
            s = Int(step >> 1)
            i += 1
            if step & 1 != 0 { return true }
        }
        return false
    }

    /// The high bit of each byte of `x` (read little-endian) set where the byte is an ASCII
    /// letter, digit or `_` (`isWordASCII`), clear elsewhere, bytes beyond ASCII included.
    @inline(__always)
    static func wordBytes(_ x: UInt64) -> UInt64 {
        let lowered = x | 0x2020_2020_2020_2020
        return ByteWords.between(x, 0x2F, 0x3A) | ByteWords.between(lowered, 0x60, 0x7B) | ByteWords.between(x, 0x5E, 0x60)
    }

    /// The offset of the scalar `scalars` scalars back from `end` in valid UTF-8 `bytes`.
    @inline(__always)
    static func start(ofScalars scalars: Int, before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = end
        for _ in 0..<scalars where position > 0 {
            position -= 1
            while position > 0, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        }
        return position
    }

    /// The first of the patterns ending at this state (and its twins) that matches here.
    private func accept(_ first: Int32, bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Entry? {
        if start > 0 {
            var before = start - 1
            while before > 0, bytes[before] & 0xC0 == 0x80 { before -= 1 }
            if Self.isWordScalar(Self.decode(bytes, at: before).0) { return nil }
        }
        if end < bytes.count, Self.isWordScalar(Self.decode(bytes, at: end).0) { return nil }
        func fits(_ entry: Entry) -> Bool {
            guard let exact = entry.exact else { return true }
            return exact.count == end - start && exact.indices.allSatisfy { exact[$0] == bytes[start + $0] }
        }
        if fits(entries[Int(first)]) { return entries[Int(first)] }
        for twin in twins[first] ?? [] where fits(entries[Int(twin)]) { return entries[Int(twin)] }
        return nil
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Letters, digits and `_`: what a name may not touch on either side.
    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isWordASCII(UInt8(s.value)) }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }
}
