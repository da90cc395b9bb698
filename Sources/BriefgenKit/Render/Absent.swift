/// A value a page does not have: renders as nothing and is false in `{{#section}}`s, so
/// templates can test optional fields while every key stays present for the variable check.
struct Absent {}

/// The text, or `Absent` when it is nil or empty.
func optional(_ text: String?) -> Any {
    guard let text, !text.isEmpty else { return Absent() }
    return text
}

extension TemplateValue {
    /// `optional(text)` as a template value already sorted (for rows, which answer
    /// `TemplateValue`s): absent when `text` is nil or empty.
    static func optionalText(_ text: String?) -> TemplateValue {
        guard let text, !text.isEmpty else { return .absent }
        return .text(text)
    }
}
