import Synchronization

/// The interface text of the theme in one language ("Skip to content", "Sources", "disputed"):
/// the built-in table for the site's `language` (English and French ship with briefgen,
/// `Theme/strings/*.yml`; any other language starts from English), with the site's own
/// `templates/strings.yml` over it. Templates read it as `{{t.KEY}}`.
public struct Strings: Hashable, Sendable {
    /// Key → text, every key of the English table present.
    public private(set) var table: [String: String]
    /// The language whose table was taken (`en`, `fr`): decides plural forms.
    public private(set) var language = "en"

    /// The built-in tables by language code.
    static let builtIn: [String: String] = [
        "en": String(decoding: PackageResources.en_yml, as: UTF8.self),
        "fr": String(decoding: PackageResources.fr_yml, as: UTF8.self),
    ]

    /// The built-in tables parsed, each once per process (a preview rebuilds many times) and
    /// only when its language is asked for: every build reads the configuration, and parsing
    /// the tables of languages the site does not use showed in an edit's profile.
    private static let builtInTables = Mutex<[String: [String: String]]>([:])

    /// The built-in table of the language `name` (a key of `builtIn`).
    static func builtInTable(_ name: String) -> [String: String]? {
        guard let text = builtIn[name] else { return nil }
        if let known = builtInTables.withLock({ $0[name] }) { return known }
        let table = parse(text, file: "(built-in)/strings").table
        builtInTables.withLock { $0[name] = table }
        return table
    }

    /// English, complete: the keys every table has.
    public static let english = Strings(table: builtInTable("en")!)

    /// The text of `key` (the key itself if it is unknown, which the template check prevents).
    public subscript(_ key: String) -> String { table[key] ?? key }

    /// The built-in file a language starts from: `fr-CA` and `fr` take `fr.yml`, a language
    /// without a table takes English.
    static func builtInFile(for language: String) -> (name: String, text: String) {
        let base = String(language.lowercased().prefix { $0 != "-" && $0 != "_" })
        if let text = builtIn[base] { return (base, text) }
        return ("en", builtIn["en"]!)
    }

    /// The table for `language`, with the site's overrides (`templates/strings.yml`) when given.
    static func make(language: String, override: (path: String, text: String)?) -> (Strings, [Diagnostic]) {
        var strings = english
        let name = builtInFile(for: language).name
        strings.language = name
        if name != "en", let table = builtInTable(name) {
            for (key, value) in table where strings.table[key] != nil { strings.table[key] = value }
        }
        guard let override else { return (strings, []) }
        var (values, locations, diagnostics) = parse(override.text, file: override.path)
        for key in values.keys.sorted() where strings.table[key] == nil {
            diagnostics.append(.warning(locations[key] ?? SourceLocation(file: override.path),
                                        "unknown interface string `\(key)`; it is not used",
                                        hint: Text.suggestion(for: key, in: strings.table.keys.sorted()).map { "did you mean `\($0)`?" }
                                            ?? "`briefgen theme eject strings` writes every key"))
            values[key] = nil
        }
        strings.table.merge(values) { _, new in new }
        return (strings, diagnostics)
    }

    /// A strings file's `key: text` lines and where each key is, with an error for any value
    /// that is not text.
    static func parse(_ text: String, file: String) -> (table: [String: String], locations: [String: SourceLocation], diagnostics: [Diagnostic]) {
        var reader = FieldReader(yaml: text, file: file, lineOffset: 1)
        var table: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for key in reader.order {
            locations[key] = reader.keyLocation(key)
            if let value = reader.string(key) { table[key] = value }
        }
        return (table, locations, reader.diagnostics)
    }
}

/// The strings table as a template object (`{{t.KEY}}`): looked up by key in place. Handing
/// templates the `[String: String]` itself made every lookup convert all of it to
/// `[String: Any]` (a tenth of a 10,000-article build's page rendering).
///
/// Made once per build (`SiteModel.stringTable`) and shared by every page: a page reads some
/// thirty strings, each found through an `IDMap` (the dictionary's seeded SipHash cost five
/// times as much per key); a key spelled in another Unicode form than the table's is found in
/// the dictionary.
final class StringTable: TemplateObject, Sendable {
    let table: [String: String]
    private let byKey: IDMap<String>

    init(_ strings: Strings) {
        table = strings.table
        byKey = IDMap(strings.table)
    }

    func child(named name: String) -> Any? { byKey[name] ?? table[name] }
}
