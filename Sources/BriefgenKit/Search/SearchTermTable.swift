import Foundation

/// The distinct terms of a text as UTF-8 bytes in one buffer, each hashed once, then sorted
/// by their bytes: a body's terms without a string or a set entry made for each word read.
struct SearchTermTable {
    /// One distinct term: where its bytes are in `bytes`, and its first eight bytes as a
    /// big-endian number (zero-padded), which orders terms as their bytes do.
    private struct Entry {
        var start: Int32
        var count: Int32
        var head: UInt64
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing: an index into `entries` plus one, 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int

    /// A table sized for about `expecting` terms.
    init(expecting: Int) {
        var size = 64
        while size < expecting * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        bytes.reserveCapacity(expecting * 8)
        entries.reserveCapacity(expecting)
    }

    var count: Int { entries.count }

    /// Adds `term` unless it is there. Its number: distinct terms are numbered from 0 in the
    /// order they were first inserted.
    @discardableResult
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool) {
        let head = Text.utf8Head(term)
        var slot = Self.hash(head, term) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            let entry = entries[number]
            if entry.head == head, Int(entry.count) == term.count, same(entry, term) { return (number, false) }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(entries.count + 1)
        entries.append(Entry(start: Int32(bytes.count), count: Int32(term.count), head: head))
        bytes.append(contentsOf: term)
        if entries.count * 2 > slots.count { grow() }
        return (entries.count - 1, true)
    }

    /// The terms, sorted by their bytes.
    func sorted() -> SearchTerms {
        bytes.withUnsafeBufferPointer { buffer in
            let order = entries.sorted { a, b in
                if a.head != b.head { return a.head < b.head }
                // The same first eight bytes: terms hold no NUL, so a shorter one of up to
                // eight bytes is a prefix of the other.
                let shorter = min(a.count, b.count)
                if shorter > 8 {
                    for k in 8..<Int(shorter) {
                        let (x, y) = (buffer[Int(a.start) + k], buffer[Int(b.start) + k])
                        if x != y { return x < y }
                    }
                }
                return a.count < b.count
            }
            var terms = SearchTerms()
            for entry in order { terms.append(UnsafeBufferPointer(rebasing: buffer[Int(entry.start)..<Int(entry.start + entry.count)])) }
            return terms
        }
    }

    private func same(_ entry: Entry, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        guard term.count > 8 else { return true }  // the head holds all of both
        return bytes.withUnsafeBufferPointer { bytes in
            memcmp(bytes.baseAddress! + Int(entry.start) + 8, term.baseAddress! + 8, term.count - 8) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        bytes.withUnsafeBufferPointer { buffer in
            for (index, entry) in entries.enumerated() {
                let term = UnsafeBufferPointer(rebasing: buffer[Int(entry.start)..<Int(entry.start + entry.count)])
                var slot = Self.hash(entry.head, term) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index + 1)
            }
        }
    }

    /// A term's hash from its head, its length and (longer than eight bytes) its last eight
    /// bytes, read as one number: all of a term of up to sixteen bytes, without a step per byte
    /// (terms equal in those but not in the bytes between still differ when compared).
    @inline(__always)
    private static func hash(_ head: UInt64, _ term: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = (head ^ UInt64(term.count)) &* 0x9E37_79B9_7F4A_7C15
        if term.count > 8 {
            let tail = UnsafeRawPointer(term.baseAddress! + term.count - 8).loadUnaligned(as: UInt64.self)
            hash = (hash ^ tail) &* 0xC2B2_AE3D_27D4_EB4F
        }
        return Int(truncatingIfNeeded: hash >> 32 ^ hash)
    }
}
