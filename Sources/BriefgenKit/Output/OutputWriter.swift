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
    public static func isContained(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\") else { return false }
        return !relative.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Why the output folder must not be replaced (it holds files and no briefgen marker), or nil.
    public func refusal() -> OutputError? {
        guard fs.isDirectory(directory), fs.read(joinPath(directory, Self.marker)) == nil,
              !fs.files(under: directory).isEmpty else { return nil }
        return OutputError(message: "output folder \(directory) exists and was not written by briefgen; refusing to replace it",
                           hint: "remove it yourself or choose another --output")
    }

    /// The folder beside the output where the next site is assembled: after a build, a copy of
    /// the previous site made of hard links, which the next build brings up to date and swaps in.
    public var staging: String { directory + ".staging" }
    /// In `staging`, the files it lacks to equal the output folder (paths ending in NUL). Without
    /// it the staging folder is not trusted and is made again from the output folder.
    static let behindFile = ".briefgen-behind"

    /// Replaces the output folder with exactly `files`; on any failure the old folder stays.
    public func replaceAll(with files: [String: Data]) throws {
        if let refusal = refusal() { throw refusal }
        try fs.remove(staging)
        try fs.remove(directory + ".old")  // left by earlier versions, which swapped in two steps
        for relative in files.keys where !Self.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        try fs.writeFresh(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, under: staging)
        try fs.write(Data("briefgen output; safe to delete\n".utf8), to: joinPath(staging, Self.marker))
        if fs.isDirectory(directory) || fs.read(directory) != nil {
            // One step: a reader (or a build killed at any moment) sees the old site or the new one.
            try fs.exchange(staging, directory)
        } else {
            try fs.move(staging, to: directory)
        }
        // The previous site, now in staging (if any), becomes the next build's copy of this
        // one: about what removing it would cost, and edits after a full build cost what they change.
        let old = Set(fs.files(under: staging))
        // What the output now holds is what was just written: no walk of it (listing 12,000
        // folders is most of the write stage at 10,000 articles).
        let new = files.keys.sorted() + [Self.marker]
        for path in old.subtracting(new) { try fs.removeFile(path, under: staging) }
        for path in new { try fs.link(joinPath(directory, path), to: joinPath(staging, path)) }
        try fs.write(Data(), to: joinPath(staging, Self.behindFile))
    }

    /// Writes `changed` files and deletes `deleted` ones as one step: they are applied to the
    /// staging copy of the site, which is then swapped with the output folder, so the folder
    /// is always exactly the previous site or exactly the new one. Costs what changed, except
    /// the first time (or after an interrupted build), when the copy is made: a hard link per file.
    public func update(changed: [String: Data], deleted: [String]) throws {
        for relative in Array(changed.keys) + deleted where !Self.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        guard !changed.isEmpty || !deleted.isEmpty else { return }
        let behindPath = joinPath(staging, Self.behindFile)
        if let behind = fs.read(behindPath) {
            // Distrusted until it is whole again: a build killed from here on makes a new copy.
            try fs.remove(behindPath)
            for path in String(decoding: behind, as: UTF8.self).split(separator: "\0").map(String.init)
            where Self.isContained(path) {
                if fs.stamp(joinPath(directory, path)) != nil {
                    try fs.link(joinPath(directory, path), to: joinPath(staging, path))
                } else {
                    try fs.removeFile(path, under: staging)
                }
            }
        } else {
            try fs.remove(staging)
            for path in fs.files(under: directory) {
                try fs.link(joinPath(directory, path), to: joinPath(staging, path))
            }
        }
        for (path, data) in changed.sorted(by: { $0.key < $1.key }) {
            try fs.write(data, to: joinPath(staging, path))
        }
        for path in deleted { try fs.removeFile(path, under: staging) }
        try fs.exchange(staging, directory)
        let paths = changed.keys.sorted() + deleted
        try fs.write(Data(paths.map { $0 + "\0" }.joined().utf8), to: behindPath)
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
        var code = (error as? POSIXError)?.code
            ?? ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { POSIXErrorCode(rawValue: Int32($0.code)) }
        if code == nil, let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileWriteOutOfSpace: code = .ENOSPC
            case .fileWriteNoPermission, .fileWriteVolumeReadOnly: code = .EACCES
            default: break
            }
        }
        let kept = "\(directory) was left as it was"
        switch code {
        case .ENOSPC?, .EDQUOT?:
            self.init(message: "cannot write the site to \(directory): the disk is full", hint: "free some space and build again; \(kept)")
        case .EACCES?, .EPERM?, .EROFS?:
            self.init(message: "cannot write the site to \(directory): permission denied", hint: "make it writable or choose another --output; \(kept)")
        default:
            self.init(message: "cannot write the site to \(directory): \((error as NSError).localizedDescription)", hint: kept)
        }
    }
}
