/// Renders compiled templates against a page's context into one UTF-8 buffer.
///
/// Values are what `PageContext*.swift` builds: `LazyObject`s (any `TemplateObject`),
/// `[String: Any]`, arrays, `String`, `Int`, `Bool` and `Absent`. Each is recognised once by
/// its concrete type, cheapest and commonest first; anything else renders as
/// `String(describing:)` and has no children, as in swift-mustache.
struct TemplateRenderer {
    /// An object on the context stack, its kind found when pushed so that name lookups
    /// walking the stack need no casts.
    private enum Frame {
        case lazy(LazyObject)
        case dictionary([String: Any])
        case object(any TemplateObject)
        /// A string, number, boolean or list: no children.
        case scalar(Any)
        case leaf(Any)

        init(_ value: Any) {
            if let object = value as? LazyObject {
                self = .lazy(object)
            } else if let dictionary = value as? [String: Any] {
                self = .dictionary(dictionary)
            } else if value is String || value is Int || value is [Any] {
                self = .scalar(value)
            } else if let object = value as? any TemplateObject {
                self = .object(object)
            } else {
                self = .leaf(value)
            }
        }

        var value: Any {
            switch self {
            case .lazy(let object): object
            case .dictionary(let dictionary): dictionary
            case .object(let object): object
            case .scalar(let value), .leaf(let value): value
            }
        }

        func child(named name: String) -> Any? {
            switch self {
            case .lazy(let object): object.child(named: name)
            case .dictionary(let dictionary): dictionary[name]
            case .object(let object): object.child(named: name)
            case .scalar: nil
            case .leaf(let value): Self.reflectedChild(named: name, of: value)
            }
        }

        static func child(named name: String, of value: Any) -> Any? {
            if let object = value as? LazyObject { return object.child(named: name) }
            if let dictionary = value as? [String: Any] { return dictionary[name] }
            if value is String || value is [Any] || value is Int || value is Bool || value is Absent { return nil }
            if let object = value as? any TemplateObject { return object.child(named: name) }
            return reflectedChild(named: name, of: value)
        }

        /// A stored property of another value, as swift-mustache's `Mirror` lookup found it.
        private static func reflectedChild(named name: String, of value: Any) -> Any? {
            if value is String || value is Int || value is Bool || value is Absent { return nil }
            guard let property = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: property.value)
            guard mirror.displayStyle == .optional else { return property.value }
            return mirror.children.first?.value
        }
    }

    /// One template (or section body) being rendered with an indentation: where its output
    /// starts, where the output of the node it is rendering starts, and the indentation.
    private struct Scope {
        var start: Int
        var nodeStart: Int
        var indentation: [UInt8]
    }

    private let templates: [String: [TemplateNode]]
    private(set) var output: [UInt8] = []
    private var stack: [Frame] = []
    /// The scopes rendering with an indentation, outermost first: none in most renders.
    private var scopes: [Scope] = []
    /// The indentation of the current context (kept by sections, extended by partials and blocks).
    private var indentation: [UInt8] = []
    /// Block overrides in force, the outermost template's winning.
    private var overrides: [String: [TemplateNode]]?

    init(templates: [String: [TemplateNode]]) {
        self.templates = templates
        output.reserveCapacity(1 << 16)
    }

    /// Renders the named template with `context` as the only object on the stack; nothing
    /// when there is no such template.
    mutating func render(_ name: String, context: Any) {
        guard let nodes = templates[name] else { return }
        stack.append(Frame(context))
        renderScope(nodes)
        stack.removeLast()
    }

    // MARK: - Nodes

    private mutating func renderScope(_ nodes: [TemplateNode]) {
        guard !indentation.isEmpty else {
            for node in nodes { renderNode(node) }
            return
        }
        let index = scopes.count
        scopes.append(Scope(start: output.count, nodeStart: output.count, indentation: indentation))
        for node in nodes {
            scopes[index].nodeStart = output.count
            renderNode(node)
        }
        scopes.removeLast()
    }

    private mutating func renderNode(_ node: TemplateNode) {
        switch node {
        case .text(let bytes):
            emit(bytes)
        case .variable(let name, let escaped):
            guard let value = lookup(name) else { return }
            renderValue(value, escaped: escaped)
        case .section(let name, let body):
            guard let value = lookup(name) else { return }
            renderSection(value, body)
        case .inverted(let name, let body):
            guard let value = lookup(name) else { return renderScope(body) }
            renderInverted(value, body)
        case .partial(let name, let indented, let inherited):
            guard let nodes = templates[name] else { return }
            let (savedIndentation, savedOverrides) = (indentation, overrides)
            if let indented { indentation += indented }
            if let inherited {
                overrides = overrides.map { $0.merging(inherited) { outer, _ in outer } } ?? inherited
            }
            renderScope(nodes)
            (indentation, overrides) = (savedIndentation, savedOverrides)
        case .block(let name, let defaults, let indented):
            let saved = indentation
            indentation += indented
            renderScope(overrides?[name] ?? defaults)
            indentation = saved
        case .blockDefinition:
            break
        }
    }

    private mutating func renderValue(_ value: Any, escaped: Bool) {
        if let text = value as? String {
            emit(text, escaped: escaped)
        } else if value is Absent {
            return
        } else if let number = value as? Int {
            emit(String(number), escaped: false)
        } else if let flag = value as? Bool {
            emit(flag ? "true" : "false", escaped: false)
        } else {
            emit(String(describing: Self.unwrapped(value)), escaped: escaped)
        }
    }

    private mutating func renderSection(_ value: Any, _ body: [TemplateNode]) {
        if let object = value as? LazyObject {
            push(.lazy(object), body)
        } else if let text = value as? String {
            push(.scalar(text), body)
        } else if let items = value as? [Any] {
            for item in items { push(Frame(item), body) }
        } else if let dictionary = value as? [String: Any] {
            push(.dictionary(dictionary), body)
        } else if let flag = value as? Bool {
            if flag { renderScope(body) }
        } else if value is Absent {
            return
        } else {
            push(Frame(value), body)
        }
    }

    private mutating func renderInverted(_ value: Any, _ body: [TemplateNode]) {
        if let items = value as? [Any] {
            if items.isEmpty { push(.scalar(items), body) }
        } else if let flag = value as? Bool {
            if !flag { renderScope(body) }
        } else if value is Absent {
            renderScope(body)
        }
    }

    private mutating func push(_ frame: Frame, _ body: [TemplateNode]) {
        stack.append(frame)
        renderScope(body)
        stack.removeLast()
    }

    // MARK: - Names

    /// The value a name reads: its first component found up the stack (or in the current
    /// object only for `.name`), the others inside what was found.
    private func lookup(_ name: TemplateName) -> Any? {
        if name.isDot { return stack.last!.value }
        let components = name.components
        guard let first = components.first else { return stack.last!.value }
        var value: Any
        if name.anchored {
            guard let found = stack.last!.child(named: first) else { return nil }
            value = found
        } else {
            var found: Any?
            for frame in stack.reversed() {
                if let child = frame.child(named: first) { found = child; break }
            }
            guard let found else { return nil }
            value = found
        }
        for component in components.dropFirst() {
            guard let child = Frame.child(named: component, of: value) else { return nil }
            value = child
        }
        return value
    }

    /// The value an `Optional` inside `Any` holds, as swift-mustache printed it.
    private static func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
        return wrapped
    }

    // MARK: - Output

    private mutating func emit(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if !scopes.isEmpty { indentIfAtLineStart() }
        output.append(contentsOf: bytes)
    }

    private mutating func emit(_ text: String, escaped: Bool) {
        guard !text.isEmpty else { return }
        if !scopes.isEmpty { indentIfAtLineStart() }
        if escaped {
            HTMLEscaping.append(text, to: &output)
        } else {
            output.append(contentsOf: text.utf8)
        }
    }

    /// Before output that starts a line of an indented partial or block, its indentation.
    ///
    /// swift-mustache rendered each template into its own string, node by node, and put the
    /// indentation before a node's output when that string ended with a newline: only the
    /// outermost scope whose current node has written nothing yet decides (a section's later
    /// items are not indented, as there). Scopes without indentation never indent, and
    /// indentation only grows inwards, so only the indented scopes need to be looked at.
    private mutating func indentIfAtLineStart() {
        let end = output.count
        for scope in scopes where scope.nodeStart == end {
            if end > scope.start, output[end - 1] == UInt8(ascii: "\n"),
               end - 2 < scope.start || output[end - 2] != UInt8(ascii: "\r") {
                output.append(contentsOf: scope.indentation)
            }
            return
        }
    }
}
