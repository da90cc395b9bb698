/// A list whose items are the rows of one table, each read in place: an item is the table
/// and a row number (`TemplateValue.row`), so a list makes no object per item.
///
/// For the lists pages hold by the hundred thousand (an actor's mention list: sources, each
/// with its passages): a `LazyObject` per item, with its array of keys and values, cost an
/// allocation, a dynamic sort of each value read and a tree of objects to free after the
/// page. Subclasses answer `value(row:named:)`; a row's values are computed when read.
class TemplateRows {
    /// How many rows.
    let count: Int
    /// Every key a row answers, for the template variable check (`contextKeys`).
    let keys: [String]

    init(count: Int, keys: [String]) {
        self.count = count
        self.keys = keys
    }

    /// The value called `name` in row `row` (0 ..< `count`), or nil when rows have no such key.
    func value(row: Int, named name: String) -> TemplateValue? { nil }

    /// Row `row` as an object, for reading it as a whole: printed by `{{.}}`, and walked by
    /// the variable check (`contextKeys`).
    final func object(row: Int) -> LazyObject {
        LazyObject(keys: keys) { [self] key in value(row: row, named: key)?.any ?? Absent() }
    }
}

/// Rows whose values one function computes from the row's number and the key: a list of
/// items of one shape with one closure for the whole list, where a `LazyObject(keys:)` per item
/// allocated the object, its closure's context and its kept values.
final class ComputedRows: TemplateRows {
    private let compute: (_ row: Int, _ key: String) -> TemplateValue?

    /// `count` rows answering `keys` (a constant: every key `compute` answers).
    init(count: Int, keys: [String], compute: @escaping (_ row: Int, _ key: String) -> TemplateValue?) {
        self.compute = compute
        super.init(count: count, keys: keys)
    }

    override func value(row: Int, named name: String) -> TemplateValue? { compute(row, name) }
}
