/// A checksum of a graph file's or an output file's bytes, eight at a time: tells a file
/// written with a header from a damaged or stale one, and an output from the one built before.
///
/// Hand-written because `StableHash` (FNV-1a) goes a byte at a time, ten times slower on the
/// graph's files (README, "Performance"). Not for fingerprints of values (those stay FNV,
/// stable and well spread).
enum Checksum {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            for i in 0..<words {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
            }
        }
        for i in (words * 8)..<bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 29
        }
        return h == 0 ? 1 : h  // 0 means "no file" in the header
    }

    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { of($0) } }
}
