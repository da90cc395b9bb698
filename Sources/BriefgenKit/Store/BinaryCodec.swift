import Foundation

/// A compact binary encoding for the build graph on disk.
///
/// Hand-written because the graph is read on every build and must decode ~10^5 strings in a
/// few tens of milliseconds; Codable with JSON or property lists is an order of magnitude
/// slower. Every read is bounds-checked: a truncated or corrupt file throws, never crashes.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 20) }

    /// A writer for about `capacity` bytes, known ahead (the tables file's eleven megabytes at
    /// 10,000 articles, not doubled from the megabyte a writer gets).
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    /// LEB128 varint.
    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { copy($0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8($0) }
    }

    /// A text kept as bytes or as a string, written after `previous` (the text written before
    /// it in the same list, if any): 0 when their bytes are the same, else its count plus one
    /// and its bytes. A sentence naming several actors is the snippet of each of its mentions,
    /// and was written again for each (the 10,000-article graph's shards: 89.2 MB then, 77.4 MB
    /// with the sentence written once).
    mutating func storedText(_ value: StoredText, after previous: StoredText?) {
        if let previous, previous.hasSameBytes(as: value) {
            uint(0)
            return
        }
        value.withBytes { text in
            uint(UInt64(text.count) + 1)
            bytes.append(contentsOf: text)
        }
    }

    /// UTF-8 bytes after their count: how strings are written.
    private mutating func utf8(_ buffer: UnsafeBufferPointer<UInt8>) {
        uint(UInt64(buffer.count))
        bytes.append(contentsOf: buffer)
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    /// A string given as its UTF-8 bytes.
    mutating func string(bytes value: UnsafeBufferPointer<UInt8>) {
        uint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func strings(_ values: [String]) {
        uint(UInt64(values.count))
        for value in values { string(value) }
    }

    /// 64-bit values, little-endian, without their count (a column of a table).
    mutating func fixed64s(_ values: [UInt64]) {
        littleEndian(values)
    }

    /// Bytes as they are, without their count.
    mutating func raw(_ value: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: value) }

    /// The bytes of values in memory, copied in one piece (seen as `UInt8`s: appending the raw
    /// buffer itself would go a byte at a time).
    private mutating func copy(_ value: UnsafeRawBufferPointer) {
        guard !value.isEmpty else { return }
        value.withMemoryRebound(to: UInt8.self) { bytes.append(contentsOf: $0) }
    }

    /// Integers little-endian, in one piece: on a little-endian machine their bytes as they
    /// lie, without a converted copy of the list made first (the tables file holds millions).
    private mutating func littleEndian<T: FixedWidthInteger>(_ values: [T]) {
        #if _endian(little)
        values.withUnsafeBytes { copy($0) }
        #else
        values.map { $0.littleEndian }.withUnsafeBytes { copy($0) }
        #endif
    }

    mutating func bytes(_ data: [UInt8]) {
        uint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    /// 32-bit integers, little-endian, after their count.
    mutating func int32s(_ values: [Int32]) {
        uint(UInt64(values.count))
        littleEndian(values)
    }
}

/// Reads what `BinaryWriter` wrote; throws `GraphError.corrupt` on anything out of place.
struct BinaryReader: @unchecked Sendable {
    // Safe: `data` points into memory owned by `shared`, which this reader keeps alive and
    // which nothing writes; the reader itself is a value (its offset is its own).
    /// The bytes' owner, kept by values that keep referring to them (`storedText(after:)`).
    private let shared: SharedBytes
    private let data: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ shared: SharedBytes) {
        self.shared = shared
        data = shared.buffer
    }

    init(_ bytes: [UInt8]) { self.init(SharedBytes(copying: bytes)) }

    /// A text left as bytes until it is read, written by `storedText(_:after:)` after
    /// `previous`.
    mutating func storedText(after previous: StoredText?) throws -> StoredText {
        let n = try count()
        guard n > 0 else {
            guard let previous else { throw GraphError.corrupt }
            return previous
        }
        defer { offset += n - 1 }
        return StoredText(shared, start: offset, count: n - 1)
    }

    var atEnd: Bool { offset == data.count }

    /// A reader of the same bytes at another place.
    func at(_ offset: Int) -> BinaryReader {
        var reader = self
        reader.offset = offset
        return reader
    }

    mutating func uint() throws -> UInt64 {
        // One byte: most numbers the graph holds.
        if offset < data.count, data[offset] < 0x80 {
            offset += 1
            return UInt64(data[offset - 1])
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < data.count, shift < 64 else { throw GraphError.corrupt }
            let byte = data[offset]
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint())) }

    /// A count that must be plausible for the bytes left (each element takes at least one byte).
    mutating func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(data.count - offset) else { throw GraphError.corrupt }
        return Int(n)
    }

    mutating func fixed64() throws -> UInt64 {
        guard offset + 8 <= data.count else { throw GraphError.corrupt }
        let value = UInt64(littleEndian: UnsafeRawPointer(data.baseAddress! + offset).loadUnaligned(as: UInt64.self))
        offset += 8
        return value
    }

    mutating func bool() throws -> Bool {
        guard offset < data.count, data[offset] <= 1 else { throw GraphError.corrupt }
        offset += 1
        return data[offset - 1] == 1
    }

    mutating func string() throws -> String {
        let n = try count()
        let value = String(decoding: UnsafeBufferPointer(rebasing: data[offset..<(offset + n)]), as: UTF8.self)
        offset += n
        return value
    }

    /// Where the next string's bytes are in the buffer, skipping them.
    mutating func stringRange() throws -> (start: Int, count: Int) {
        let n = try count()
        defer { offset += n }
        return (offset, n)
    }

    /// The bytes the reader reads, for ranges given by `stringRange`.
    var buffer: SharedBytes { shared }

    mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        var result: [String] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try string()) }
        return result
    }

    mutating func int32s() throws -> [Int32] { try fixedWidth(try count()) }

    /// What `int32s` reads, left in place: its bytes, four little-endian ones per number (for a
    /// reader that makes its own values of them without copying the list first).
    mutating func int32Bytes() throws -> UnsafeRawBufferPointer {
        let n = try count()
        guard n <= (data.count - offset) / 4 else { throw GraphError.corrupt }
        defer { offset += 4 * n }
        return UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: data[offset..<(offset + 4 * n)]))
    }

    /// `n` 64-bit values written by `fixed64s`, copied as they are.
    mutating func fixed64s(_ n: Int) throws -> [UInt64] { try fixedWidth(n) }

    /// `n` little-endian integers of one width, copied as they are, then read in the machine's
    /// order (a no-op on the machines Swift runs on).
    private mutating func fixedWidth<T: FixedWidthInteger>(_ n: Int) throws -> [T] {
        let width = MemoryLayout<T>.size
        guard n >= 0, n <= (data.count - offset) / width else { throw GraphError.corrupt }
        let start = offset
        offset += width * n
        return [T](unsafeUninitializedCapacity: n) { out, initialized in
            if n > 0 { UnsafeMutableRawPointer(out.baseAddress!).copyMemory(from: data.baseAddress! + start, byteCount: width * n) }
            for i in 0..<n { out[i] = T(littleEndian: out[i]) }
            initialized = n
        }
    }

    /// The next `n` bytes, in place.
    mutating func rawBytes(_ n: Int) throws -> UnsafeBufferPointer<UInt8> {
        guard n >= 0, n <= data.count - offset else { throw GraphError.corrupt }
        defer { offset += n }
        return UnsafeBufferPointer(rebasing: data[offset..<(offset + n)])
    }

    mutating func bytes() throws -> [UInt8] {
        let n = try count()
        defer { offset += n }
        return Array(data[offset..<(offset + n)])
    }
}

/// Why the graph on disk could not be used.
enum GraphError: Error {
    case corrupt
    case foreign(String)
}
