import Foundation

/// A small JSON writer (the search index, the JSON feeds): no spaces, keys in the order given,
/// strings escaped as Foundation's `JSONSerialization` escapes them (`"`, `\\`, control
/// characters by name or as `\\u00xx`; slashes and the rest as they are).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    var data: Data { Data(bytes) }

    mutating func open(_ bracket: Unicode.Scalar) {
        comma()
        bytes.append(UInt8(ascii: bracket))
        needsComma = false
    }

    mutating func close(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        needsComma = true
    }

    mutating func key(_ key: String) {
        comma()
        quoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        comma()
        quoted(value)
        needsComma = true
    }

    /// A string given as UTF-8 bytes.
    mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) {
        comma()
        quoted(utf8: value)
        needsComma = true
    }

    /// A list of numbers, or with `bare` the numbers alone as items of the open list.
    mutating func numbers(_ values: [Int], bare: Bool = false) {
        if !bare {
            comma()
            bytes.append(UInt8(ascii: "["))
            needsComma = false
        }
        for value in values {
            comma()
            // Digits written in place: the search index's postings are hundreds of thousands of
            // numbers, and `String(value)` made a string of each.
            Text.withDecimal(value) { bytes.append(contentsOf: $0) }
            needsComma = true
        }
        if !bare {
            bytes.append(UInt8(ascii: "]"))
            needsComma = true
        }
    }

    /// Bytes already encoded as one member or item.
    mutating func raw(_ encoded: [UInt8]) {
        comma()
        bytes.append(contentsOf: encoded)
        needsComma = true
    }

    private mutating func comma() { if needsComma { bytes.append(UInt8(ascii: ",")) } }

    private mutating func quoted(_ text: String) {
        Text.withUTF8(text) { quoted(utf8: $0) }
    }

    /// `text` quoted: runs of bytes that need no escape are copied as one piece.
    private mutating func quoted(utf8 text: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var run = 0
        var k = 0
        while k < text.count {
            // Eight bytes at a time while none needs an escape.
            if k + 8 <= text.count, Self.plain(UnsafeRawPointer(text.baseAddress! + k).loadUnaligned(as: UInt64.self)) {
                k += 8
                continue
            }
            let byte = text[k]
            k += 1
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<(k - 1)]))
            run = k
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
        bytes.append(0x22)
    }

    /// Whether none of eight bytes is a control character, `"` or `\\`.
    @inline(__always)
    private static func plain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
        // A byte below 0x20: subtracting 0x20 borrows into its high bit, unless that was set already.
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return !control && !hasZero(word ^ (ones &* 0x22)) && !hasZero(word ^ (ones &* 0x5C))
    }
}
