import CCmarkGFM
import Foundation

/// Thin, safe access to Debian's cmark-gfm.
///
/// cmark-gfm's inline parser edits a process-global table while a parser with extensions runs
/// (github/cmark-gfm PR #176), so two threads parsing at once silently produce wrong output.
/// Parsing is serialised behind `parseLock`; walking, editing and rendering a parsed tree touch
/// only that tree and run in parallel. `MarkdownParallelTests` compares parallel and serial output.
enum CMark {
    static let parseLock = NSLock()

    /// Registers the GFM extensions once; cmark's own flag is unsynchronised.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// A parsed document and the parser that owns its extension list.
    final class Parsed {
        let parser: OpaquePointer
        let root: OpaquePointer
        let options: Int32
        /// Nodes taken out of the tree. Inline literals may point into their old parent's
        /// buffer, so a replaced block is freed only with the whole document.
        private var retired: [OpaquePointer] = []

        fileprivate init(parser: OpaquePointer, root: OpaquePointer, options: Int32) {
            self.parser = parser
            self.root = root
            self.options = options
        }

        /// HTML of the (possibly edited) tree, with the extensions' renderers.
        func renderHTML() -> String {
            guard let cString = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
                return ""
            }
            defer { free(cString) }
            return String(utf8Runs: UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self),
                                                        count: strlen(cString)))
        }

        /// Puts `replacement` where `node` is; `node` is freed with the document.
        func replace(_ node: OpaquePointer, with replacement: OpaquePointer) {
            cmark_node_insert_before(node, replacement)
            cmark_node_unlink(node)
            retired.append(node)
        }

        /// Removes `node` from the tree; it is freed with the document.
        func retire(_ node: OpaquePointer) {
            cmark_node_unlink(node)
            retired.append(node)
        }

        deinit {
            cmark_node_free(root)
            for node in retired { cmark_node_free(node) }
            cmark_parser_free(parser)
        }
    }

    /// Parses Markdown with the GFM extensions; `unsafe` lets raw HTML through.
    ///
    /// Without `CMARK_OPT_VALIDATE_UTF8`: a `String` is valid UTF-8, and cmark replaces a NUL
    /// byte with U+FFFD while it splits lines whatever the options, so validating would only
    /// copy every line byte by byte once more.
    static func parse(_ markdown: String, unsafe: Bool) -> Parsed {
        _ = registered
        let options = CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0)
        parseLock.lock()
        defer { parseLock.unlock() }
        let parser = cmark_parser_new(options)!
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = markdown
        text.withUTF8 { buffer in
            if let base = buffer.baseAddress, buffer.count > 0 {
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        let root = cmark_parser_finish(parser)!
        return Parsed(parser: parser, root: root, options: options)
    }

    // MARK: - Node helpers

    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The node's literal as UTF-8 bytes where cmark keeps them (nil when it has none): valid
    /// while the tree is alive and the literal not set again. A String made of it was checked
    /// and copied for every text node of every body. It is UTF-8, as the Markdown it was
    /// parsed from (cmark writes U+FFFD for NUL and bad code points).
    static func literalBytes(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8>? {
        guard let literal = cmark_node_get_literal(node) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func title(_ node: OpaquePointer) -> String {
        cmark_node_get_title(node).map { String(cString: $0) } ?? ""
    }

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// Plain text of a node's inline content (text, code, line breaks as spaces).
    static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        appendPlainText(node, to: &out)
        return out
    }

    private static func appendPlainText(_ node: OpaquePointer, to out: inout String) {
        let kind = type(node)
        if kind == CMARK_NODE_TEXT || kind == CMARK_NODE_CODE {
            out += literal(node)
        } else if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
            out += " "
        } else {
            // Children followed by their links: no list made of them.
            var child = cmark_node_first_child(node)
            while let current = child {
                appendPlainText(current, to: &out)
                child = cmark_node_next(current)
            }
        }
    }

    static func newText(_ text: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, text)
        return node
    }

    /// A text node of UTF-8 bytes (which hold no NUL, as no literal cmark makes does).
    static func newText(_ bytes: UnsafeBufferPointer<UInt8>) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            let base = buffer.baseAddress!
            if bytes.count > 0 { UnsafeMutableRawPointer(base).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
            base[bytes.count] = 0
            _ = cmark_node_set_literal(node, base)
        }
        return node
    }

    /// A node that renders `enter`, its children, then `exit`, verbatim (our own trusted markup).
    static func newCustom(block: Bool, enter: String, exit: String) -> OpaquePointer {
        let node = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// Moves every child of `from` to the end of `to`.
    static func moveChildren(from: OpaquePointer, to: OpaquePointer) {
        while let child = cmark_node_first_child(from) {
            cmark_node_append_child(to, child)
        }
    }
}
