extension String {
    /// `a + b + c` made in one allocation of the right size: pages make URLs and slice names
    /// by the hundred thousand (every reference, list item, backlink and passage), and `+`
    /// or appends to a reserved string cost three to five times as many instructions.
    init(joining a: String, _ b: String, _ c: String) {
        let count = a.utf8.count + b.utf8.count + c.utf8.count
        let made: String? = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in
                c.utf8.withContiguousStorageIfAvailable { c in
                    String(unsafeUninitializedCapacity: count) { buffer in
                        var end = buffer.initialize(fromContentsOf: a)
                        end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: b)
                        end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: c)
                        return end
                    }
                }
            } ?? nil
        } ?? nil
        // Strings without contiguous UTF-8 (bridged from Foundation) are joined the usual way.
        self = made ?? a + b + c
    }
}
