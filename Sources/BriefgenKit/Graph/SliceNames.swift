import Foundation

/// The names of the slices pages depend on, numbered in order, looked up by name.
///
/// Read back from the tables file, the names stay bytes of that (memory-mapped) file: a
/// rebuild compares fingerprints by number and looks up by name only the slices of the pages
/// it renders, so the 110,000 names of a 10,000-article site are not made into strings on
/// every build (README, "Performance rounds").
/// Names added by this build are kept after them, their bytes in one buffer. Lookup is
/// `QuickHash` over the UTF-8 bytes with linear probing, as in `IDTable`, whose strings it
/// would otherwise need.
///
/// A full build at 10,000 articles looks up 900,000 slice names, one after the other, while it
/// records which slices each output read. Each slot holds the name's number and the top half
/// of its hash, and added names are bytes of one buffer: a lookup reads the slot and the name's
/// bytes, where it read the slot, the kept hash, the name's string and the string's storage,
/// each a cache miss in tables of 110,000 names.
struct SliceNames: Sendable {
    /// Bytes holding the first `ranges.count` names.
    private let base: SharedBytes?
    private var ranges: [Range] = []
    /// The names added after those of `base`, one after the other, and where each starts (with
    /// the end of the last after them).
    private var addedBytes: [UInt8] = []
    private var addedStarts: [Int] = [0]
    /// Each name's lookup hash, in number order: kept, so that growing the slots and writing
    /// the table hash no name again.
    private var hashes: [Int] = []
    /// Open addressing: a name's number in the low 32 bits, the top 32 bits of its hash above
    /// them (`packed`); `empty` where there is none.
    private var slots: [Int64]
    private var mask: Int
    private static let empty: Int64 = -1

    private struct Range: Sendable {
        var start: Int32
        var count: Int32
    }

    init(_ names: [String] = []) {
        base = nil
        (slots, mask) = Self.emptySlots(for: names.count)
        for name in names { _ = insert(name) }
    }

    /// Names at the given byte ranges of `base` (all different, as a table written by a build).
    init(base: SharedBytes, ranges: [(start: Int, count: Int)]) {
        let hashes = ranges.map { Self.hash(UnsafeBufferPointer(rebasing: base.buffer[$0.start..<($0.start + $0.count)])) }
        self.init(base: base, ranges: ranges, hashes: hashes)
    }

    /// Names at the given byte ranges of `base` whose lookup hashes (`lookupHash`) are known,
    /// as a table file keeps them.
    init(base: SharedBytes, ranges: [(start: Int, count: Int)], hashes: [Int]) {
        self.base = base
        self.ranges = ranges.map { Range(start: Int32($0.start), count: Int32($0.count)) }
        self.hashes = hashes
        (slots, mask) = Self.emptySlots(for: ranges.count)
        for number in ranges.indices { place(number, hash: hashes[number]) }
    }

    /// The lookup hash of the name numbered `number` (`hash(_:)` of its bytes).
    func lookupHash(_ number: Int) -> Int { hashes[number] }

    /// Calls `body` with the UTF-8 bytes of the name numbered `number` (no string made for a
    /// name read back from a file).
    func withBytes<R>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if number < ranges.count { return body(bytes(number)) }
        let place = number - ranges.count
        let (start, end) = (addedStarts[place], addedStarts[place + 1])
        return addedBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    var count: Int { ranges.count + addedStarts.count - 1 }

    subscript(number: Int) -> String {
        withBytes(number) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every name, in number order (made into strings).
    var all: [String] { (0..<count).map { self[$0] } }

    func number(of name: String) -> Int? { Text.withUTF8(name) { number(ofUTF8: $0, hash: Self.hash($0)) } }

    /// The number of the name whose UTF-8 bytes are `wanted` and lookup hash is `hash`.
    func number(ofUTF8 wanted: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        let tag = Self.tag(hash)
        return slots.withUnsafeBufferPointer { slots in
            var slot = hash & mask
            while true {
                let packed = slots[slot]
                if packed == Self.empty { return nil }
                // The hash's top half first: names sharing a slot by chance are not compared.
                if packed >> 32 == tag, equal(Int(packed & 0xFFFF_FFFF), wanted) { return Int(packed & 0xFFFF_FFFF) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The number of `name`, adding it at the end when it is new.
    mutating func insert(_ name: String) -> Int { Text.withUTF8(name) { insert(utf8: $0, hash: Self.hash($0)) } }

    /// `insert` of the name whose UTF-8 bytes are `name` and lookup hash is `hash`.
    mutating func insert(utf8 name: UnsafeBufferPointer<UInt8>, hash: Int) -> Int {
        if let known = number(ofUTF8: name, hash: hash) { return known }
        if (count + 1) * 2 > slots.count {
            (slots, mask) = Self.emptySlots(for: slots.count)
            for n in 0..<count { rehash(n) }
        }
        addedBytes.append(contentsOf: name)
        addedStarts.append(addedBytes.count)
        hashes.append(hash)
        place(count - 1, hash: hash)
        return count - 1
    }

    private func bytes(_ number: Int) -> UnsafeBufferPointer<UInt8> {
        let range = ranges[number]
        return UnsafeBufferPointer(rebasing: base!.buffer[Int(range.start)..<Int(range.start + range.count)])
    }

    private func equal(_ number: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        withBytes(number) { name in
            name.count == wanted.count && (name.isEmpty || memcmp(name.baseAddress!, wanted.baseAddress!, name.count) == 0)
        }
    }

    private mutating func rehash(_ number: Int) { place(number, hash: hashes[number]) }

    private mutating func place(_ number: Int, hash: Int) {
        var slot = hash & mask
        while slots[slot] != Self.empty { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) << 32 | Int64(number)
    }

    /// The top half of a hash, as a slot keeps it.
    @inline(__always)
    private static func tag(_ hash: Int) -> Int64 { Int64(hash) >> 32 }

    private static func emptySlots(for count: Int) -> ([Int64], Int) {
        var capacity = 16
        while capacity < count * 2 + 2 { capacity *= 2 }
        return ([Int64](repeating: empty, count: capacity), capacity - 1)
    }

    /// The lookup hash of a name given as its UTF-8 bytes (computed ahead, on other threads,
    /// for the one-thread loop numbering a build's slices).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int { QuickHash.of(bytes) }
}
