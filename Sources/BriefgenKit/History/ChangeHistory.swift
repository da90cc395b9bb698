import Foundation

/// The history of `content/` from git: which commits changed which content files.
/// Read once per build and treated as an input like the files themselves.
public struct ChangeHistory: Sendable, Hashable {
    /// One commit that touched content.
    public struct Commit: Sendable, Hashable {
        public var hash: String
        /// Commit time, seconds since 1970 (UTC).
        public var time: Int
        public var subject: String
        /// The commit's `Briefing-Note:` trailer: the line readers see instead of the subject,
        /// or `skip` to leave the commit off the page.
        public var note: String?
        /// Content files the commit added (A), modified (M), deleted (D) or renamed to (R).
        public var files: [File]

        public init(hash: String, time: Int, subject: String, note: String? = nil, files: [File]) {
            self.hash = hash
            self.time = time
            self.subject = subject
            self.note = note
            self.files = files
        }

        /// Whether the commit opted out of the page with `Briefing-Note: skip`.
        public var isSkipped: Bool { note?.lowercased() == "skip" }

        /// What readers see: the `Briefing-Note:`, or else the subject.
        public var line: String { note ?? subject }
    }

    public struct File: Sendable, Hashable {
        public var status: Character
        /// Path relative to the site root (`content/actors/x.md`).
        public var path: String

        public init(status: Character, path: String) {
            self.status = status
            self.path = path
        }
    }

    /// Newest first.
    public var commits: [Commit]

    public init(commits: [Commit]) { self.commits = commits }

    /// The commits the page lists: none that opted out, and with `notedOnly` (`changes: noted`
    /// in briefgen.yml) only those that give a `Briefing-Note:`.
    public func listed(notedOnly: Bool) -> [Commit] {
        commits.filter { !$0.isSkipped && (!notedOnly || $0.note != nil) }
    }

    /// Fingerprint of the history, for the build graph.
    public var fingerprint: UInt64 {
        var h = StableHash()
        for commit in commits { h.combine(commit.hash) }
        return h.value
    }

    /// Reads the last `limit` commits that touched `content/` or `briefgen.yml` (the status, the
    /// as-of date) of the site at `root`; nil when the
    /// site is not in a git repository or git is not installed.
    public static func git(siteRoot root: String, limit: Int = 50) -> ChangeHistory? {
        guard let (status, data) = Subprocess.run(
            ["git", "-C", root, "log", "-n", "\(limit)", "--relative", "--no-renames",
             "--format=%x1e%H%x1f%ct%x1f%s%x1f%(trailers:key=Briefing-Note,valueonly,separator=%x1d)",
             "--name-status", "--", "content", "briefgen.yml"]),
              status == 0 else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses `git log --format=%x1e%H%x1f%ct%x1f%s%x1f%(trailers…) --name-status` output (the
    /// trailer field may be absent).
    static func parse(_ text: String) -> ChangeHistory {
        var commits: [Commit] = []
        for record in text.split(separator: "\u{1e}") {
            let lines = record.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first else { continue }
            let fields = header.split(separator: "\u{1f}", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, let time = Int(fields[1]) else { continue }
            // The last Briefing-Note given wins.
            let note = fields.count == 4
                ? fields[3].split(separator: "\u{1d}").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
                : nil
            var files: [File] = []
            for line in lines.dropFirst() {
                let parts = line.split(separator: "\t")
                guard parts.count >= 2, let status = parts[0].first else { continue }
                files.append(File(status: status, path: String(parts[parts.count - 1])))
            }
            commits.append(Commit(hash: String(fields[0]), time: time, subject: String(fields[2]), note: note, files: files))
        }
        return ChangeHistory(commits: commits)
    }

    /// `YYYY-MM-DD` (UTC) of a time in seconds since 1970, without a formatter.
    public static func isoDate(_ time: Int) -> String {
        let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
