/// Eight bytes of UTF-8 at a time: tests that mark, in one 64-bit word, the bytes a byte loop
/// must look at, so that runs of ordinary text are stepped over a word at a time (the search
/// text of a body, HTML escaping).
enum ByteWords {
    /// The high bit set in exactly the bytes of `word` equal to `value`.
    @inline(__always)
    static func bytes(_ word: UInt64, equalTo value: UInt8) -> UInt64 {
        zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(value)))
    }

    /// The high bit set in exactly the zero bytes of `word` (no borrow runs between bytes).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// The high bit set in exactly the bytes of `word` with `m < byte < n` (0 ≤ m ≤ 127,
    /// 0 ≤ n ≤ 128), each byte on its own, no borrow crossing between them; bytes beyond ASCII
    /// never are ("hasbetween", Sean Eron Anderson's *Bit Twiddling Hacks*). The byte classes
    /// of the mention matcher and the search tokenizer are made of it.
    @inline(__always)
    static func between(_ word: UInt64, _ m: UInt64, _ n: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & (ones &* 127)
        return (ones &* (127 + n) &- low) & ~word & (low &+ ones &* (127 - m)) & (ones &* 128)
    }

    /// The eight bytes at `offset` of `base`, the first in the lowest bits.
    @inline(__always)
    static func load(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
