import Foundation

/// A small JSON writer for the index: no spaces, keys in the order given, strings escaped.
struct SearchJSON {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    var data: Data { Data(bytes) }

    mutating func open(_ bracket: Character) {
        comma()
        bytes.append(contentsOf: Array(String(bracket).utf8))
        needsComma = false
    }

    mutating func close(_ bracket: Character) {
        bytes.append(contentsOf: Array(String(bracket).utf8))
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

    /// A list of numbers, or with `bare` the numbers alone as items of the open list.
    mutating func numbers(_ values: [Int], bare: Bool = false) {
        if !bare {
            comma()
            bytes.append(UInt8(ascii: "["))
            needsComma = false
        }
        for value in values {
            comma()
            bytes.append(contentsOf: Array(String(value).utf8))
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
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                bytes.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
