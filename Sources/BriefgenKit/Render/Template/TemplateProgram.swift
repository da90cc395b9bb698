/// Every template of a library laid out flat for rendering: each list of nodes is a run of
/// plain operations in one buffer, section bodies are runs of their own, text is a range of one
/// byte buffer and names are ranges of one list of components.
///
/// Rendering the node tree (`TemplateNode`, an enum of arrays) copied each node it visited, and
/// with it retained and released its arrays: the template's own objects, shared by every page
/// and every rendering thread, were counted in and out for each node of each page (README,
/// "Performance rounds", ninth round). An operation here is a few integers read in place; only partials
/// and blocks, a few per page, keep their dictionaries.
final class TemplateProgram: Sendable {
    /// One operation. `a`, `b` and `c` are indices whose meaning depends on `code`.
    struct Operation {
        enum Code: UInt8 {
            /// Bytes `a..<a+b` of `bytes`.
            case text
            /// Name `a`, escaped when `escaped`.
            case variable
            /// Name `a`; its body is operations `b..<c`.
            case section
            case inverted
            /// `partials[a]`.
            case partial
            /// `blocks[a]`.
            case block
        }
        var code: Code
        var escaped = false
        var a: Int32
        var b: Int32 = 0
        var c: Int32 = 0
    }

    /// A name: `{{.}}`, `{{.name}}` (anchored) or components `components[start..<start+count]`.
    struct Name {
        var isDot: Bool
        var anchored: Bool
        var start: Int32
        var count: Int32
    }

    /// An override of a block: operations `range`, and where its tag is (for errors).
    struct Override: Sendable {
        var range: Range<Int32>
        var position: Int
    }

    struct Partial: Sendable {
        var name: String
        var indentation: [UInt8]?
        var overrides: [String: Override]?
    }

    struct Block: Sendable {
        var name: String
        var defaults: Range<Int32>
        var indentation: [UInt8]
    }

    // Safe to share: written only while `init` runs, read (never written) afterwards, and
    // freed by `deinit`, when nothing else refers to the program.
    nonisolated(unsafe) let operations: UnsafeMutableBufferPointer<Operation>
    nonisolated(unsafe) let bytes: UnsafeMutableBufferPointer<UInt8>
    nonisolated(unsafe) let names: UnsafeMutableBufferPointer<Name>
    nonisolated(unsafe) let components: UnsafeMutableBufferPointer<String>
    let partials: [Partial]
    let blocks: [Block]
    /// Each template's operations, by template name.
    let entries: [String: Range<Int32>]

    init(_ templates: [String: [TemplateNode]]) {
        var builder = Builder()
        var entries: [String: Range<Int32>] = [:]
        for name in templates.keys.sorted() { entries[name] = builder.flatten(templates[name]!) }
        self.entries = entries
        operations = .allocate(capacity: builder.operations.count)
        _ = operations.initialize(from: builder.operations)
        bytes = .allocate(capacity: builder.bytes.count)
        _ = bytes.initialize(from: builder.bytes)
        names = .allocate(capacity: builder.names.count)
        _ = names.initialize(from: builder.names)
        components = .allocate(capacity: builder.components.count)
        _ = components.initialize(from: builder.components)
        partials = builder.partials
        blocks = builder.blocks
    }

    deinit {
        operations.deallocate()
        bytes.deallocate()
        names.deallocate()
        components.deinitialize().deallocate()
    }

    /// Lays node lists out: a list's operations first, in one run, then the runs of the
    /// bodies inside it.
    private struct Builder {
        var operations: [Operation] = []
        var bytes: [UInt8] = []
        var names: [Name] = []
        var components: [String] = []
        var partials: [Partial] = []
        var blocks: [Block] = []

        mutating func flatten(_ nodes: [TemplateNode]) -> Range<Int32> {
            // Definitions only exist while compiling a parent's call; they render nothing.
            let rendered = nodes.filter { if case .blockDefinition = $0 { false } else { true } }
            let start = operations.count
            operations += Array(repeating: Operation(code: .text, a: 0), count: rendered.count)
            for (offset, node) in rendered.enumerated() {
                let made = operation(node)
                operations[start + offset] = made
            }
            return Int32(start)..<Int32(start + rendered.count)
        }

        private mutating func operation(_ node: TemplateNode) -> Operation {
            switch node {
            case .text(let text):
                bytes += text
                return Operation(code: .text, a: Int32(bytes.count - text.count), b: Int32(text.count))
            case .variable(let name, let escaped):
                return Operation(code: .variable, escaped: escaped, a: add(name))
            case .section(let name, let body), .inverted(let name, let body):
                let isSection = if case .section = node { true } else { false }
                let nameIndex = add(name)
                let range = flatten(body)
                return Operation(code: isSection ? .section : .inverted, a: nameIndex, b: range.lowerBound, c: range.upperBound)
            case .partial(let name, let indentation, let overrides):
                let flat = overrides?.mapValues { Override(range: flatten($0.nodes), position: $0.position) }
                partials.append(Partial(name: name, indentation: indentation, overrides: flat))
                return Operation(code: .partial, a: Int32(partials.count - 1))
            case .block(let name, let defaults, let indentation, _):
                blocks.append(Block(name: name, defaults: flatten(defaults), indentation: indentation))
                return Operation(code: .block, a: Int32(blocks.count - 1))
            case .blockDefinition:
                preconditionFailure("block definitions are left out by `flatten`")
            }
        }

        private mutating func add(_ name: TemplateName) -> Int32 {
            names.append(Name(isDot: name.isDot, anchored: name.anchored, start: Int32(components.count),
                              count: Int32(name.components.count)))
            components += name.components
            return Int32(names.count - 1)
        }
    }
}
