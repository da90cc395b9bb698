import Foundation

/// Renders compiled templates against a page's context into one UTF-8 buffer.
///
/// Each value a name reads is sorted once (`TemplateValue`); the context stack holds sorted
/// values, so looking a name up through it needs no casts.
struct TemplateRenderer: ~Copyable {
    /// One template (or section body) being rendered with an indentation: where its output
    /// starts, where the output of the node it is rendering starts, and the indentation.
    private struct Scope {
        var start: Int
        var nodeStart: Int
        var indentation: [UInt8]
    }

    private typealias Operation = TemplateProgram.Operation

    private let program: TemplateProgram
    /// The program's buffers, read in place (the program outlives the renderer).
    private let operations: UnsafeMutableBufferPointer<Operation>
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private var output = OutputBuffer(capacity: 1 << 16)
    private var stack: [TemplateValue] = []
    /// The scopes rendering with an indentation, outermost first: none in most renders.
    private var scopes: [Scope] = []
    /// The indentation of the current context (kept by sections, extended by partials and blocks).
    private var indentation: [UInt8] = []
    /// Block overrides in force, the outermost template's winning.
    private var overrides: [String: TemplateProgram.Override]?

    init(program: TemplateProgram) {
        self.program = program
        operations = program.operations
        bytes = program.bytes
    }

    /// Renders the named template with `context` as the only object on the stack; nothing
    /// when there is no such template.
    mutating func render(_ name: String, context: Any) {
        guard let range = program.entries[name] else { return }
        push(TemplateValue(context), range)
    }

    /// The bytes rendered.
    consuming func finished() -> Data {
        output.data()
    }

    // MARK: - Nodes

    private mutating func renderScope(_ range: Range<Int32>) {
        guard !indentation.isEmpty else {
            for index in range { renderOperation(operations[Int(index)]) }
            return
        }
        let scope = scopes.count
        scopes.append(Scope(start: output.count, nodeStart: output.count, indentation: indentation))
        for index in range {
            scopes[scope].nodeStart = output.count
            renderOperation(operations[Int(index)])
        }
        scopes.removeLast()
    }

    private mutating func renderOperation(_ operation: Operation) {
        switch operation.code {
        case .text:
            emit(UnsafeBufferPointer(rebasing: bytes[Int(operation.a)..<Int(operation.a + operation.b)]))
        case .variable:
            guard let value = lookup(operation.a) else { return }
            renderValue(value, escaped: operation.escaped)
        case .section:
            guard let value = lookup(operation.a) else { return }
            renderSection(value, operation.b..<operation.c)
        case .inverted:
            let body = operation.b..<operation.c
            guard let value = lookup(operation.a) else { return renderScope(body) }
            renderInverted(value, body)
        case .partial:
            let partial = program.partials[Int(operation.a)]
            guard let range = program.entries[partial.name] else { return }
            let (savedIndentation, savedOverrides) = (indentation, overrides)
            if let indented = partial.indentation { indentation += indented }
            if let inherited = partial.overrides {
                overrides = overrides.map { $0.merging(inherited) { outer, _ in outer } } ?? inherited
            }
            renderScope(range)
            (indentation, overrides) = (savedIndentation, savedOverrides)
        case .block:
            let block = program.blocks[Int(operation.a)]
            let saved = indentation
            indentation += block.indentation
            renderScope(overrides?[block.name]?.range ?? block.defaults)
            indentation = saved
        }
    }

    private mutating func renderValue(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text): emit(text, escaped: escaped)
        case .absent: return
        case .number(let number): emit(String(number), escaped: false)
        case .flag(let flag): emit(flag ? "true" : "false", escaped: false)
        case .other(let box): emit(String(describing: Self.unwrapped(box.value)), escaped: escaped)
        default: emit(String(describing: value.any), escaped: escaped)
        }
    }

    private mutating func renderSection(_ value: consuming TemplateValue, _ body: Range<Int32>) {
        switch value {
        case .list(let items):
            for item in items { push(TemplateValue(item), body) }
        case .objects(let items):
            for item in items { push(.lazy(item), body) }
        case .rows(let rows):
            for row in 0..<rows.count { push(.row(rows, row), body) }
        case .flag(let flag):
            if flag { renderScope(body) }
        case .absent:
            return
        default:
            push(value, body)
        }
    }

    private mutating func renderInverted(_ value: consuming TemplateValue, _ body: Range<Int32>) {
        switch value {
        case .list(let items): if items.isEmpty { push(value, body) }
        case .objects(let items): if items.isEmpty { push(value, body) }
        case .rows(let rows): if rows.count == 0 { push(value, body) }
        case .flag(let flag): if !flag { renderScope(body) }
        case .absent: renderScope(body)
        default: return
        }
    }

    /// Renders `body` with `value` on the stack; the value is taken (moved onto the stack,
    /// not copied: a retain and a release for each item of every list rendered).
    private mutating func push(_ value: consuming TemplateValue, _ body: Range<Int32>) {
        stack.append(value)
        renderScope(body)
        stack.removeLast()
    }

    // MARK: - Names

    /// The value name `index` reads: its first component found up the stack (or in the
    /// current object only for `.name`), the others inside what was found.
    private func lookup(_ index: Int32) -> TemplateValue? {
        let name = program.names[Int(index)]
        if name.isDot || name.count == 0 { return stack.last! }
        let components = program.components
        let first = Int(name.start)
        let key = components[first]
        // Each level of the stack is asked where it lies, a lazy object or a row through a
        // `Context`, without a reference taken (a copy of each level asked was a retain and a
        // release, hundreds of times per page).
        let found: TemplateValue? = stack.withUnsafeBufferPointer { stack in
            var level = stack.count - 1
            let lowest = name.anchored ? level : 0
            while level >= lowest {
                if let value = Context.child(of: stack.baseAddress! + level, named: key) { return value }
                level -= 1
            }
            return nil
        }
        guard var value = found else { return nil }
        // The value found is held here while its children are asked, through a context too.
        for component in (first + 1)..<(first + Int(name.count)) {
            guard let child = withUnsafePointer(to: &value, { Context.child(of: $0, named: components[component]) }) else { return nil }
            value = child
        }
        return value
    }

    /// A value as a name's components are looked up in it: a lazy object or a table's row
    /// referred to without a reference counted (the stack, or `lookup` for a value found
    /// there, holds one while it is asked), or another value, asked where it lies. The
    /// payload is taken in `init`, before anything it calls could release the value: bound in
    /// a `switch` over the call itself, the compiler kept a reference of its own.
    private enum Context {
        case lazy(Unmanaged<LazyObject>)
        case row(Unmanaged<TemplateRows>, Int)
        case other

        init(_ value: TemplateValue) {
            switch value {
            case .lazy(let object): self = .lazy(.passUnretained(object))
            case .row(let rows, let row): self = .row(.passUnretained(rows), row)
            default: self = .other
            }
        }

        /// The child `name` of the value at `value` (held by the caller while it is asked).
        @inline(__always)
        static func child(of value: UnsafePointer<TemplateValue>, named name: String) -> TemplateValue? {
            switch Context(value.pointee) {
            case .lazy(let object): object._withUnsafeGuaranteedRef { $0.value(named: name) }
            case .row(let rows, let row): rows._withUnsafeGuaranteedRef { $0.value(row: row, named: name) }
            case .other: value.pointee.child(named: name)
            }
        }
    }

    /// The value an `Optional` inside `Any` holds, as swift-mustache printed it.
    private static func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
        return wrapped
    }

    // MARK: - Output

    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if !scopes.isEmpty { indentIfAtLineStart() }
        output.write(bytes)
    }

    private mutating func emit(_ text: String, escaped: Bool) {
        guard !text.isEmpty else { return }
        if !scopes.isEmpty { indentIfAtLineStart() }
        if escaped {
            HTMLEscaping.append(text, to: &output)
        } else {
            output.write(text)
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
                scope.indentation.withUnsafeBufferPointer { output.write($0) }
            }
            return
        }
    }
}
