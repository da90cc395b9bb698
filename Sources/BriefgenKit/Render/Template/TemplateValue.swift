/// A context value sorted by what a template can do with it.
///
/// Values are what `PageContext*.swift` builds: `LazyObject`s, `[String: Any]`, `[Any]`,
/// `String`, `Int`, `Bool` and `Absent`. They are recognised by their exact dynamic type
/// first: a conditional cast such as `as? LazyObject` on a dictionary or array makes
/// Foundation on Linux bridge the whole collection to an `NSDictionary`/`NSArray` just to
/// answer no, which cost more than the rest of rendering. Other types take the general casts.
enum TemplateValue {
    case lazy(LazyObject)
    case object(any TemplateObject)
    case dictionary([String: Any])
    case list([Any])
    /// A list of lazy objects (`[LazyObject]`, what most lists are): its items need no
    /// sorting, and the list is freed without going through `Any` for each item.
    case objects([LazyObject])
    /// A table's rows (`TemplateRows`): a list whose items are read in place.
    case rows(TemplateRows)
    /// One row of a table, as a section over `rows` pushes it: no object of its own.
    case row(TemplateRows, Int)
    case text(String)
    case number(Int)
    case flag(Bool)
    /// `Absent`: renders nothing, false in sections.
    case absent
    /// Anything else: printed with `String(describing:)`, no children but stored properties.
    /// Boxed, so that every case is at most two words: a value is copied at each lookup, and
    /// an `Any` among the cases made every copy go through the value's type.
    case other(Boxed)

    /// A value of another type, in a box.
    final class Boxed {
        let value: Any

        init(_ value: Any) {
            self.value = value
        }
    }

    private static let lazyType = ObjectIdentifier(LazyObject.self)
    private static let dictionaryType = ObjectIdentifier([String: Any].self)
    private static let listType = ObjectIdentifier([Any].self)
    private static let objectsType = ObjectIdentifier([LazyObject].self)
    private static let textType = ObjectIdentifier(String.self)
    private static let numberType = ObjectIdentifier(Int.self)
    private static let flagType = ObjectIdentifier(Bool.self)
    private static let absentType = ObjectIdentifier(Absent.self)
    private static let stringsType = ObjectIdentifier(StringTable.self)
    private static let valueType = ObjectIdentifier(TemplateValue.self)

    init(_ value: Any) {
        self = Self.sorted(value)
    }

    /// `value` opened (its dynamic type is `T`): a value of one of the exact types above is
    /// taken as it is, without a dynamic cast (`as!` after the type check cost as much as
    /// the rest of reading a value).
    private static func sorted<T>(_ value: T) -> TemplateValue {
        switch ObjectIdentifier(T.self) {
        case lazyType: .lazy(reinterpret(value, as: LazyObject.self))
        case textType: .text(unsafeBitCast(value, to: String.self))
        case dictionaryType: .dictionary(unsafeBitCast(value, to: [String: Any].self))
        case listType: .list(unsafeBitCast(value, to: [Any].self))
        case objectsType: .objects(unsafeBitCast(value, to: [LazyObject].self))
        case absentType: .absent
        case flagType: .flag(unsafeBitCast(value, to: Bool.self))
        case numberType: .number(unsafeBitCast(value, to: Int.self))
        // `{{t.KEY}}`: a class the general casts below would try to bridge as a collection first.
        case stringsType: .object(reinterpret(value, as: StringTable.self))
        // A value a page's thunk sorted itself (a table's rows): taken as it is.
        case valueType: unsafeBitCast(value, to: TemplateValue.self)
        default: cast(value)
        }
    }

    /// `value` as the class `type` it is (checked by the caller), its reference copied:
    /// `unsafeDowncast` takes an `AnyObject`, and making one of an unconstrained `T` is the
    /// dynamic conversion the type check above avoids.
    @inline(__always)
    private static func reinterpret<T, Class: AnyObject>(_ value: T, as type: Class.Type) -> Class {
        withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: Class.self) }
    }

    /// Values of other types (`[String]`, an optional, a subclass…) by the general casts.
    private static func cast(_ value: Any) -> TemplateValue {
        if let value = value as? TemplateValue { return value }
        if let list = value as? [Any] { return .list(list) }
        if let dictionary = value as? [String: Any] { return .dictionary(dictionary) }
        if let text = value as? String { return .text(text) }
        if let flag = value as? Bool { return .flag(flag) }
        if let number = value as? Int { return .number(number) }
        if value is Absent { return .absent }
        if let object = value as? LazyObject { return .lazy(object) }
        if let rows = value as? TemplateRows { return .rows(rows) }
        if let object = value as? any TemplateObject { return .object(object) }
        return .other(Boxed(value))
    }

    /// The value itself, for `{{.}}` and for printing.
    var any: Any {
        switch self {
        case .lazy(let object): object
        case .object(let object): object
        case .dictionary(let dictionary): dictionary
        case .list(let list): list
        case .objects(let objects): objects
        case .rows(let rows): rows
        case .row(let rows, let row): rows.object(row: row)
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .absent: Absent()
        case .other(let box): box.value
        }
    }

    /// The child called `name`, as swift-mustache found it: an object's or a dictionary's
    /// entry, another value's stored property (through `Mirror`), nothing for the rest. A lazy
    /// object keeps its values sorted, so a value read again is not sorted again.
    func child(named name: String) -> TemplateValue? {
        switch self {
        case .lazy(let object): return object.value(named: name)
        case .row(let rows, let row): return rows.value(row: row, named: name)
        case .object(let object): return object.child(named: name).map(TemplateValue.init)
        case .dictionary(let dictionary): return dictionary[name].map(TemplateValue.init)
        case .list, .objects, .rows, .text, .number, .flag, .absent: return nil
        case .other(let box):
            guard let property = Mirror(reflecting: box.value).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: property.value)
            guard mirror.displayStyle == .optional else { return TemplateValue(property.value) }
            return mirror.children.first.map { TemplateValue($0.value) }
        }
    }
}
