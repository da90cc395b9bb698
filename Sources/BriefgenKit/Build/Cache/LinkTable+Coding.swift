/// The link table as `index.bin` keeps it, for a rebuild that leaves every document's metadata
/// alone (the table is made from metadata only). Read back only after the file's fingerprint
/// matched the build graph's header; even so every id a key names must be a target, so that a
/// damaged file cannot make `resolve` fail.
extension BinaryWriter {
    mutating func linkTable(_ links: LinkTable) {
        uint(UInt64(links.targets.count))
        for target in links.targets.values {
            string(target.id)
            string(target.kind.rawValue)
            string(target.title)
            optionalString(target.shortName)
        }
        uint(UInt64(links.keys.count))
        for (key, named) in links.keys {
            string(key)
            switch named {
            case .one(let id): strings([id])
            case .many(let ids): strings(ids)
            }
        }
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
        var links = LinkTable()
        let targetCount = try count()
        links.targets.reserveCapacity(targetCount)
        for _ in 0..<targetCount {
            let id = try string()
            guard let kind = DocumentKind(rawValue: try string()) else { throw CacheError.corrupt }
            links.targets[id] = LinkTable.Target(id: id, kind: kind, title: try string(), shortName: try optionalString())
        }
        let keyCount = try count()
        links.keys.reserveCapacity(keyCount)
        for _ in 0..<keyCount {
            let key = try string()
            let ids = try strings()
            guard !ids.isEmpty, ids.allSatisfy({ links.targets[$0] != nil }) else { throw CacheError.corrupt }
            links.keys[key] = ids.count == 1 ? .one(ids[0]) : .many(ids)
        }
        for _ in 0..<(try count()) {
            let pattern = MentionMatcher.Pattern(text: try string(), target: try string())
            guard links.targets[pattern.target] != nil else { throw CacheError.corrupt }
            links.mentionPatterns.append(pattern)
        }
        links.fingerprint = try fixed64()
        return links
    }
}
