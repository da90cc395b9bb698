import Foundation

/// Runs a whole build: reads the site, runs the stages, and writes `public/` only when
/// there are no errors.
public struct Builder: Sendable {
    public var fs: FileSystem
    public var options: BuildOptions
    /// Called with (done, total) while pages render.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(fs: FileSystem = DiskFileSystem(), options: BuildOptions) {
        self.fs = fs
        self.options = options
    }

    public func build() -> BuildResult {
        var result = BuildResult()
        var clock = StageClock()
        let source = SiteSource.load(from: options.siteRoot, fs: fs)
        result.diagnostics += source.diagnostics
        clock.lap("load", into: &result)

        let site = Self.compile(source: source, options: options, progress: progress, clock: &clock, result: &result)
        if result.diagnostics.hasErrors || !options.write {
            result.diagnostics = result.diagnostics.sortedForOutput()
            return result
        }
        do {
            try OutputWriter(fs: fs, directory: options.outputDir).replaceAll(with: site)
            result.outputs = site
            result.written = site.count
        } catch {
            result.diagnostics.append(.error(SourceLocation(file: options.outputDir, line: 0, column: 0), "\(error)"))
        }
        clock.lap("write", into: &result)
        result.diagnostics = result.diagnostics.sortedForOutput()
        return result
    }

    /// All stages but writing: the site's files by output path.
    static func compile(source: SiteSource, options: BuildOptions, progress: (@Sendable (Int, Int) -> Void)? = nil,
                        clock: inout StageClock, result: inout BuildResult) -> [String: Data] {
        var (config, configDiagnostics) = SiteConfig.parse(source.configText)
        if let base = options.baseURL { config.baseURL = SiteConfig.normalizeBaseURL(base) }
        result.diagnostics += configDiagnostics

        let (parsed, parseDiagnostics) = Stages.parse(source.content)
        let (documents, selectDiagnostics) = Stages.select(parsed, includeDrafts: options.includeDrafts)
        result.diagnostics += parseDiagnostics + selectDiagnostics
        clock.lap("parse", into: &result)

        let links = LinkTable(documents: documents)
        result.diagnostics += SiteIndex.validateReferences(documents, links: links)
        let renderer = MarkdownRenderer(links: links, basePath: config.basePath)
        let bodies = Stages.renderBodies(documents, renderer: renderer, config: config)
        for id in bodies.keys.sorted() { result.diagnostics += bodies[id]!.diagnostics }
        let index = SiteIndex(documents: documents, bodies: bodies, links: links)
        clock.lap("markdown", into: &result)

        let (templates, templateDiagnostics) = TemplateSet.make(overrides: source.templates)
        result.diagnostics += templateDiagnostics
        let pages = PageSpec.all(documents: documents)
        result.pageCount = pages.count
        guard !templateDiagnostics.hasErrors else { return [:] }
        let contexts = ContextBuilder(config: config, index: index, links: links)
        let rendered = Stages.renderPages(pages, contexts: contexts, templates: templates, progress: progress)
        result.diagnostics += templates.unknownVariables(provided: ContextVocabulary.keys)
        clock.lap("render", into: &result)

        var files: [String: Data] = [:]
        for (page, data) in zip(pages, rendered) { files[page.output] = data }
        files["feed.xml"] = Data(SiteFeeds.atom(config: config, index: index).utf8)
        files["sitemap.xml"] = Data(SiteFeeds.sitemap(config: config, pages: pages).utf8)
        files["robots.txt"] = Data(SiteFeeds.robots(config: config).utf8)
        for (name, text) in DefaultTheme.assets { files["assets/" + name] = Data(text.utf8) }
        for (name, data) in source.assets {
            if OutputWriter.isContained(name) { files["assets/" + name] = data }
        }
        return files
    }
}

/// Measures the stages of a build with a monotonic clock.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String, into result: inout BuildResult) {
        let now = DispatchTime.now().uptimeNanoseconds
        result.timings.append((stage, Double(now - last) / 1e9))
        last = now
    }
}
