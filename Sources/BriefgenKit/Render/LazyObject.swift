/// A template context object whose values are computed only when the template reads them.
/// Values are computed through a `PageReader`, which logs the slices of the site they read,
/// so a page's recorded dependencies are exactly what its template used.
final class LazyObject: TemplateObject {
    /// A key's thunk until the template first reads it, then its value.
    private enum Slot {
        case thunk(() -> Any)
        case value(Any)
    }

    /// One table for thunks and values, so a read hashes its key once.
    private var slots: [String: Slot]

    init(_ thunks: [String: () -> Any]) {
        slots = thunks.mapValues(Slot.thunk)
    }

    func child(named name: String) -> Any? {
        guard let index = slots.index(forKey: name) else { return nil }
        switch slots.values[index] {
        case .value(let value):
            return value
        case .thunk(let thunk):
            let value = thunk()
            slots.values[index] = .value(value)
            return value
        }
    }

    /// Every key, for the template variable check.
    var keys: [String] { Array(slots.keys) }
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
    private(set) var slices: [String] = []
    private var seen = Set<String>()

    func record(_ slice: String) {
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
    } else if let dictionary = value as? [String: Any] {
        for (key, child) in dictionary {
            keys.insert(key)
            contextKeys(child, into: &keys)
        }
    } else if let array = value as? [Any] {
        for child in array { contextKeys(child, into: &keys) }
    }
}
