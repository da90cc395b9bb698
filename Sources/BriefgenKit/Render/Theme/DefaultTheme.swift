/// The built-in theme, compiled into the binary. A site overrides any file by putting one of
/// the same name in `templates/` (e.g. `templates/actor.mustache`, `templates/assets/style.css`).
public enum DefaultTheme {
    /// Mustache templates by name (file name without `.mustache`).
    public static let templates: [String: String] = [
        "layout": layout, "backlinks": backlinks, "toc": toc, "event-item": eventItem,
        "home": home, "timeline": timeline, "actors": actors, "actor": actor, "articles": articles,
        "article": article, "event": event, "business-index": businessIndex, "business": business,
        "notes": notes, "note": note, "disputes": disputes, "changes": changes, "404": notFound,
    ]

    /// Static files copied to `public/assets/`.
    public static let assets: [String: String] = ["style.css": stylesheet]
}
