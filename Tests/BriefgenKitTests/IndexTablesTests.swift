import Testing
@testable import BriefgenKit

/// The hand-written tables under the site index and the slice table.
@Suite struct IndexTablesTests {
    @Test func idTableNumbersInOrderGrowsAndFindsRepeatsUnderTheirFirstNumber() {
        var table = IDTable(["b", "a", "b"])
        #expect(table.count == 3)  // numbers stay positions
        #expect(table.number(of: "b") == 0 && table.number(of: "a") == 1 && table.number(of: "c") == nil)
        for n in 0..<1000 { #expect(table.insert("slice:\(n)") == 3 + n) }
        #expect(table.insert("a") == 1)
        #expect((0..<1000).allSatisfy { table.number(of: "slice:\($0)") == 3 + $0 })
        #expect(table.ids.count == 1003)
    }

    /// Slots keep a hash tag beside each number: past 65,536 ids every id is still found under
    /// its own number, and ids that are not in the table (many sharing a slot's tag by chance)
    /// are not.
    @Test func idTableFindsEveryIdOfALargeTableAndNoOther() {
        let ids = (0..<70_000).map { "articles/article-\($0)" }
        var table = IDTable(ids.prefix(40_000))
        for id in ids.dropFirst(40_000) { _ = table.insert(id) }
        #expect(table.count == ids.count)
        #expect(ids.indices.allSatisfy { table.number(of: ids[$0]) == $0 })
        #expect((0..<70_000).allSatisfy { table.number(of: "articles/absent-\($0)") == nil })
        #expect(table.number(of: "") == nil && table.number(of: "articles/article-70000") == nil)
    }

    @Test func anIDMapMadeFromPairsKeepsTheirOrderAndFindsEachValue() {
        let pairs = (0..<3000).map { ("actors/actor-\($0)", $0 * 7) }
        let map = IDMap(uniqueKeys: pairs.map(\.0), values: pairs.map(\.1))
        #expect(map.keys == pairs.map(\.0) && map.values == pairs.map(\.1))
        #expect(pairs.allSatisfy { map[$0.0] == $0.1 } && map["actors/none"] == nil)
    }

    @Test func groupedKeepsOrderWithinGroupsAndDropsOnlyAdjacentRepeats() {
        let items: [(group: Int32, value: Int)] = [(2, 1), (0, 5), (2, 1), (2, 3), (0, 5), (2, 1)]
        let kept = Grouped(items, groups: 4, dropRepeats: true)
        #expect(Array(kept[0]) == [5])
        #expect(Array(kept[1]).isEmpty && Array(kept[3]).isEmpty && Array(kept[7]).isEmpty)
        #expect(Array(kept[2]) == [1, 3, 1])
        let all = Grouped(items, groups: 4, dropRepeats: false)
        #expect(Array(all[2]) == [1, 1, 3, 1] && Array(all[0]) == [5, 5])
        #expect(Array(Grouped<Int>([], groups: 3, dropRepeats: true)[1]).isEmpty)
    }

    @Test func sliceNamesReadFromBytesAndAddedAfterThemAreFoundByName() throws {
        var w = BinaryWriter()
        let stored = (0..<500).map { "mn:actors/actor-\($0)" } + ["t:articles/é-accent", "cfg"]
        for name in stored { w.string(name) }
        var r = BinaryReader(w.bytes)
        let ranges = try stored.map { _ in try r.stringRange() }
        var names = SliceNames(base: r.buffer, ranges: ranges)
        #expect(names.count == stored.count)
        #expect(stored.indices.allSatisfy { names[$0] == stored[$0] && names.number(of: stored[$0]) == $0 })
        #expect(names.number(of: "mn:actors/actor-500") == nil && names.number(of: "") == nil)
        // Added names grow the table past its first size, and old ones are still found.
        for n in 0..<2000 { #expect(names.insert("bl:x/\(n)") == stored.count + n) }
        #expect(names.insert("cfg") == stored.count - 1)
        #expect(names.count == stored.count + 2000)
        #expect(names.number(of: "t:articles/é-accent") == 500 && names[stored.count + 1999] == "bl:x/1999")
        #expect(SliceNames(["a", "b"]).all == ["a", "b"])
    }

    /// A page's slice list keeps each name's bytes as `Slice.name` makes them, in order, whether
    /// appended as a name or as a kind and argument, and the table finds them by their bytes as
    /// by their strings.
    @Test func sliceListsKeepTheNamesInOrderAndTheTableFindsThemByTheirBytes() {
        var log = SliceList([Slice.template("article")])
        log.append(.title, "actors/é-accent")
        log.append(Slice.config)
        log.append(.title, "")
        let expected = [Slice.template("article"), Slice.name(.title, "actors/é-accent"), Slice.config, Slice.name(.title, "")]
        #expect(log.names == expected && log.count == 4)
        #expect(SliceList(expected) == log)
        var table = SliceTable(names: SliceNames(), fingerprints: [])
        for index in 0..<log.count {
            let number = log.withName(index) { table.intern(utf8: $0, UInt64(index), hash: SliceNames.hash($0)) }
            #expect(Int(number) == index)
        }
        #expect(expected.indices.allSatisfy { table.number(of: expected[$0]) == $0 && table.fingerprints[$0] == UInt64($0) })
        #expect(log.withName(1) { table.number(ofUTF8: $0, hash: SliceNames.hash($0)) } == 1)
    }
}
