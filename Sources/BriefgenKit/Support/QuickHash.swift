/// A hash of a string's UTF-8 bytes for the build's tables (`IDTable`, `IDMap`, the slices a
/// page read) and the step of `StableHash`: eight bytes per multiply, where FNV-1a takes one
/// and a `Hasher` runs seeded SipHash over them. Ids and slice names are 10 to 40 bytes, and
/// pages look up hundreds each. The same in every process; what the graph keeps is made with
/// it, so changing it changes `BuildState.formatVersion`.
enum QuickHash {
    /// The hash of `text`'s UTF-8 bytes, mixed with `seed`.
    @inline(__always)
    static func of(_ text: String, seed: UInt64 = 0) -> Int {
        Text.withUTF8(text) { of($0, seed: seed) }
    }

    /// The hash of `bytes`, mixed with `seed`.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> Int {
        var hash = (seed ^ UInt64(bytes.count)) &* multiplier
        guard let start = bytes.baseAddress else { return finished(hash) }
        let base = UnsafeRawPointer(start)
        var index = 0
        while index + 8 <= bytes.count {
            hash = mix(hash ^ ByteWords.load(base, at: index))
            index += 8
        }
        let left = bytes.count - index
        if left > 0 {
            var tail: UInt64
            if bytes.count >= 8 {
                // The last eight bytes, shifted so that only those not yet read remain.
                tail = ByteWords.load(base, at: bytes.count - 8) >> UInt64((8 - left) * 8)
            } else {
                tail = 0
                for k in 0..<left { tail |= UInt64(bytes[index + k]) << UInt64(k * 8) }
            }
            hash = mix(hash ^ tail)
        }
        return finished(hash)
    }

    /// The last step: a multiply after folding the high half in, so that every byte of the last
    /// word reaches the low bits a table's slot is taken from (with only the folds, the last
    /// word's top bytes reached three of them, and ids differing there crowded into a few slots).
    @inline(__always)
    private static func finished(_ hash: UInt64) -> Int {
        let folded = (hash ^ (hash >> 32)) &* multiplier
        return Int(truncatingIfNeeded: folded ^ (folded >> 32))
    }

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* multiplier
        return product ^ (product >> 29)
    }
}
