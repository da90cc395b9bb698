import Foundation

extension Builder.Graph {
    /// The page of a document whose body alone changed, rendered at once from this graph's
    /// model with the new body (Hugo's "fast render"): a preview shows the edit before the full
    /// incremental rebuild, which follows and corrects anything else the edit affects.
    /// Nil when the edit is not a body-only edit of an existing document, or does not build.
    public func previewPage(editedFile path: String, siteRoot: String,
                            fs: FileSystem = DiskFileSystem()) -> (output: String, data: Data)? {
        guard let model, let templates, path.hasPrefix("content/"),
              let data = fs.read(joinPath(siteRoot, path)) else { return nil }
        let (parsed, diagnostics) = Stages.parseFile(SiteSource.File(path: path, data: data))
        guard let doc = parsed, !diagnostics.hasErrors, !doc.draft,
              var before = model.index.documents[doc.id], before.path == path else { return nil }
        // Body only: the same metadata means no other page's data changed but mentions and links.
        var after = doc
        before.body = ""
        after.body = ""
        before.bodyLine = 0
        after.bodyLine = 0
        guard before == after else { return nil }
        let renderer = MarkdownRenderer(links: model.links, basePath: model.config.basePath,
                                        assets: Set(state.inputs.keys.lazy.filter(ContentAssets.isAsset)))
        let body = Stages.renderBody(doc, renderer: renderer, config: model.config)
        guard !body.diagnostics.hasErrors else { return nil }
        var index = model.index
        var summary = body
        summary.html = ""
        index.documents[doc.id] = doc
        index.bodies[doc.id] = summary
        let previous = model.bodies
        let store = BodyStore(known: [doc.id: body.html]) { previous.html($0) }
        let fast = SiteModel(config: model.config, links: model.links, index: index, bodies: store,
                             history: model.history, sourceDateEpoch: model.sourceDateEpoch)
        let page = PageSpec.page(for: doc)
        return (page.output, templates.render(page.template, PageReader(model: fast).context(for: page)))
    }
}
