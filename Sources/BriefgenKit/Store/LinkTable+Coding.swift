import Foundation

/// The link table as `index.bin` keeps it, for a rebuild that leaves every document's metadata
/// alone (the table is made from metadata only): targets sorted by id and keys sorted by their
/// bytes, each list of records after a table of where each record starts, so that a lookup is
/// a binary search in the memory-mapped file (`FrozenLinkTable`) and nothing is decoded ahead.
extension BinaryWriter {
    mutating func linkTable(_ links: LinkTable) {
        let precedes = Text.precedesInUTF8
        var records = BinaryWriter()
        var starts: [Int32] = []
        for target in links.allTargets.sorted(by: { precedes($0.id, $1.id) }) {
            starts.append(Int32(records.bytes.count))
            records.string(target.id)
            records.string(target.kind.rawValue)
            records.string(target.title)
            records.optionalString(target.shortName)
        }
        int32s(starts)
        bytes(records.bytes)
        records = BinaryWriter()
        starts = []
        for (key, ids) in links.allKeys.sorted(by: { precedes($0.key, $1.key) }) {
            starts.append(Int32(records.bytes.count))
            records.string(key)
            records.strings(ids)
        }
        int32s(starts)
        bytes(records.bytes)
        uint(UInt64(links.mentionPatterns.count))
        for pattern in links.mentionPatterns {
            string(pattern.text)
            string(pattern.target)
        }
        fixed64(links.fingerprint)
    }
}

extension BinaryReader {
    mutating func linkTable() throws -> LinkTable {
        func section() throws -> [Int32] {
            let starts = try int32s()
            let (start, count) = try stringRange()
            guard starts.allSatisfy({ $0 >= 0 && Int($0) < count }) else { throw GraphError.corrupt }
            return starts.map { $0 + Int32(start) }
        }
        let frozen = FrozenLinkTable(bytes: buffer, targets: try section(), keys: try section())
        var patterns: [MentionMatcher.Pattern] = []
        for _ in 0..<(try count()) {
            let pattern = MentionMatcher.Pattern(text: try string(), target: try string())
            // The renderer links every mention to its target: it must be there.
            guard frozen.target(pattern.target) != nil else { throw GraphError.corrupt }
            patterns.append(pattern)
        }
        return LinkTable(frozen: frozen, mentionPatterns: patterns, fingerprint: try fixed64())
    }
}

/// A link table looked up in the bytes of the build graph (see `LinkTable+Coding.swift`). A
/// record that does not read is as if absent: the file passed its checksum, so that is only
/// possible for a file damaged in a way the checksum missed, and it fails safe.
final class FrozenLinkTable: Sendable {
    private let reader: BinaryReader
    private let targetStarts: [Int32]
    private let keyStarts: [Int32]

    init(bytes: SharedBytes, targets: [Int32], keys: [Int32]) {
        reader = BinaryReader(bytes)
        targetStarts = targets
        keyStarts = keys
    }

    func target(_ id: String) -> LinkTable.Target? {
        guard var r = find(id, in: targetStarts) else { return nil }
        return try? readTarget(&r, id: id)
    }

    func ids(forKey key: String) -> [String]? {
        guard var r = find(key, in: keyStarts) else { return nil }
        return try? r.strings()
    }

    func allTargets() -> [LinkTable.Target] {
        targetStarts.compactMap { start in
            var r = reader.at(Int(start))
            guard let id = try? r.string() else { return nil }
            return try? readTarget(&r, id: id)
        }
    }

    func allKeys() -> [(key: String, ids: [String])] {
        keyStarts.compactMap { start in
            var r = reader.at(Int(start))
            guard let key = try? r.string(), let ids = try? r.strings() else { return nil }
            return (key, ids)
        }
    }

    /// The first key in byte order (keys of old URLs, `moved_from`, sort first).
    func firstKey() -> String? {
        guard let start = keyStarts.first else { return nil }
        var r = reader.at(Int(start))
        return try? r.string()
    }

    private func readTarget(_ r: inout BinaryReader, id: String) throws -> LinkTable.Target {
        guard let kind = DocumentKind(rawValue: try r.string()) else { throw GraphError.corrupt }
        return LinkTable.Target(id: id, kind: kind, title: try r.string(), shortName: try r.optionalString())
    }

    /// A reader just after the record's name, found by binary search over the records sorted by
    /// their names' bytes, compared by `memcmp` (pages look up thousands of titles here).
    private func find(_ name: String, in starts: [Int32]) -> BinaryReader? {
        var name = name
        let all = reader.buffer.buffer
        return name.withUTF8 { wanted -> BinaryReader? in
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                var r = reader.at(Int(starts[middle]))
                guard let stored = try? r.stringRange(), stored.start + stored.count <= all.count else { return nil }
                let common = min(stored.count, wanted.count)
                let sign = common == 0 ? 0 : memcmp(all.baseAddress! + stored.start, wanted.baseAddress!, common)
                let order = sign != 0 ? Int(sign) : stored.count - wanted.count
                if order == 0 { return r }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }
}
