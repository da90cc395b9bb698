/// A context object that finds its children itself (a page's lazily computed fields).
/// Dictionaries `[String: Any]` are read directly; every other value has no children.
protocol TemplateObject: AnyObject {
    /// The value called `name`, or nil when the object has none.
    func child(named name: String) -> Any?
}
