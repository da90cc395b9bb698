#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What a folder holds: its regular files and its folders (empty ones too), relative to it, sorted.
public struct FolderTree: Sendable, Equatable {
    public var files: [String]
    public var folders: [String]

    public init(files: [String] = [], folders: [String] = []) {
        self.files = files
        self.folders = folders
    }

    /// `paths` in at most `count` trees that share no top-level folder, about even in files and
    /// folders (the largest top-level folders placed first, each in the lightest tree); each
    /// tree's folders are those its files need, parents before children.
    static func subtreeGroups(_ paths: [String], count: Int) -> [FolderTree] {
        var byTop: [Substring: [String]] = [:]
        for path in paths {
            let top = path.firstIndex(of: "/").map { path[..<$0] } ?? ""
            byTop[top, default: []].append(path)
        }
        // Top-level folders share no folder, so a tree's folders listed top by top stay parents first.
        let tops = byTop.values.map { FolderTree(files: $0, folders: folders(holding: $0)) }
            .sorted { $0.files.count + $0.folders.count > $1.files.count + $1.folders.count }
        var groups = Array(repeating: FolderTree(), count: max(1, min(count, tops.count)))
        func weight(_ tree: FolderTree) -> Int { tree.files.count + tree.folders.count }
        for top in tops {
            let lightest = groups.indices.min { weight(groups[$0]) < weight(groups[$1]) }!
            groups[lightest].files += top.files
            groups[lightest].folders += top.folders
        }
        return groups.filter { !$0.files.isEmpty }
    }

    /// Every folder that `files` need, parents before children.
    static func folders(holding files: [String]) -> [String] {
        var folders = Set<String>()
        for path in files {
            var parent = Substring(path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if !folders.insert(String(parent)).inserted { break }
            }
        }
        return folders.sorted()
    }
}

extension FileSystem {
    /// Without empty folders (a tree in memory), the folders are those the files need.
    public func tree(under directory: String) -> FolderTree {
        let files = files(under: directory)
        return FolderTree(files: files, folders: FolderTree.folders(holding: files))
    }

    /// Without empty folders (a tree in memory), readying is removing the files not kept.
    public func prepareTree(_ directory: String, replacing old: FolderTree, keeping paths: [String]) throws {
        let wanted = Set(paths)
        for path in old.files where !wanted.contains(path) { try removeFile(path, under: directory) }
    }

    public func openFolder(_ directory: String) -> OpenFolder? { nil }

    /// `placeFile` by the whole path.
    public func placeFile(_ data: Data, at path: String, in directory: String, had: Bool) throws -> Bool {
        try placeFile(data, at: path, in: directory, through: nil, had: had)
    }

    /// In memory there is no folder to hold open: `folder` is not used.
    public func placeFile(_ data: Data, at path: String, in directory: String, through folder: OpenFolder?, had: Bool) throws -> Bool {
        if had, read(joinPath(directory, path)) == data { return true }
        try write(data, to: joinPath(directory, path))
        return false
    }

    public func linkTree(_ paths: [String], from source: String, into directory: String, replacing old: FolderTree) throws {
        let wanted = Set(paths)
        for path in old.files where !wanted.contains(path) { try removeFile(path, under: directory) }
        for path in paths { try link(joinPath(source, path), to: joinPath(directory, path)) }
    }
}

/// Whole trees on disk: one system call per folder made and per file written or linked. A
/// site of 12,000 pages is 12,000 folders, and making one costs ext4 more than writing a page
/// does; removing one more again (with `discard`, about 2 ms), so folders are reused, never
/// remade. Removals run on several threads; a folder is made by the thread writing its first
/// file (`placeFile`), while other pages are rendered.
extension DiskFileSystem {
    public func tree(under directory: String) -> FolderTree {
        var tree = FolderTree()
        func walk(_ relative: String) {
            guard let dir = opendir(relative.isEmpty ? directory : joinPath(directory, relative)) else { return }
            var found: [(name: String, type: UInt8)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { found.append((name, entry.pointee.d_type)) }
            }
            closedir(dir)
            for (name, entryType) in found {
                let path = relative.isEmpty ? name : relative + "/" + name
                var type = entryType
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(joinPath(directory, path), &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    tree.folders.append(path)
                    walk(path)
                } else if type == UInt8(DT_REG) {
                    tree.files.append(path)
                }
            }
        }
        walk("")
        tree.files.sort()
        tree.folders.sort()
        return tree
    }

    /// A descriptor of `directory`: a site's pages are made relative to it, where a path from
    /// the working folder was looked up component by component for each folder and file.
    public func openFolder(_ directory: String) -> OpenFolder? {
        (try? Self.openDescriptor(directory)).map(OpenFolder.init(descriptor:))
    }

    public func placeFile(_ data: Data, at path: String, in directory: String, through folder: OpenFolder?, had: Bool) throws -> Bool {
        // Relative to the open folder, else (`AT_FDCWD`) the whole path.
        let (base, name) = folder.map { ($0.descriptor, path) } ?? (AT_FDCWD, joinPath(directory, path))
        if had {
            if Self.holds(base, name, data) { return true }
            // Never written through: it may be a hard link to a file a reader sees.
            if unlinkat(base, name, 0) != 0 && errno != ENOENT { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        // Its folder is made by the first file placed in it (`prepareTree` makes none). A file
        // staging lacked is usually a page in a folder of its own that staging lacks too: the
        // folder is made first, as a failed `open` cost more than a `mkdir` finding it there.
        if !had, let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) {
            if mkdirat(base, String(name[..<slash]), 0o755) != 0 && errno == ENOENT {
                let code = Self.makeFolders(of: path, in: directory, base: base)
                if code != 0 { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
            }
        }
        var code = Self.writeNew(data, at: base, name, fullPath: { joinPath(directory, path) })
        if code == ENOENT {
            code = Self.makeFolders(of: path, in: directory, base: base)
            if code == 0 { code = Self.writeNew(data, at: base, name, fullPath: { joinPath(directory, path) }) }
        }
        if code != 0 { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        return false
    }

    /// Makes the folders of `path` below `directory` that are missing, parents first (another
    /// thread may be making the same ones); 0, or the error number. `base` is `directory`
    /// open, or `AT_FDCWD` (folders are then named by their whole path).
    private static func makeFolders(of path: String, in directory: String, base: Int32) -> Int32 {
        func folder(_ end: String.Index) -> String {
            base == AT_FDCWD ? joinPath(directory, String(path[..<end])) : String(path[..<end])
        }
        var slashes: [String.Index] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            slashes.append(slash)
            index = path.index(after: slash)
        }
        // The deepest missing folder is found from the file upwards: usually only its own.
        var missing = slashes.endIndex
        while missing > slashes.startIndex {
            if mkdirat(base, folder(slashes[missing - 1]), 0o755) == 0 || errno == EEXIST { break }
            guard errno == ENOENT else { return errno }
            missing -= 1
        }
        for slash in slashes[missing...] {
            guard mkdirat(base, folder(slash), 0o755) == 0 || errno == EEXIST else { return errno }
        }
        return 0
    }

    /// Folders are made and files linked relative to the two folders, opened once: a path
    /// from the working folder was looked up component by component for each of the site's
    /// tens of thousands of folders and files.
    /// The copy is made on every core, each making the folders and links of its own top-level
    /// folders: making a folder takes its parent's lock, so no two share a parent below the root
    /// (made by one thread, the folders left the other cores idle).
    public func linkTree(_ paths: [String], from source: String, into directory: String, replacing old: FolderTree) throws {
        try prune(directory, old, keeping: paths, threads: 1)
        guard !paths.isEmpty else { return }
        let had = Set(old.files), existing = Set(old.folders)
        let from = try Self.openDescriptor(source)
        defer { close(from) }
        let into = try Self.openDescriptor(directory)
        defer { close(into) }
        let groups = FolderTree.subtreeGroups(paths, count: ProcessInfo.processInfo.activeProcessorCount)
        try Self.inParallel(groups.count, threads: groups.count, chunk: 1) { group in
            Self.link(groups[group], from: from, into: into, had: had, existing: existing)
        }
    }

    /// Makes the folders of `tree` that are not `existing` (parents first) and links each of its
    /// files from `from` into `into`; returns the first error number, or 0.
    private static func link(_ tree: FolderTree, from: Int32, into: Int32, had: Set<String>, existing: Set<String>) -> Int32 {
        for folder in tree.folders where !existing.contains(folder) {
            if mkdirat(into, folder, 0o755) != 0 && errno != EEXIST { return errno }
        }
        for path in tree.files {
            if had.contains(path) && unlinkat(into, path, 0) != 0 && errno != ENOENT { return errno }
            if linkat(from, path, into, path, 0) == 0 { continue }
            guard errno == EEXIST, unlinkat(into, path, 0) == 0, linkat(from, path, into, path, 0) == 0 else { return errno }
        }
        return 0
    }

    /// A descriptor of the folder at `path`, for calls relative to it (`mkdirat`, `linkat`).
    private static func openDescriptor(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return fd
    }

    /// Removes from `directory` (holding `old`) the files not in `paths` and the folders they do
    /// not need. The folders they need that it lacks are made by `placeFile`, as their first
    /// file is written: by the threads rendering pages, between pages, rather than all before
    /// the first page (a first build's folders are most of its file-system time).
    public func prepareTree(_ directory: String, replacing old: FolderTree, keeping paths: [String]) throws {
        try prune(directory, old, keeping: paths, threads: 8)
    }

    /// Removes from `directory` (holding `old`) the files not in `paths` and the folders they do
    /// not need (making `directory` when it is missing).
    private func prune(_ directory: String, _ old: FolderTree, keeping paths: [String], threads: Int) throws {
        let wanted = Set(paths)
        let stale = old.files.filter { !wanted.contains($0) }
        try Self.inParallel(stale.count, threads: threads) { index in
            unlink(joinPath(directory, stale[index])) == 0 || errno == ENOENT ? 0 : errno
        }
        // Children before parents: a folder is empty once its stale files and folders are gone.
        // (A first build's staging holds none: the site's folders are not even listed.)
        let needed = old.folders.isEmpty ? [] : Set(FolderTree.folders(holding: paths))
        for folder in old.folders.reversed() where !needed.contains(folder) {
            let full = joinPath(directory, folder)
            if rmdir(full) != 0 && errno != ENOENT { try remove(full) }
        }
        if !isDirectory(directory) { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
    }

    /// True when the file at `path` holds exactly `data` and its bytes are in memory: a file
    /// the disk would have to be read for is not waited on (it is written anew, which costs
    /// less than reading it back; a build's files are usually still in memory from the last).
    static func holds(_ base: Int32, _ path: String, _ data: Data) -> Bool {
        let fd = openat(base, path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
        var buffer = [UInt8](repeating: 0, count: min(data.count, 1 << 16))
        var offset = 0
        while offset < data.count {
            let n = readInMemory(fd, &buffer, min(buffer.count, data.count - offset), at: offset)
            guard n > 0 else { return false }
            let same = data.withUnsafeBytes { bytes in memcmp(bytes.baseAddress! + offset, buffer, n) == 0 }
            guard same else { return false }
            offset += n
        }
        return true
    }

    private typealias ReadVector = @convention(c) (Int32, UnsafePointer<iovec>?, Int32, Int, Int32) -> Int
    /// glibc's `preadv2`, which Swift's Glibc module does not declare (it needs `_GNU_SOURCE`).
    private static let preadv2: ReadVector? = dlsym(nil, "preadv2").map { unsafeBitCast($0, to: ReadVector.self) }

    /// Reads up to `count` bytes at `offset` only as far as they are in memory (`RWF_NOWAIT`):
    /// -1 rather than waiting for the disk. Where the flag is not supported, an ordinary read.
    static func readInMemory(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) -> Int {
        if let preadv2 {
            var vector = iovec(iov_base: buffer, iov_len: count)
            let n = preadv2(fd, &vector, 1, offset, 0x8)  // RWF_NOWAIT, from linux/fs.h
            if n >= 0 || (errno != EOPNOTSUPP && errno != EINVAL && errno != ENOSYS) { return n }
        }
        return pread(fd, buffer, count, off_t(offset))
    }

    /// Creates the file at `path` (which must not exist: nothing is written through a link) and
    /// writes `data`; 0, or the error number.
    static func writeNew(_ data: Data, to path: String) -> Int32 {
        writeNew(data, at: AT_FDCWD, path, fullPath: { path })
    }

    /// `writeNew` of `name` relative to the folder `base` (or `AT_FDCWD`), which is
    /// `fullPath()` from the working folder.
    static func writeNew(_ data: Data, at base: Int32, _ name: String, fullPath: () -> String) -> Int32 {
        var fd = openat(base, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == EEXIST {
            // Something not listed is in the way (a folder where the site now has a page).
            try? FileManager.default.removeItem(atPath: fullPath())
            fd = openat(base, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        return data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n < 0 ? errno : EIO }
                offset += n
            }
            return 0
        }
    }

    /// `onThreads`, throwing the first error number a call returned.
    static func inParallel(_ count: Int, threads: Int, chunk: Int = 32, _ body: @escaping @Sendable (Int) -> Int32) throws {
        let failure = onThreads(count, threads: threads, chunk: chunk, body)
        if failure != 0 { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
    }
}

/// A folder held open for calls relative to it (`FileSystem.openFolder`), closed when the
/// last reference goes. Used only while the folder is not renamed (a descriptor follows it).
public final class OpenFolder: Sendable {
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }
}
