/// A template context object whose values are computed only when the template reads them.
/// Values are computed through a `PageReader`, which logs the slices of the site they read,
/// so a page's recorded dependencies are exactly what its template used.
final class LazyObject: TemplateObject {
    /// Keys and their thunks, found by a linear search: an object has a handful of keys (a
    /// page's own a few dozen), so comparing names costs less than building a hash table for
    /// each of the thousands of objects a list page makes and reads once. One of three forms
    /// (`form`), each in a stored property of its own rather than an enum's payload: reading a
    /// payload out of an enum copied it (its array retained and released) twice per read, a
    /// tenth of the cost of reading a value.
    private enum Form: UInt8 {
        /// `pairs`: written as a literal, or gathered from a table (a page's own keys).
        case pairs
        /// `known`: values already known (a list item made from data in hand).
        case values
        /// `keyList` and `compute`: one function for every key, one closure per object instead
        /// of one per key.
        case computed
    }

    private let form: Form
    private let pairs: Fields<() -> Any>
    private let known: Fields<Any>
    private let keyList: [String]
    private let compute: ((String) -> Any)?

    /// The values read so far, by their key's place, already sorted for templates (a page's
    /// own values, `site`, `t`, `page`, are read many times); made on the first read. Not
    /// checked for exclusive access at run time: `value(named:)` holds no access to it while a
    /// thunk runs (a thunk may read this object again), and an object is read by one page's
    /// render only.
    @exclusivity(unchecked) private var values: [TemplateValue?] = []

    init(_ thunks: Fields<() -> Any>) {
        (form, pairs, known, keyList, compute) = (.pairs, thunks, Fields([]), [], nil)
    }

    /// An object whose values are known when it is made: read as a `[String: Any]` would be,
    /// without hashing its keys to build it or to read it.
    init(values: Fields<Any>) {
        (form, pairs, known, keyList, compute) = (.values, Fields([]), values, [], nil)
    }

    /// An object whose values `compute` makes from their key, for the objects lists hold by
    /// the thousand: one closure to allocate and free instead of one per key. `keys` (a
    /// constant) lists every key `compute` answers.
    init(keys: [String], compute: @escaping (String) -> Any) {
        (form, pairs, known, keyList, self.compute) = (.computed, Fields([]), Fields([]), keys, compute)
    }

    func child(named name: String) -> Any? {
        value(named: name)?.any
    }

    /// The value called `name` as templates read it, computed on the first read and kept.
    ///
    /// The key is found first and the kept values asked before a thunk is taken out: copying
    /// the thunk (its context retained and released) for every read of a kept value was most
    /// of what reading one cost.
    func value(named name: String) -> TemplateValue? {
        let index: Int, count: Int
        switch form {
        case .pairs:
            guard let found = pairs.index(of: name) else { return nil }
            (index, count) = (found, pairs.entries.count)
        case .values:
            return known.index(of: name).map { TemplateValue(known.entries[$0].1) }
        case .computed:
            guard let found = keyList.firstIndex(where: { Self.same($0, name) }) else { return nil }
            (index, count) = (found, keyList.count)
        }
        if values.isEmpty {
            values = Array(repeating: nil, count: count)
        } else if let value = values[index] {
            return value
        }
        let value = form == .pairs ? TemplateValue(pairs.entries[index].1()) : TemplateValue(compute!(name))
        values[index] = value
        return value
    }

    /// Every key, for the template variable check.
    var keys: [String] {
        switch form {
        case .pairs: pairs.entries.map(\.0)
        case .values: known.entries.map(\.0)
        case .computed: keyList
        }
    }

    /// Whether a key is `name`: lengths first, which tells most keys apart without calling
    /// into the string comparison of the standard library (`==` on two different strings
    /// always does).
    @inline(__always)
    static func same(_ key: String, _ name: String) -> Bool {
        key.utf8.count == name.utf8.count && key == name
    }

    /// An object's keys and values (or thunks) in the order written, from a dictionary
    /// literal as `KeyValuePairs` was: searched in place, through the array's buffer, so
    /// looking a key up copies no (key, value) pair (with `KeyValuePairs` each pair passed
    /// was copied and destroyed through the generic tuple witnesses).
    struct Fields<Value>: ExpressibleByDictionaryLiteral {
        let entries: [(String, Value)]

        init(dictionaryLiteral elements: (String, Value)...) {
            entries = elements
        }

        init(_ entries: [(String, Value)]) {
            self.entries = entries
        }

        /// These entries, then those of `other` whose keys are not among them (a key is
        /// found at its first entry): `self`'s values win.
        func adding(_ other: Fields) -> Fields {
            Fields(entries + other.entries)
        }

        /// The place of `name`'s entry.
        ///
        /// Each key is loaded alone from the entry's bytes: reading `buffer[index].0` (or
        /// `pointee.0`) copied the whole entry, its `Any` value through the generic tuple
        /// witnesses, for every key compared (~150 instructions each). The load is sound: the
        /// array's buffer holds initialized `(String, Value)` tuples, a tuple's first element
        /// is at the offset `MemoryLayout.offset(of:)` gives (0), properly aligned for
        /// `String`, and the array outlives the closure.
        @inline(__always)
        func index(of name: String) -> Int? {
            entries.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return nil }
                let raw = UnsafeRawPointer(base) + Self.keyOffset
                let stride = MemoryLayout<(String, Value)>.stride
                for index in 0..<buffer.count
                where LazyObject.same(raw.load(fromByteOffset: index * stride, as: String.self), name) {
                    return index
                }
                return nil
            }
        }

        /// Where an entry's key is inside it.
        private static var keyOffset: Int { MemoryLayout<(String, Value)>.offset(of: \(String, Value).0)! }
    }
}

/// A page's own keys and their thunks, gathered by kind of page.
typealias PageThunks = LazyObject.Fields<() -> Any>

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
///
/// A slice of one document (or reference, or kind of documents) is recorded as its kind and
/// argument, and its name (`t:actors/x`) made only the first time the page reads it: a page
/// reads the same titles and metadata many times (a mention list names its source for each
/// passage).
final class ReadLog {
    /// A slice recorded: its kind and argument, or (`kind` nil) its whole name.
    private struct Key {
        var kind: SliceKind?
        var argument: String
    }

    // Not checked for exclusive access at run time: one page's render records into its log,
    // and `record` calls nothing that reads the log.
    @exclusivity(unchecked) private(set) var names = SliceList()
    /// The keys recorded, in `names`' order, found through `slots` (open addressing on
    /// `QuickHash`, an index into `keys` or -1): a `Set` hashed every key with seeded SipHash,
    /// and a page records hundreds.
    @exclusivity(unchecked) private var keys: [Key] = []
    @exclusivity(unchecked) private var slots: [Int32] = []

    /// The slice recorded last: pages read the same slice many times in a row (the site's
    /// configuration for each URL), and comparing with it is cheaper than hashing.
    @exclusivity(unchecked) private var last = Key(kind: nil, argument: "")

    /// Whether the site's configuration was recorded: a page reads it for every URL it
    /// makes, among other slices, and a flag costs less than hashing its name each time.
    @exclusivity(unchecked) private var configRecorded = false

    /// Records `Slice.config`.
    func recordConfig() {
        if configRecorded { return }
        configRecorded = true
        record(Slice.config)
    }

    /// Records the slice named `slice` (of the whole site, or of a paginated list).
    func record(_ slice: String) {
        record(Key(kind: nil, argument: slice))
    }

    /// Records the slice `Slice.name(kind, argument)`.
    func record(_ kind: SliceKind, _ argument: String) {
        record(Key(kind: kind, argument: argument))
    }

    private func record(_ key: Key) {
        if key.kind == last.kind, LazyObject.same(key.argument, last.argument) { return }
        last = key
        // A page reads tens to hundreds of slices: room for them from the start.
        if slots.isEmpty { slots = [Int32](repeating: -1, count: 256) }
        let hash = Self.hash(key)
        var slot = hash & (slots.count - 1)
        while slots[slot] >= 0 {
            let known = keys[Int(slots[slot])]
            if known.kind == key.kind, LazyObject.same(known.argument, key.argument) { return }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(keys.count)
        keys.append(key)
        if let kind = key.kind { names.append(kind, key.argument) } else { names.append(key.argument) }
        if keys.count * 2 > slots.count { grow() }
    }

    private static func hash(_ key: Key) -> Int {
        QuickHash.of(key.argument, seed: key.kind?.seed ?? 0)
    }

    /// Twice the slots, every key placed again.
    private func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (number, key) in keys.enumerated() {
            var slot = Self.hash(key) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(number)
        }
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
    } else if let rows = value as? TemplateRows {
        // An empty table's keys too: a template reading them is not wrong because this site's
        // list happens to be empty.
        keys.formUnion(rows.keys)
        for row in 0..<rows.count { contextKeys(rows.object(row: row), into: &keys) }
    } else if let value = value as? TemplateValue {
        contextKeys(value.any, into: &keys)
    }
}
