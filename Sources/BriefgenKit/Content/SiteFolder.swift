/// Checks that a folder is a briefgen site before a command reads or writes anything in it.
public enum SiteFolder {
    /// Why `root` cannot be built or served (with what to do), or nil when it is a site: it
    /// must hold `briefgen.yml`, so that a wrong `--site` fails instead of writing `public/`.
    public static func problem(root: String, fs: FileSystem) -> String? {
        guard fs.isDirectory(root) else { return "site folder \(root) does not exist" }
        guard fs.stamp(joinPath(root, "briefgen.yml")) != nil else {
            return "\(root) is not a briefgen site: it has no briefgen.yml"
                + " (pass --site DIR, or run `briefgen new site NAME` to start one)"
        }
        return nil
    }
}
