#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The file operations the generator needs, so that stages run on disk or in memory.
public protocol FileSystem: Sendable {
    /// Bytes of the file at `path`, or nil when there is no such file.
    func read(_ path: String) -> Data?
    /// Paths of every regular file below `directory`, relative to it, sorted.
    func files(under directory: String) -> [String]
    /// True when `path` is a directory.
    func isDirectory(_ path: String) -> Bool
    /// Writes `data`, creating parent folders.
    func write(_ data: Data, to path: String) throws
    /// Writes a file the build makes again from the sources (an output, the graph), creating
    /// parent folders: it replaces the file at `path` in one step, never writing through it (a
    /// hard link there stays the other file), and does not wait for the disk to hold it.
    func writeDerived(_ data: Data, to path: String) throws
    /// Removes the temporaries of `writeDerived` below `directory` whose process was killed
    /// before it renamed them (never those of a process still running).
    func removeAbandonedWrites(under directory: String)
    /// Removes a file or folder tree; no error when missing.
    func remove(_ path: String) throws
    /// Moves `source` to `destination`, replacing a file there in one step (not a folder).
    func move(_ source: String, to destination: String) throws
    /// Size and modification time, for cheap change detection.
    func stamp(_ path: String) -> FileStamp?
    /// The files and folders below `directory` (empty when it does not exist).
    func tree(under directory: String) -> FolderTree
    /// Readies `directory` (holding `old`, seen by no reader) to hold exactly `paths`, its
    /// folders and nothing else: removes the other files and the folders they alone need and
    /// keeps the folders it has (those it lacks are made by `placeFile`).
    func prepareTree(_ directory: String, replacing old: FolderTree, keeping paths: [String]) throws
    /// Puts `data` at `path` in a folder readied by `prepareTree`, making the parent folders it
    /// lacks (from any number of threads at once), never writing through a file (it may be a
    /// hard link to one a reader sees); `had`: `old` listed the path. Returns true when the
    /// file already held `data` and was kept. `folder` is `directory` as `openFolder` gave it,
    /// or nil (the file is then placed by its whole path).
    func placeFile(_ data: Data, at path: String, in directory: String, through folder: OpenFolder?, had: Bool) throws -> Bool
    /// `directory` held open for `placeFile` calls made relative to it, or nil where that
    /// saves nothing (a tree in memory).
    func openFolder(_ directory: String) -> OpenFolder?
    /// Makes `directory`, which no reader sees, a copy of `source` made of hard links: `paths`
    /// are the files of `source`, `old` what `directory` holds now (its folders are reused).
    func linkTree(_ paths: [String], from source: String, into directory: String, replacing old: FolderTree) throws
    /// Every regular file below `directory` with its stamp, sorted by relative path.
    func stampedFiles(under directory: String) -> [(path: String, stamp: FileStamp)]
    /// Bytes of the file at `path` for decoders, which may keep referring to them.
    func readShared(_ path: String) -> SharedBytes?
    /// The path with every symbolic link resolved (absolute), or nil when it does not exist.
    func realPath(_ path: String) -> String?
    /// Swaps two existing folders in one step: a reader sees one or the other, never neither.
    func exchange(_ first: String, _ second: String) throws
    /// Makes `destination` the same file as `source` (a hard link on disk), replacing it,
    /// creating parent folders.
    func link(_ source: String, to destination: String) throws
    /// Removes the folder `path` if it is empty; false when it is not (or is not a folder).
    func removeEmptyFolder(_ path: String) -> Bool
    /// How many reads to keep in flight when reading many files (the input scan).
    var concurrentReads: Int { get }
}

extension FileSystem {
    /// In memory, a read never waits: one at a time per core.
    public var concurrentReads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// In memory, every write replaces the file in one step.
    public func writeDerived(_ data: Data, to path: String) throws { try write(data, to: path) }

    /// In memory, no write is left half done.
    public func removeAbandonedWrites(under directory: String) {}

    /// Without symbolic links (a tree in memory), a path is its own real path.
    public func realPath(_ path: String) -> String? { path }

    public func readShared(_ path: String) -> SharedBytes? { read(path).map { SharedBytes(copying: [UInt8]($0)) } }

    public func stampedFiles(under directory: String) -> [(path: String, stamp: FileStamp)] {
        files(under: directory).compactMap { path in stamp(joinPath(directory, path)).map { (path, $0) } }
    }

    /// Removes the file `relative` below `root`, then each folder it leaves empty, up to `root`:
    /// a deleted page leaves no empty folder behind (a clean build would have none).
    public func removeFile(_ relative: String, under root: String) throws {
        try remove(joinPath(root, relative))
        var folder = parentFolder(relative)
        while !folder.isEmpty, removeEmptyFolder(joinPath(root, folder)) {
            folder = parentFolder(folder)
        }
    }
}

/// The folder holding `path`: "" for a bare name, "/" for a name at the root. Not
/// `NSString.deletingLastPathComponent`, which this Foundation traps on (SIGILL) for a
/// one-character name (`--output o`, a page `x`).
func parentFolder(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// What is cheap to learn about a file without reading it.
public struct FileStamp: Hashable, Sendable, Codable {
    public var size: Int
    public var modified: Double
    /// True when the file was reached through a symbolic link (to itself or a folder above
    /// it), so that a reader checks where it really is. Not part of equality or the cache.
    public var throughLink = false

    public init(size: Int, modified: Double, throughLink: Bool = false) {
        self.size = size
        self.modified = modified
        self.throughLink = throughLink
    }

    private enum CodingKeys: String, CodingKey { case size, modified }

    public static func == (a: FileStamp, b: FileStamp) -> Bool { a.size == b.size && a.modified == b.modified }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        hasher.combine(modified)
    }
}

/// Joins path components with `/`, dropping empty ones and doubled separators.
public func joinPath(_ parts: String...) -> String {
    var out = ""
    for part in parts where !part.isEmpty {
        if out.isEmpty {
            out = part
        } else {
            out = (out.hasSuffix("/") ? String(out.dropLast()) : out) + "/"
                + (part.hasPrefix("/") ? String(part.dropFirst()) : part)
        }
    }
    return out
}

/// The real file system.
public struct DiskFileSystem: FileSystem {
    public init() {}

    public func read(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// On disk, a read of a file the page cache does not hold waits on the device, which serves
    /// many at once: with 16 in flight, reading a 10,000-article site's sources after a reboot
    /// took a third of the time it took with one per core (README, "Performance rounds").
    public var concurrentReads: Int { max(16, ProcessInfo.processInfo.activeProcessorCount) }

    /// Walks with opendir/readdir: FileManager's enumerator stats every entry twice and is
    /// several times slower on a 10,000-file site, where the scan runs on every build.
    public func files(under directory: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            guard let dir = opendir(relative.isEmpty ? directory : joinPath(directory, relative)) else { return }
            defer { closedir(dir) }
            for (name, entryType) in Self.entries(of: dir) {
                let path = relative.isEmpty ? name : relative + "/" + name
                var type = entryType
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var info = stat()
                    guard stat(joinPath(directory, path), &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
                }
                if type == UInt8(DT_DIR) { walk(path) } else if type == UInt8(DT_REG) { result.append(path) }
            }
        }
        walk("")
        return result.sorted()
    }

    /// Maps the file (see `SharedBytes`). A file replaced later (write then rename) does not
    /// change the mapping: it keeps the old file's pages.
    public func readShared(_ path: String) -> SharedBytes? { SharedBytes(mapping: path) }

    /// Stats each folder's entries relative to the folder (fstatat), on several threads for
    /// large folders: every build starts with this scan, which this halves against statting full
    /// paths one by one (README, "Performance rounds").
    public func stampedFiles(under directory: String) -> [(path: String, stamp: FileStamp)] {
        var result: [(path: String, stamp: FileStamp)] = []
        let realDirectory = realPath(directory).map { $0 + "/" }
        var linkedFolders = Set<String>()
        func walk(_ relative: String, throughLink: Bool) {
            let folder = relative.isEmpty ? directory : joinPath(directory, relative)
            guard let dir = opendir(folder) else { return }
            defer { closedir(dir) }
            let fd = dirfd(dir)
            let entries = Self.entries(of: dir)
            let names = entries.map(\.name)
            // Statted on many threads: a folder of 10,000 sources whose inodes the cache does
            // not hold is stated fastest with several stats in flight.
            let infos = Array(names.indices).parallelMap(threads: concurrentReads, chunk: 256) { index -> (mode: mode_t, stamp: FileStamp)? in
                var info = stat()
                guard fstatat(fd, names[index], &info, 0) == 0 else { return nil }
                return (info.st_mode & S_IFMT, Self.stamp(of: info))
            }
            for (index, name) in names.enumerated() {
                guard let info = infos[index] else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                // readdir says which entries are links (most file systems; else lstat says).
                var linked = throughLink || entries[index].type == UInt8(DT_LNK)
                if !linked, entries[index].type == UInt8(DT_UNKNOWN) {
                    var own = stat()
                    linked = fstatat(fd, name, &own, AT_SYMLINK_NOFOLLOW) == 0 && (own.st_mode & S_IFMT) == S_IFLNK
                }
                switch info.mode {
                case S_IFDIR where linked:
                    // A linked folder is walked once, and only when it lies inside `directory`
                    // (no loops, no walk of the whole disk); else it is listed itself, for the
                    // reader to refuse (`InputScan`).
                    guard let real = realPath(joinPath(directory, path)).map({ $0 + "/" }) else { continue }
                    let realFolder = (realPath(folder) ?? folder) + "/"
                    if let realDirectory, real.hasPrefix(realDirectory), !realFolder.hasPrefix(real) {
                        if linkedFolders.insert(real).inserted { walk(path, throughLink: true) }
                    } else {
                        result.append((path, FileStamp(size: 0, modified: 0, throughLink: true)))
                    }
                case S_IFDIR: walk(path, throughLink: false)
                case S_IFREG:
                    var stamp = info.stamp
                    stamp.throughLink = linked
                    result.append((path, stamp))
                default: continue
                }
            }
        }
        walk("", throughLink: false)
        return result.sorted { $0.path < $1.path }
    }

    /// The names in an open folder (without "." and ".."), with the type readdir reports.
    private static func entries(of dir: OpaquePointer) -> [(name: String, type: UInt8)] {
        var found: [(name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { found.append((name, entry.pointee.d_type)) }
        }
        return found
    }

    static func stamp(of info: stat) -> FileStamp {
        FileStamp(size: Int(info.st_size), modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public func write(_ data: Data, to path: String) throws {
        let parent = parentFolder(path)
        if !parent.isEmpty {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        // Write then rename: a reader never sees half a file.
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Not `write`'s `.atomic`, which syncs each file to disk and waits behind the write-back of
    /// a whole site (README, "Performance rounds"). Nothing orders these writes on the disk: after a power
    /// failure a graph file or the staging copy's behind list is found damaged by its checksum,
    /// but an output written just before may be lost while the graph says it is current
    /// (README, Security: build with `--clean` after a power failure).
    public func writeDerived(_ data: Data, to path: String) throws {
        // Named for this write alone: two builds writing one file never share a temporary.
        let temporary = path + Self.temporaryMark + "\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        var code = Self.writeNew(data, to: temporary)
        if code == ENOENT {
            let parent = parentFolder(path)
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            code = Self.writeNew(data, to: temporary)
        }
        if code == 0, Glibc.rename(temporary, path) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// What `writeDerived` puts between a file's name and its writer's process id.
    static let temporaryMark = ".new-"

    public func removeAbandonedWrites(under directory: String) {
        for file in files(under: directory) {
            guard let mark = file.range(of: Self.temporaryMark, options: .backwards),
                  let pid = Int32(file[mark.upperBound...].prefix { $0 != "-" }),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(joinPath(directory, file))
        }
    }

    public func remove(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
    }

    public func move(_ source: String, to destination: String) throws {
        let parent = parentFolder(destination)
        if !parent.isEmpty {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        // rename(2) replaces a file at the destination atomically; across file systems, copy.
        if Glibc.rename(source, destination) == 0 { return }
        if errno != EXDEV { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        try FileManager.default.moveItem(atPath: source, toPath: destination)
    }

    public func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Self.stamp(of: info)
    }

    /// renameat2(2) with RENAME_EXCHANGE, looked up at run time (Glibc's module does not
    /// declare it); Linux 3.15 and later, on ext4, xfs, btrfs and tmpfs among others.
    private static let renameat2: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// In one step where the file system can (ext4, xfs, btrfs, tmpfs, overlayfs); elsewhere
    /// (NFS, FAT) by three renames, which leave `second` missing for a moment.
    public func exchange(_ first: String, _ second: String) throws {
        let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE
        if let renameat2 = Self.renameat2, renameat2(AT_FDCWD, first, AT_FDCWD, second, exchangeFlag) == 0 { return }
        guard Self.renameat2 == nil || errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
            throw OutputError(message: "cannot swap \(first) and \(second): \(String(cString: strerror(errno)))", hint: nil)
        }
        let aside = second + ".swap"
        try remove(aside)
        try move(second, to: aside)
        do { try move(first, to: second) } catch {
            try? move(aside, to: second)
            throw error
        }
        try move(aside, to: first)
    }

    /// One system call when the destination's folder exists and the file does not (a copy of a
    /// whole site is made of these: a `stat` per file for its folder cost as much again).
    public func link(_ source: String, to destination: String) throws {
        if Glibc.link(source, destination) == 0 { return }
        if errno == ENOENT {
            let parent = parentFolder(destination)
            if !parent.isEmpty {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            }
            if Glibc.link(source, destination) == 0 { return }
        }
        // Already the same file: rename(2) would do nothing and leave the temporary name behind.
        var from = stat(), to = stat()
        if stat(source, &from) == 0, stat(destination, &to) == 0, from.st_dev == to.st_dev, from.st_ino == to.st_ino { return }
        // Linked under a temporary name, then renamed over: never a moment without the file.
        let temporary = destination + ".briefgen-link"
        unlink(temporary)
        guard Glibc.link(source, temporary) == 0, rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(message: "cannot link \(source) to \(destination): \(reason)", hint: nil)
        }
    }

    public func removeEmptyFolder(_ path: String) -> Bool { rmdir(path) == 0 }
}

/// An in-memory tree for tests; thread-safe behind a lock.
public final class MemoryFileSystem: FileSystem {
    private let lock = NSLock()
    // Safe: every access to `storage` goes through `lock`.
    nonisolated(unsafe) private var storage: [String: Data]
    nonisolated(unsafe) private var clock: Double = 0
    nonisolated(unsafe) private var stamps: [String: Double] = [:]

    public init(_ files: [String: String] = [:]) {
        storage = files.mapValues { Data($0.utf8) }
        for key in storage.keys { stamps[key] = 0 }
    }

    public func read(_ path: String) -> Data? {
        lock.withLock { storage[normalize(path)] }
    }

    public func files(under directory: String) -> [String] {
        let prefix = directory.isEmpty ? "" : normalize(directory) + "/"
        return lock.withLock {
            storage.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
        }
    }

    public func isDirectory(_ path: String) -> Bool {
        let prefix = normalize(path) + "/"
        return lock.withLock { storage.keys.contains { $0.hasPrefix(prefix) } }
    }

    public func write(_ data: Data, to path: String) throws {
        lock.withLock {
            clock += 1
            storage[normalize(path)] = data
            stamps[normalize(path)] = clock
        }
    }

    /// Writes a string, for tests.
    public func write(_ text: String, to path: String) {
        try? write(Data(text.utf8), to: path)
    }

    public func remove(_ path: String) throws {
        let key = normalize(path)
        lock.withLock {
            storage[key] = nil
            stamps[key] = nil
            for other in storage.keys where other.hasPrefix(key + "/") {
                storage[other] = nil
                stamps[other] = nil
            }
        }
    }

    public func move(_ source: String, to destination: String) throws {
        let from = normalize(source), to = normalize(destination)
        lock.withLock {
            for key in storage.keys where key == from || key.hasPrefix(from + "/") {
                let newKey = to + key.dropFirst(from.count)
                storage[newKey] = storage.removeValue(forKey: key)
                stamps[newKey] = stamps.removeValue(forKey: key)
            }
        }
    }

    public func stamp(_ path: String) -> FileStamp? {
        lock.withLock {
            guard let data = storage[normalize(path)] else { return nil }
            return FileStamp(size: data.count, modified: stamps[normalize(path)] ?? 0)
        }
    }

    public func exchange(_ first: String, _ second: String) throws {
        let a = normalize(first), b = normalize(second)
        lock.withLock {
            func take(_ root: String) -> [(String, Data, Double?)] {
                let keys = storage.keys.filter { $0 == root || $0.hasPrefix(root + "/") }
                return keys.map { key in
                    defer { storage[key] = nil; stamps[key] = nil }
                    return (String(key.dropFirst(root.count)), storage[key]!, stamps[key])
                }
            }
            let fromA = take(a), fromB = take(b)
            for (rest, data, stamp) in fromA { storage[b + rest] = data; stamps[b + rest] = stamp }
            for (rest, data, stamp) in fromB { storage[a + rest] = data; stamps[a + rest] = stamp }
        }
    }

    public func link(_ source: String, to destination: String) throws {
        guard let data = read(source) else { throw OutputError(message: "no file \(source)", hint: nil) }
        let stamp = lock.withLock { stamps[normalize(source)] }
        try write(data, to: destination)
        lock.withLock { stamps[normalize(destination)] = stamp }
    }

    /// Folders exist only through their files here: an empty one is already gone.
    public func removeEmptyFolder(_ path: String) -> Bool { !isDirectory(path) }

    private func normalize(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
