/// A template context object whose values are computed only when the template reads them.
/// Values are computed through a `PageReader`, which logs the slices of the site they read,
/// so a page's recorded dependencies are exactly what its template used.
final class LazyObject: TemplateObject {
    /// Keys and their thunks, found by a linear search: an object has a handful of keys (a
    /// page's own a few dozen), so comparing names costs less than building a hash table for
    /// each of the thousands of objects a list page makes and reads once. Written as a literal
    /// (one array, made by the caller), or gathered in a table for a page's own keys.
    private enum Thunks {
        case pairs(KeyValuePairs<String, () -> Any>)
        case table([(key: String, value: () -> Any)])
        /// Values already known (a list item made from data in hand).
        case values(KeyValuePairs<String, Any>)
        /// One function for every key: one closure per object instead of one per key.
        case computed(keys: [String], compute: (String) -> Any)
    }

    private let thunks: Thunks
    /// The values read so far, by their key's place, already sorted for templates (a page's
    /// own values, `site`, `t`, `page`, are read many times); made on the first read. Not
    /// checked for exclusive access at run time: `value(named:)` holds no access to it while a
    /// thunk runs (a thunk may read this object again), and an object is read by one page's
    /// render only.
    @exclusivity(unchecked) private var values: [TemplateValue?] = []

    init(_ thunks: KeyValuePairs<String, () -> Any>) {
        self.thunks = .pairs(thunks)
    }

    /// An object whose values are known when it is made: read as a `[String: Any]` would be,
    /// without hashing its keys to build it or to read it.
    init(values: KeyValuePairs<String, Any>) {
        self.thunks = .values(values)
    }

    /// An object whose values `compute` makes from their key, for the objects lists hold by
    /// the thousand: one closure to allocate and free instead of one per key. `keys` (a
    /// constant) lists every key `compute` answers.
    init(keys: [String], compute: @escaping (String) -> Any) {
        self.thunks = .computed(keys: keys, compute: compute)
    }

    /// An object whose keys were gathered in a table (a page's own keys, merged by kind).
    init(table thunks: [String: () -> Any]) {
        self.thunks = .table(Array(thunks))
    }

    func child(named name: String) -> Any? {
        value(named: name)?.any
    }

    /// The value called `name` as templates read it, computed on the first read and kept.
    func value(named name: String) -> TemplateValue? {
        let index: Int, count: Int
        var thunk: (() -> Any)?
        var compute: ((String) -> Any)?
        switch thunks {
        case .pairs(let pairs):
            guard let found = pairs.firstIndex(where: { $0.key == name }) else { return nil }
            (index, count, thunk) = (found, pairs.count, pairs[found].value)
        case .table(let table):
            guard let found = table.firstIndex(where: { $0.key == name }) else { return nil }
            (index, count, thunk) = (found, table.count, table[found].value)
        case .values(let values):
            return values.first { $0.key == name }.map { TemplateValue($0.value) }
        case .computed(let keys, let function):
            guard let found = keys.firstIndex(of: name) else { return nil }
            (index, count, compute) = (found, keys.count, function)
        }
        if values.isEmpty {
            values = Array(repeating: nil, count: count)
        } else if let value = values[index] {
            return value
        }
        let value: TemplateValue
        if let thunk { value = TemplateValue(thunk()) } else { value = TemplateValue(compute!(name)) }
        values[index] = value
        return value
    }

    /// Every key, for the template variable check.
    var keys: [String] {
        switch thunks {
        case .pairs(let pairs): pairs.map(\.key)
        case .table(let table): table.map(\.key)
        case .values(let values): values.map(\.key)
        case .computed(let keys, _): keys
        }
    }
}

/// A value computed on first call and kept: a list and its `has…` flag share one computation.
func once<T>(_ make: @escaping () -> T) -> () -> T {
    let box = OnceBox<T>()
    return {
        if let value = box.value { return value }
        let value = make()
        box.value = value
        return value
    }
}

private final class OnceBox<T> {
    var value: T?
}

/// The slices of the site a page read while rendering, in the order first read.
final class ReadLog {
    // Not checked for exclusive access at run time: one page's render records into its log,
    // and `record` calls nothing that reads the log.
    @exclusivity(unchecked) private(set) var slices: [String] = []
    @exclusivity(unchecked) private var seen = Set<String>()

    /// The slice recorded last: pages read the same slice many times in a row (the site's
    /// configuration for each URL), and comparing with it is cheaper than hashing.
    @exclusivity(unchecked) private var last = ""

    func record(_ slice: String) {
        if slice == last { return }
        last = slice
        if seen.insert(slice).inserted { slices.append(slice) }
    }
}

/// Every key of every object inside a render context (evaluating lazy values), for the variable check.
func contextKeys(_ value: Any, into keys: inout Set<String>) {
    if let object = value as? LazyObject {
        for key in object.keys {
            keys.insert(key)
            if let child = object.child(named: key) { contextKeys(child, into: &keys) }
        }
    } else if let strings = value as? StringTable {
        keys.formUnion(strings.table.keys)
    } else if let dictionary = value as? [String: Any] {
        for (key, child) in dictionary {
            keys.insert(key)
            contextKeys(child, into: &keys)
        }
    } else if let array = value as? [Any] {
        for child in array { contextKeys(child, into: &keys) }
    }
}
