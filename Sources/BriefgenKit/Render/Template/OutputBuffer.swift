import Foundation

/// Something rendered bytes are written to: a page's `OutputBuffer`, or an array.
protocol ByteSink: ~Copyable {
    /// Appends `bytes` at the end.
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// The bytes of one page as it is rendered, in memory of its own that becomes the page's
/// `Data` without a copy.
///
/// An `[UInt8]` made `Data` was copied whole (a page is tens of kilobytes), and each append to
/// it checked the array's uniqueness and went through the generic `append(contentsOf:)`.
struct OutputBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes were written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit {
        free(base)
    }

    /// The byte at `index` (below `count`).
    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count)
        return base[index]
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of `text`.
    mutating func write(_ text: String) {
        Text.withUTF8(text) { write($0) }
    }

    private mutating func grow(to needed: Int) {
        var capacity = self.capacity
        while capacity < needed { capacity *= 2 }
        base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
        self.capacity = capacity
    }

    /// The bytes written, as `Data` that owns (and frees) this memory, trimmed to its size.
    consuming func data() -> Data {
        let (base, count) = (self.base, self.count)
        discard self
        // Trimmed so that the room left over goes back to the allocator now, not when the page
        // has been written (realloc may move the block; Data owns whichever it returns).
        let trimmed = realloc(base, Swift.max(count, 1)) ?? UnsafeMutableRawPointer(base)
        return Data(bytesNoCopy: trimmed, count: count, deallocator: .free)
    }
}

extension OutputBuffer: ByteSink {}
