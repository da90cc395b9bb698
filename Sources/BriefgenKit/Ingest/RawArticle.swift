/// Turns a raw article (.txt pasted from a page, or a saved .html page) into a document.
public enum RawArticle {
    public static func parse(path: String, text: String, ext: String, sidecar: String?, sidecarPath: String?) -> (Document?, [Diagnostic]) {
        (nil, [])
    }
}
