import Foundation

/// A checksum of a file's bytes, 32 at a time: tells a graph file written with a header from a
/// damaged or stale one, an output from the one built before, an input file from the one read
/// by the last build; and a body's HTML (`htmlHash`) or a search index file from the last.
///
/// Hand-written for long buffers: four lanes keep the multiplier busy where `StableHash` (one
/// chain, a word a step) waits on each multiply (README, "Performance rounds"); a full build of
/// 10,000 articles reads 55 MB of inputs and renders 100 MB of bodies. Not for fingerprints of
/// values made of several parts (those are `StableHash`es, with each part's length mixed in).
enum Checksum {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // Four lanes over 32-byte blocks, mixed at the end: one lane's multiply waits for the
        // one before it, four lanes keep the multiplier busy (every page of a build is summed).
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count), 0x243F_6A88_85A3_08D3,
                                                       0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0)
        let blocks = bytes.count / 32
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            for i in 0..<blocks {
                let offset = i * 32
                lanes.0 = Self.step(lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes.1 = Self.step(lanes.1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lanes.2 = Self.step(lanes.2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lanes.3 = Self.step(lanes.3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            }
        }
        var h = lanes.0
        h = Self.step(h, lanes.1)
        h = Self.step(h, lanes.2)
        h = Self.step(h, lanes.3)
        let words = (bytes.count - blocks * 32) / 8
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            for i in 0..<words { h = Self.step(h, raw.loadUnaligned(fromByteOffset: blocks * 32 + i * 8, as: UInt64.self)) }
        }
        for i in (blocks * 32 + words * 8)..<bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 29
        }
        return h == 0 ? 1 : h  // 0 means "no file" in the header
    }

    @inline(__always)
    private static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return mixed ^ (mixed >> 29)
    }

    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { of($0) } }

    static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0.bindMemory(to: UInt8.self)) }
    }

    /// The checksum of a string's UTF-8 as 16 hexadecimal digits.
    static func hex(of text: String) -> String {
        let s = String(Text.withUTF8(text) { of($0) }, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
