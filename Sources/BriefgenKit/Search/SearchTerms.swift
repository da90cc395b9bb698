/// A body's distinct search terms, sorted by their UTF-8 bytes, in one buffer: what the search
/// index needs of a body, made by the bodies stage and kept in the build graph.
///
/// Bytes and the end of each term rather than an array of strings: a body has hundreds of
/// distinct terms, and making a string of each (checked as UTF-8), encoding and decoding them
/// one by one for the graph, and lending each one's bytes again to the index's term tables
/// were a tenth of what the index costs a full build.
public struct SearchTerms: Sendable, Equatable {
    /// The terms' UTF-8 bytes, one after another.
    private(set) var bytes: [UInt8] = []
    /// Where each term ends in `bytes`, ascending.
    private(set) var ends: [Int32] = []

    public init() {}

    /// Terms given as strings, in the order given (sorted by their bytes and distinct, for a body's).
    public init(_ terms: [String]) {
        for term in terms { Text.withUTF8(term) { append($0) } }
    }

    /// Bytes and ends as the graph keeps them; nil when the ends do not fit the bytes.
    init?(bytes: [UInt8], ends: [Int32]) {
        var last: Int32 = 0
        for end in ends {
            guard end >= last else { return nil }
            last = end
        }
        guard Int(last) == bytes.count else { return nil }
        self.bytes = bytes
        self.ends = ends
    }

    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }

    /// Adds a term after the others.
    mutating func append(_ term: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: term)
        ends.append(Int32(bytes.count))
    }

    /// The terms as strings.
    public var strings: [String] {
        var out: [String] = []
        out.reserveCapacity(count)
        forEach(in: 0..<count) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// The places of the terms whose first byte is at least `lower` and below `upper`: one run,
    /// as the terms are sorted by their bytes, found by halving.
    func places(firstByteFrom lower: Int, below upper: Int) -> Range<Int> {
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                func bound(_ byte: Int) -> Int {
                    var (low, high) = (0, ends.count)
                    while low < high {
                        let middle = (low + high) / 2
                        let start = middle == 0 ? 0 : Int(ends[middle - 1])
                        // An empty term (the tokenizer makes none) sorts first, as byte 0.
                        let first = start < Int(ends[middle]) ? Int(bytes[start]) : 0
                        if first < byte { low = middle + 1 } else { high = middle }
                    }
                    return low
                }
                return bound(lower)..<bound(upper)
            }
        }
    }

    /// Calls `body` with the bytes of each term at `places`, in order (valid during the call only).
    func forEach(in places: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                for place in places {
                    let start = place == 0 ? 0 : Int(ends[place - 1])
                    body(UnsafeBufferPointer(rebasing: bytes[start..<Int(ends[place])]))
                }
            }
        }
    }
}
