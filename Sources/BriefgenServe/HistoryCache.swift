import BriefgenKit
import Foundation

/// The site's git history for the preview's rebuilds, read again (`git log`, a process) only
/// when the repository's HEAD or its log changed: a commit, checkout or reset writes them.
struct HistoryCache {
    /// `HEAD` and `logs/HEAD` of the repository holding the site; empty outside a repository.
    private let watched: [String]
    private var stamps: [FileStamp?]?
    private var history: ChangeHistory?

    init(siteRoot: String) {
        watched = Self.gitDirectory(above: siteRoot).map { [joinPath($0, "HEAD"), joinPath($0, "logs/HEAD")] } ?? []
    }

    /// The history now: the one read last while the repository's HEAD stayed where it was.
    mutating func current(siteRoot: String) -> ChangeHistory? {
        guard !watched.isEmpty else { return nil }
        let fs = DiskFileSystem()
        let now = watched.map { fs.stamp($0) }
        if let stamps, stamps == now, now.allSatisfy({ $0 != nil }) { return history }
        history = ChangeHistory.git(siteRoot: siteRoot)
        stamps = now
        return history
    }

    /// The `.git` folder of the repository holding `path` (a worktree's, read from its `.git` file).
    static func gitDirectory(above path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(".git").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
                if isDirectory.boolValue { return candidate }
                let text = (try? String(contentsOfFile: candidate, encoding: .utf8)) ?? ""
                guard let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ") else { return nil }
                let target = String(line.dropFirst("gitdir: ".count)).trimmingCharacters(in: .whitespaces)
                return target.hasPrefix("/") ? target : folder.appendingPathComponent(target).standardizedFileURL.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
