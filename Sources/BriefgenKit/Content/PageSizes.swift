import Yams

/// How many items each paginated list shows per page (`paginate:` in `briefgen.yml`): one
/// number for every list, or a mapping with a `default` and one number per list.
public struct PageSizes: Hashable, Sendable {
    /// Items per page of a list that names no size of its own.
    public static let standard = 50

    public var `default` = PageSizes.standard
    /// Sizes by list name (`timeline`, `sources`, `business`, `notes`, `disputes`, `mentions`).
    public var lists: [String: Int] = [:]

    /// The names a list can be given a size by.
    static let listNames = ["timeline", "sources", "business", "notes", "disputes", "mentions"]

    public init() {}

    /// The page size of the list named `name` (one of `listNames`).
    public func size(of name: String) -> Int { lists[name] ?? self.default }

    /// Reads `paginate:`: a positive number, or a mapping of `default` and list names to positive numbers.
    static func read(_ node: Node, reader: FieldReader) -> (PageSizes, [Diagnostic]) {
        var sizes = PageSizes()
        var diagnostics: [Diagnostic] = []
        let hint = "e.g. `paginate: 50`, or `paginate: {default: 50, timeline: 100}` (lists: \(listNames.joined(separator: ", ")))"
        func number(_ node: Node, _ key: String) -> Int? {
            if let text = node.scalar?.string, let n = Int(text), n > 0 { return n }
            diagnostics.append(.error(reader.location(of: node), "`\(key)` must be a positive number of items per page", hint: hint))
            return nil
        }
        switch node {
        case .scalar:
            if let n = number(node, "paginate") { sizes.default = n }
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if name == "default" {
                    if let n = number(value, "paginate.default") { sizes.default = n }
                } else if listNames.contains(name) {
                    if let n = number(value, "paginate." + name) { sizes.lists[name] = n }
                } else {
                    let suggestion = Text.suggestion(for: name, in: ["default"] + listNames).map { "did you mean `\($0)`?" }
                    diagnostics.append(.warning(reader.location(of: key), "unknown list `\(name)` under `paginate`; it is ignored",
                                                hint: suggestion ?? hint))
                }
            }
        default:
            diagnostics.append(.error(reader.location(of: node), "`paginate` must be a number or a mapping", hint: hint))
        }
        return (sizes, diagnostics)
    }
}
