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
}
