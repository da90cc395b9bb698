import Foundation

/// Reads back the files `JSONWriter` wrote that are one object of lists (term, document
/// table, actor and dates files): `{"key":[1,2],"other":["a","b"]}`, on their bytes. Anything
/// else (another shape, a stray byte) reads as nil.
enum SearchJSONReader {
    /// One member: its key and its list, of numbers or of strings (an empty list has neither).
    struct Member {
        var key: String
        var numbers: [Int] = []
        var strings: [String] = []
    }

    static func members(_ data: Data) -> [Member]? {
        data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.object()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        mutating func object() -> [Member]? {
            guard take(0x7B) else { return nil }
            var members: [Member] = []
            if take(0x7D) { return at == bytes.count ? members : nil }
            repeat {
                guard let key = string(), take(0x3A), take(0x5B) else { return nil }
                var member = Member(key: key)
                if !take(0x5D) {
                    repeat {
                        if at < bytes.count, bytes[at] == 0x22 {
                            guard member.numbers.isEmpty, let value = string() else { return nil }
                            member.strings.append(value)
                        } else {
                            guard member.strings.isEmpty, let value = number() else { return nil }
                            member.numbers.append(value)
                        }
                    } while take(0x2C)
                    guard take(0x5D) else { return nil }
                }
                members.append(member)
            } while take(0x2C)
            guard take(0x7D), at == bytes.count else { return nil }
            return members
        }

        mutating func number() -> Int? {
            let negative = take(0x2D)
            var value = 0, digits = 0
            while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, digits < 18 {
                value = value * 10 + Int(bytes[at] - 0x30)
                at += 1
                digits += 1
            }
            return digits == 0 ? nil : negative ? -value : value
        }

        /// A string with the escapes `JSONWriter` writes.
        mutating func string() -> String? {
            guard take(0x22) else { return nil }
            var out: [UInt8] = []
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                if byte == 0x22 { return String(decoding: out, as: UTF8.self) }
                guard byte == 0x5C else { out.append(byte); continue }
                guard at < bytes.count else { return nil }
                let escape = bytes[at]
                at += 1
                switch escape {
                case 0x22, 0x5C: out.append(escape)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard at + 4 <= bytes.count, let code = UInt8(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + 4)]), as: UTF8.self), radix: 16),
                          code < 0x20 else { return nil }
                    out.append(code)
                    at += 4
                default: return nil
                }
            }
            return nil
        }
    }
}
