/// Keeps a build inside its site folder: a file reached through a symbolic link is read only
/// when its real path lies inside the site's real path.
struct SiteConfinement {
    let root: String
    let fs: FileSystem
    private let realRoot: String?

    init(root: String, fs: FileSystem) {
        self.root = root
        self.fs = fs
        realRoot = fs.realPath(root)
    }

    /// An error for `path` (site-relative) when it really lies outside the site, a warning
    /// for a linked folder inside it that is not walked (it would repeat files), or nil.
    func refusal(_ path: String, isFolder: Bool) -> Diagnostic? {
        let real = fs.realPath(joinPath(root, path))
        if let real, let realRoot, (real + "/").hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") {
            return isFolder ? .warning(SourceLocation(file: path), "symbolic link to the folder \(real) is not followed",
                                       hint: "a linked folder is read only when it lies inside content/ or templates/ and does not contain the link")
                : nil
        }
        return .error(SourceLocation(file: path),
                      "symbolic link to \(real ?? "a missing file"), outside the site folder; it is not read or published",
                      hint: "copy the file into the site instead of linking to it")
    }
}
