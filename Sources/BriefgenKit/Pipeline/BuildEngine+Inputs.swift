import Foundation

/// The nodes every page and body reads besides documents: the site's configuration, the
/// template set, and the key of everything a rendered body depends on beyond its own file.
extension BuildEngine {
    /// The site's configuration, with the base URL given on the command line.
    func siteConfig(_ scan: InputScan) -> (SiteConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let text = scan.bytes("briefgen.yml", root: root, fs: fs)
            .flatMap { SiteSource.decode($0, path: "briefgen.yml", diagnostics: &diagnostics) }
        var (config, more) = SiteConfig.parse(text)
        if let base = options.baseURL { config.baseURL = SiteConfig.normalizeBaseURL(base) }
        let override = scan.bytes(InputScan.stringsPath, root: root, fs: fs)
            .flatMap { SiteSource.decode($0, path: InputScan.stringsPath, diagnostics: &diagnostics) }
        let strings: [Diagnostic]
        (config.strings, strings) = Strings.make(language: config.language, override: override.map { (InputScan.stringsPath, $0) })
        return (config, diagnostics + more + strings)
    }

    /// The templates, their diagnostics and key; the variable check is skipped while the key
    /// is the previous build's.
    func templateSet(_ scan: InputScan, old: BuildState) -> (TemplateSet, [Diagnostic], UInt64) {
        var diagnostics: [Diagnostic] = []
        let overrides = templateOverrides(scan, diagnostics: &diagnostics)
        let key = TemplateSet.key(overrides: overrides)
        let (templates, found) = TemplateSet.make(
            overrides: overrides, knownUnknownVariables: previous != nil && old.templateKey == key ? old.templateLint : nil)
        return (templates, diagnostics + found, key)
    }

    /// What every rendered body depends on besides its own file and the pages it links to,
    /// labels or mentions: the Markdown settings, the content assets and the names mentions
    /// are matched on.
    static func bodyKey(patterns: [MentionMatcher.Pattern], config: SiteConfig, assets: [String]) -> UInt64 {
        var hash = StableHash()
        for path in assets { hash.combine(path) }
        hash.combine(String(patterns.count))
        for pattern in patterns { hash.combine(pattern.text); hash.combine(pattern.target) }
        hash.combine(config.basePath)
        hash.combine(String(config.allowHTMLInNotes))
        // Paragraphs that cite sources say how many, in the site's language.
        hash.combine(config.strings["weight_single"])
        hash.combine(config.strings["weight_many"])
        return hash.value
    }

    private func templateOverrides(_ scan: InputScan, diagnostics: inout [Diagnostic]) -> [String: (path: String, text: String)] {
        var overrides: [String: (path: String, text: String)] = [:]
        for path in scan.templatePaths {
            guard let data = scan.bytes(path, root: root, fs: fs),
                  let text = SiteSource.decode(data, path: path, diagnostics: &diagnostics) else { continue }
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            overrides[name] = (path, text)
        }
        return overrides
    }
}
