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

    /// Writes changed files and deletes others in the output folder, all or nothing as far as
    /// a write can fail: every file is first written to a folder beside the output
    /// (`OUTPUT.pending`), and only when all are written are they renamed over the old ones (a
    /// full disk leaves the old site whole, and an interrupted build leaves nothing inside it).
    public func update(with files: [String: Data], deleting deleted: [String]) throws {
        for relative in files.keys where !Self.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        let pending = directory + ".pending"
        try fs.remove(pending)
        do {
            for (path, data) in files.sorted(by: { $0.key < $1.key }) { try fs.write(data, to: joinPath(pending, path)) }
        } catch {
            try? fs.remove(pending)
            throw error
        }
        for path in files.keys.sorted() { try fs.move(joinPath(pending, path), to: joinPath(directory, path)) }
        try fs.remove(pending)
        for path in deleted { try fs.remove(joinPath(directory, path)) }
    }

    /// Replaces the output folder with exactly `files`; on any failure the old folder stays.
    public func replaceAll(with files: [String: Data]) throws {
        if let refusal = refusal() { throw refusal }
        let staging = directory + ".staging"
        let old = directory + ".old"
        try fs.remove(staging)
        for relative in files.keys where !Self.isContained(relative) {
            throw OutputError(message: "refusing to write \(relative) outside the output folder", hint: nil)
        }
        try fs.writeFresh(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, under: staging)
        try fs.write(Data("briefgen output; safe to delete\n".utf8), to: joinPath(staging, Self.marker))
        try fs.remove(old)
        if fs.isDirectory(directory) || fs.read(directory) != nil {
            try fs.move(directory, to: old)
        }
        do {
            try fs.move(staging, to: directory)
        } catch {
            try? fs.move(old, to: directory)  // put the previous site back
            throw error
        }
        try fs.remove(old)
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
