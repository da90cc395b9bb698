/// The built-in theme: the template and stylesheet files of `Sources/BriefgenKit/Theme/`,
/// compiled into the binary (SwiftPM's `.embedInCode`). A site overrides any file by putting
/// one of the same name in `templates/` (e.g. `templates/actor.mustache`,
/// `templates/assets/style.css`); `briefgen theme eject` copies them there.
public enum DefaultTheme {
    /// Mustache templates by name (file name without `.mustache`), as their files hold them.
    public static let templateFiles: [String: String] = [
        "404": text(PackageResources._04_mustache),
        "actor": text(PackageResources.actor_mustache),
        "actors": text(PackageResources.actors_mustache),
        "article": text(PackageResources.article_mustache),
        "articles": text(PackageResources.articles_mustache),
        "backlinks": text(PackageResources.backlinks_mustache),
        "business": text(PackageResources.business_mustache),
        "business-index": text(PackageResources.business_index_mustache),
        "changes": text(PackageResources.changes_mustache),
        "disputes": text(PackageResources.disputes_mustache),
        "event": text(PackageResources.event_mustache),
        "event-item": text(PackageResources.event_item_mustache),
        "home": text(PackageResources.home_mustache),
        "layout": text(PackageResources.layout_mustache),
        "note": text(PackageResources.note_mustache),
        "notes": text(PackageResources.notes_mustache),
        "redirect": text(PackageResources.redirect_mustache),
        "pager": text(PackageResources.pager_mustache),
        "search": text(PackageResources.search_mustache),
        "timeline": text(PackageResources.timeline_mustache),
        "toc": text(PackageResources.toc_mustache),
    ]

    /// Static files copied to `public/assets/`, by name.
    public static let assets: [String: String] = [
        "style.css": text(PackageResources.style_css),
        "favicon.svg": text(PackageResources.favicon_svg),
        "search.js": text(PackageResources.search_js),
    ]

    /// Mustache templates by name, as rendered: a template file's last line break is not part
    /// of the template (editors add one; a partial would otherwise add a blank line where it
    /// is included). The same holds for a site's own templates.
    public static let templates: [String: String] = templateFiles.mapValues(templateText)

    /// The text a template file stands for: its contents without the one final line break.
    public static func templateText(_ file: String) -> String {
        file.hasSuffix("\n") ? String(file.dropLast()) : file
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
