import Synchronization
import Foundation

/// Writes a finished site so that readers and later builds never see a half-built one:
/// everything goes to a staging folder beside the output, which then replaces it.
public struct OutputWriter: Sendable {
    public var fs: FileSystem
    /// The output folder.
    public var directory: String

    /// A file whose presence marks a folder as briefgen's output, so a mistaken `--output`
    /// never replaces a folder the user wrote.
    public static let marker = ".briefgen-output"

    public init(fs: FileSystem, directory: String) {
        self.fs = fs
        self.directory = directory
    }

    /// True when `relative` stays inside the output folder (no `..`, no absolute path).
    ///
    /// One pass over the bytes: a build asks this of every output, and `String.contains` (through
    /// Foundation) with `split` took 35 ms of one core at 10,000 articles.
    public static func isContained(_ relative: String) -> Bool {
        Text.withUTF8(relative) { bytes in
            guard !bytes.isEmpty else { return false }
            var start = 0  // of the current component
            for end in 0...bytes.count {
                if end < bytes.count {
                    if bytes[end] == UInt8(ascii: "\\") { return false }
                    if bytes[end] != UInt8(ascii: "/") { continue }
                }
                // A component: neither empty (an absolute path, `//`, a trailing `/`) nor `.` or `..`.
                let length = end - start
                if length == 0 { return false }
                if bytes[start] == UInt8(ascii: "."), length == 1 || length == 2 && bytes[start + 1] == UInt8(ascii: ".") {
                    return false
                }
                start = end + 1
            }
            return true
        }
    }

    /// Why the output folder must not be replaced (it holds files and no briefgen marker), or nil.
    public func refusal() -> OutputError? {
        guard fs.isDirectory(directory), fs.read(joinPath(directory, Self.marker)) == nil,
              !fs.files(under: directory).isEmpty else { return nil }
        return OutputError(message: "output folder \(directory) exists and was not written by briefgen; refusing to replace it",
                           hint: "remove it yourself or choose another --output")
    }

    /// The folder beside the output where the next site is assembled: after a build, the
    /// previous site, or a copy of it made of hard links, with the list of what it lacks to be a
    /// copy of the output (`behindFile`), which the next build brings up to date and swaps in.
    public var staging: String { directory + ".staging" }
    /// In `staging`, the files it lacks to equal the output folder (paths ending in NUL, then
    /// the checksum of those bytes, `behindList`). Without it, or when its checksum is wrong, the
    /// staging folder is not trusted and is made again from the output folder.
    static let behindFile = ".briefgen-behind"

    /// The behind list's bytes: it is written without syncing, so a power loss can leave it
    /// empty or cut, which its checksum tells from a list of nothing.
    static func behindList(_ paths: [String]) -> Data {
        var bytes = Array(paths.map { $0 + "\0" }.joined().utf8)
        withUnsafeBytes(of: Checksum.of(bytes).littleEndian) { bytes.append(contentsOf: $0) }
        return Data(bytes)
    }

    /// The paths of a behind list, or nil when it is not whole.
    static func behindPaths(_ data: Data) -> [String]? {
        guard data.count >= 8 else { return nil }
        let bytes = [UInt8](data)
        let listed = Array(bytes[..<(bytes.count - 8)])
        let checksum = bytes[(bytes.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard Checksum.of(listed) == checksum else { return nil }
        return String(decoding: listed, as: UTF8.self).split(separator: "\0").map(String.init)
    }

    /// Replaces the output folder with exactly `files`; on any failure the old folder stays.
    /// Costs writing the files that changed (every file, the first time): no folder of either
    /// site is removed and made again.
    public func replaceAll(with files: [String: Data]) throws {
        let replacement = try beginReplacing(paths: Array(files.keys))
        // Placed on every core, each a stretch of the site in path order (as a full build's renderers do).
        _ = files.sorted { $0.key < $1.key }.parallelMap { replacement.place($0.value, at: $0.key) }
        try replacement.finish()
    }

    /// Starts replacing the output folder with a site of exactly `paths`, whose files are then
    /// placed in the staging folder as they are made (on any thread, while others are being
    /// rendered) and put in place by `finish()`. Until then the output folder is untouched;
    /// staging, no longer a copy of it, is trusted by no later build.
    public func beginReplacing(paths: [String]) throws -> OutputReplacement {
        if let refusal = refusal() { throw refusal }
        try fs.remove(directory + ".old")  // left by earlier versions, which swapped in two steps
        for relative in paths where !Self.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        let site = paths.sorted() + [Self.marker]
        // The staging folder, whatever it holds (a copy of the output, what a killed build left,
        // nothing), becomes the new site: its folders stay, and so do files already right.
        let copy = try catchUp() && fs.isDirectory(directory)
        let before = fs.tree(under: staging)
        try fs.prepareTree(staging, replacing: before, keeping: site)
        return OutputReplacement(writer: self, paths: site, before: before, copy: copy)
    }

    /// Writes `changed` files and deletes `deleted` ones as one step: they are applied to the
    /// staging copy of the site, which is then swapped with the output folder, so the folder
    /// is always exactly the previous site or exactly the new one. Costs what changed, except
    /// after a first build, a full build over a site without its copy, or an interrupted build,
    /// when the copy is made (again) from the output folder: a hard link per file.
    public func update(changed: [String: Data], deleted: [String]) throws {
        for relative in Array(changed.keys) + deleted where !Self.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        guard !changed.isEmpty || !deleted.isEmpty else { return }
        if try !catchUp() {
            try fs.linkTree(fs.files(under: directory), from: directory, into: staging,
                            replacing: fs.tree(under: staging))
        }
        // Removed first: a page whose path becomes a folder's (or the reverse) is written once the
        // old one is gone.
        for path in deleted { try fs.removeFile(path, under: staging) }
        for (path, data) in changed.sorted(by: { $0.key < $1.key }) {
            try fs.writeDerived(data, to: joinPath(staging, path))
        }
        try fs.exchange(staging, directory)
        let paths = changed.keys.sorted() + deleted
        // The site is in place: a list that cannot be written only leaves staging untrusted.
        try? fs.writeDerived(Self.behindList(paths), to: joinPath(staging, Self.behindFile))
    }

    /// Brings the staging copy level with the output folder by the files its behind list names,
    /// removing the list first: a build killed from here on finds no list and trusts nothing in
    /// staging. False when there was no whole list (what staging holds is then unknown).
    private func catchUp() throws -> Bool {
        let behindPath = joinPath(staging, Self.behindFile)
        guard let behind = fs.read(behindPath) else { return false }
        try fs.remove(behindPath)
        guard let paths = Self.behindPaths(behind) else { return false }
        let listed = paths.filter(Self.isContained)
        let inOutput = listed.map { fs.stamp(joinPath(directory, $0)) != nil }
        // Removed first: a path whose file became a folder (or the reverse) is linked once the
        // old one is gone.
        for (path, present) in zip(listed, inOutput) where !present { try fs.removeFile(path, under: staging) }
        for (path, present) in zip(listed, inOutput) where present {
            try fs.link(joinPath(directory, path), to: joinPath(staging, path))
        }
        return true
    }
}

/// A failure to write the output, with what to do about it.
public struct OutputError: Error, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var description: String { message + (hint.map { " (\($0))" } ?? "") }

    public init(message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }

    /// Any error met while writing to `directory`, said plainly (a full disk, no permission).
    public init(_ error: Error, writing directory: String) {
        if let error = error as? OutputError {
            self = error
            return
        }
        let (reason, remedy) = Self.cause(of: error)
        let kept = "\(directory) was left as it was"
        self.init(message: "cannot write the site to \(directory): \(reason)", hint: remedy.map { "\($0); \(kept)" } ?? kept)
    }

    /// Why a write failed, said plainly, and what to do about it when that is known.
    static func cause(of error: Error) -> (reason: String, remedy: String?) {
        var code = (error as? POSIXError)?.code
            ?? ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { POSIXErrorCode(rawValue: Int32($0.code)) }
        if code == nil, let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileWriteOutOfSpace: code = .ENOSPC
            case .fileWriteNoPermission, .fileWriteVolumeReadOnly: code = .EACCES
            default: break
            }
        }
        switch code {
        case .ENOSPC?, .EDQUOT?: return ("the disk is full", "free some space and build again")
        case .EACCES?, .EPERM?, .EROFS?: return ("permission denied", "make it writable or choose another --output")
        default: return ((error as NSError).localizedDescription, nil)
        }
    }
}

/// A replacement of the output folder under way (`OutputWriter.beginReplacing`): files are
/// placed in staging by the threads that made them, as they are made; `finish` swaps staging
/// in. Writing a page goes to the page cache, work for the processor rather than a wait for the
/// disk: a pool of writer threads beside the renderers cost a wake-up and a context switch per
/// file and moved each page's bytes to another core, for no overlap a two-core build lacked.
public final class OutputReplacement: Sendable {
    let writer: OutputWriter
    /// Every path of the new site (its marker included), sorted.
    let paths: [String]
    /// Paths added after the replacement began (`add`), also of the new site.
    private let added = Mutex<[String]>([])
    /// What staging held when the replacement began, and whether that was a copy of the output.
    let before: FolderTree
    let copy: Bool
    private let had: Set<String>
    private let placed = Mutex<(kept: Set<String>, failure: (any Error)?)>(([], nil))
    /// Staging, held open for placing files in it; not used once `finish` has swapped it in
    /// (the descriptor then refers to the output folder), and closed with the replacement.
    private let folder: OpenFolder?

    init(writer: OutputWriter, paths: [String], before: FolderTree, copy: Bool) {
        self.writer = writer
        self.paths = paths
        self.before = before
        self.copy = copy
        had = Set(before.files)
        folder = writer.fs.openFolder(writer.staging)
    }

    /// Adds `paths` to the new site (files made after the rest were known: a clean build's
    /// search index), before they are placed; throws for a path outside the output folder.
    public func add(paths more: [String]) throws {
        for relative in more where !OutputWriter.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        added.withLock { $0 += more }
    }

    /// Places one file of the new site in staging (from any thread; calls for different paths
    /// may run at once). A failure is reported by `finish`.
    public func place(_ data: Data, at path: String) {
        do {
            let kept = try writer.fs.placeFile(data, at: path, in: writer.staging, through: folder, had: had.contains(path))
            if kept { placed.withLock { _ = $0.kept.insert(path) } }
        } catch {
            placed.withLock { if $0.failure == nil { $0.failure = error } }
        }
    }

    /// Makes staging, now holding every path, the output folder. Staging then holds the previous
    /// site (after a first build, there is none); it is not made a copy of the new one here but
    /// by the next build that updates the site, which brings it level by its behind list: the
    /// paths this build wrote and those it removed, when staging was a copy of the previous
    /// site (else there is no list, and that build links the whole site again). A full build
    /// spent a third of its system time making a copy that publishing from CI never uses
    /// (README, "Performance rounds"). Throws the first failure met while placing files.
    public func finish() throws {
        place(Data("briefgen output; safe to delete\n".utf8), at: OutputWriter.marker)
        let (kept, failure) = placed.withLock { ($0.kept, $0.failure) }
        if let failure { throw failure }
        let (fs, directory, staging) = (writer.fs, writer.directory, writer.staging)
        guard fs.isDirectory(directory) || fs.read(directory) != nil else {
            return try fs.move(staging, to: directory)
        }
        // One step: a reader (or a build killed at any moment) sees the old site or the new one.
        try fs.exchange(staging, directory)
        guard copy else { return }
        // Staging now holds the previous site, which it was a copy of: it lacks what this build
        // wrote (a file kept was the previous one, shared) and still has what it removed. When
        // that is much of a large site (new templates), no list: the next update links the whole
        // site on every core rather than catching up one listed file at a time (below a few
        // hundred files, either takes milliseconds).
        let paths = self.paths + added.withLock { $0 }
        let site = Set(paths)
        let behind = paths.filter { !kept.contains($0) } + before.files.filter { !site.contains($0) }
        guard behind.count <= 256 || behind.count * 4 <= paths.count else { return }
        // The site is in place: a list that cannot be written only leaves staging untrusted.
        try? fs.writeDerived(OutputWriter.behindList(behind), to: joinPath(staging, OutputWriter.behindFile))
    }
}
