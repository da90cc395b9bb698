/// Values by string key (a document id, a link key), looked up through an `IDTable`: the
/// dictionaries pages ask most (a link target per name shown, hundreds per page) hashed each key
/// with seeded SipHash, where `QuickHash` reads it eight bytes at a time. Keys keep the order
/// they were added in; a value is replaced, never removed. Keys are compared by their bytes
/// (as hashed), so they must come from one source in one form, as document ids do: text people
/// write, where "é" may come composed or not, belongs in a `Dictionary`.
struct IDMap<Value: Sendable>: Sendable {
    private var table = IDTable([String]())
    private var stored: [Value] = []

    init() {}

    /// The entries of `dictionary`, in its order (a dictionary's keys and values are listed in
    /// the same order, and its keys are distinct).
    init(_ dictionary: [String: Value]) {
        table = IDTable(dictionary.keys)
        stored = Array(dictionary.values)
    }

    /// `keys[i]` → `values[i]`, in that order; the keys must be distinct (as document ids are),
    /// which debug builds check.
    init(uniqueKeys keys: [String], values: [Value]) {
        precondition(keys.count == values.count, "one value per key")
        table = IDTable(keys)
        stored = values
        assert(keys.indices.allSatisfy { table.number(of: keys[$0]) == $0 }, "IDMap keys must be distinct")
    }

    /// The value of `key`; setting one adds the key or replaces its value (nil is not stored).
    subscript(key: String) -> Value? {
        get { table.number(of: key).map { stored[$0] } }
        set {
            guard let newValue else { preconditionFailure("IDMap does not remove keys") }
            if let number = table.number(of: key) {
                stored[number] = newValue
            } else {
                _ = table.insert(key)
                stored.append(newValue)
            }
        }
    }

    /// What `part` reads of the value of `key`, the value lent where it lies rather than copied
    /// (a copy retains every array and string the value holds: a body summary has a dozen, cold
    /// in the cache by the time pages read one field of it); nil when the key is absent.
    func withValue<R>(of key: String, _ part: (Value) -> R) -> R? {
        guard let number = table.number(of: key) else { return nil }
        return stored.withUnsafeBufferPointer { part($0[number]) }
    }

    /// The keys, in the order they were added.
    var keys: [String] { table.ids }
    /// The values, in the order of their keys.
    var values: [Value] { stored }
    var count: Int { stored.count }
}
