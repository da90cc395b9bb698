/// One node of a compiled template: text already in UTF-8, names already split into
/// components, sections holding their own nodes.
indirect enum TemplateNode: Sendable {
    /// Text copied to the output as it is.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (not escaped).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`.
    case section(TemplateName, [TemplateNode])
    /// `{{^name}}…{{/name}}`.
    case inverted(TemplateName, [TemplateNode])
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it overrides. `indentation` is the
    /// whitespace before a standalone partial (or any parent), put before each line it renders.
    case partial(String, indentation: [UInt8]?, overrides: [String: TemplateOverride]?)
    /// `{{$name}}default{{/name}}` where a template is rendered: an override, or the default.
    /// `position` is where the tag starts (a Character offset), for errors.
    case block(String, defaults: [TemplateNode], indentation: [UInt8], position: Int)
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override (only while compiling).
    case blockDefinition(String, TemplateOverride)
}

/// What a `{{$block}}` directly inside `{{<parent}}` renders instead of the parent's block.
struct TemplateOverride: Sendable {
    var nodes: [TemplateNode]
    /// Where its tag starts (a Character offset), for errors.
    var position: Int
}

/// A variable name as written, split once at compile time.
struct TemplateName: Sendable, Equatable {
    /// `{{.}}`: the current object itself.
    var isDot: Bool
    /// `{{.name}}`: looked up in the current object only, not up the context stack.
    var anchored: Bool
    /// The dot-separated components (empty ones dropped, as `split` does).
    var components: [String]

    init(_ name: String) {
        isDot = name == "."
        anchored = !isDot && name.first == "."
        components = name.split(separator: ".").map(String.init)
    }
}
