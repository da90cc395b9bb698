import Mustache

/// How `{{variable}}` is escaped in every template: the same five characters as
/// swift-mustache's HTML content type, found by scanning bytes.
///
/// Hand-written because escaping was a third of page rendering: swift-mustache looks every
/// Character up in a dictionary and copies each string, and most values (titles, dates, URLs,
/// quoted passages) contain nothing to escape, so here they are returned as they are.
struct HTMLEscaping: MustacheContentType {
    static let name = "BRIEFGEN_HTML"
    /// Put before each template's text: a standalone pragma line, so it renders nothing and
    /// moves the template down by exactly one line (errors are moved back).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the content type once per process, before any template naming it is parsed.
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: Self.isSpecial) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
