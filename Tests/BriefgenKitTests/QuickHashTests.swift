import Foundation
import Testing
@testable import BriefgenKit

/// The in-memory string hash of the build's look-up tables, and the tables on it.
@Suite struct QuickHashTests {
    /// Eight bytes per step and the last, partial word read from the end: every byte counts,
    /// at every length, in the words and in the tail.
    @Test func everyByteChangesTheHash() {
        for count in 0...40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: 97 + $0 % 26) }
            let hash = bytes.withUnsafeBufferPointer { QuickHash.of($0) }
            for place in 0..<count {
                var changed = bytes
                changed[place] ^= 0x20
                #expect(changed.withUnsafeBufferPointer { QuickHash.of($0) } != hash, "byte \(place) of \(count)")
            }
            // A string and its bytes hash alike; the length and the seed count too.
            #expect(QuickHash.of(String(decoding: bytes, as: UTF8.self)) == hash)
            #expect(QuickHash.of(String(decoding: bytes, as: UTF8.self), seed: 7) != hash)
            #expect((bytes + [0]).withUnsafeBufferPointer { QuickHash.of($0) } != hash)
        }
        // A string not stored as UTF-8 (bridged from Foundation) hashes as its UTF-8 does.
        let bridged = NSString(string: "actors/acteur-é-\u{1F600}") as String
        #expect(QuickHash.of(bridged) == QuickHash.of("actors/acteur-é-\u{1F600}"))
    }

    /// The low bits a table's slot is taken from depend on every byte: ids that differ only in
    /// the last bytes of their last word (dates, numbers) spread over the slots as random ones
    /// would (4,096 keys in 1,024 slots leave about 19 empty).
    @Test func lowBitsSpreadIdsThatDifferAtTheEnd() {
        for prefix in ["notes/2024-", "articles/art", "e/", "actors/acteur-numero-"] {
            var used = Set<Int>()
            for number in 0..<4_096 { used.insert(QuickHash.of(prefix + String(100_000 + number)) & 1023) }
            #expect(used.count > 980, "\(prefix): \(used.count) of 1,024 slots")
        }
    }

    @Test func idMapKeepsOrderAndReplacesValues() {
        var map = IDMap<Int>()
        for (number, id) in ["articles/b", "actors/a", "events/c"].enumerated() { map[id] = number }
        map["actors/a"] = 10
        #expect(map.keys == ["articles/b", "actors/a", "events/c"])
        #expect(map.values == [0, 10, 2])
        #expect(map["events/c"] == 2 && map["events/d"] == nil)
        #expect(map.count == 3)
        // Many keys: the table grows and finds each.
        for number in 0..<5_000 { map["articles/article-\(number)"] = number }
        var found = 0
        for number in 0..<5_000 where map["articles/article-\(number)"] == number { found += 1 }
        #expect(found == 5_000)
    }
}
