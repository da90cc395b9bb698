#if canImport(Glibc)
import Glibc
#endif
import BriefgenKit
import Foundation
import Synchronization

/// Watches a site's `content/`, `templates/` and `briefgen.yml` and reports that something
/// changed. Uses inotify (one watch per folder, added as folders appear) and falls back to
/// polling file stamps where inotify is not available. Bursts are left to the caller to batch.
public final class SiteWatcher: Sendable {
    private let root: String
    /// Called with the paths that changed, site-relative (files, or folders that came or went);
    /// empty when they are not known (the kernel's event queue overflowed).
    private let onChange: @Sendable (Set<String>) -> Void
    private let stopped = Atomic<Bool>(false)
    /// Which mechanism is in use, for the log line at start.
    public let mechanism: String

    public init(root: String, pollInterval: Double = 0.3, forcePolling: Bool = false,
                onChange: @escaping @Sendable (Set<String>) -> Void) {
        self.root = root
        self.onChange = onChange
        let fd = forcePolling ? -1 : inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        mechanism = fd >= 0 ? "inotify" : "polling every \(Int(pollInterval * 1000)) ms"
        // Watching starts before `init` returns: a save right after it is seen.
        var folders: [Int32: String] = [:]
        var initial: [String: FileStamp] = [:]
        if fd >= 0 {
            Self.watch(root, fd: fd, recursive: false, into: &folders)  // for briefgen.yml, and content/ or templates/ appearing
            for top in ["content", "templates"] where FileManager.default.fileExists(atPath: joinPath(root, top)) {
                Self.watch(joinPath(root, top), fd: fd, into: &folders)
            }
        } else {
            initial = Self.snapshot(root)
        }
        let thread = Thread { [self, folders, initial] in
            if fd >= 0 { self.runInotify(fd, folders: folders) } else { self.runPolling(interval: pollInterval, last: initial) }
        }
        thread.name = "briefgen-watcher"
        thread.start()
    }

    /// Stops watching (the thread exits within its poll interval).
    public func stop() { stopped.store(true, ordering: .relaxed) }

    static func isInteresting(_ name: String) -> Bool {
        !(name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
            || name.hasPrefix("#") || name == "4913")
    }

    // MARK: - inotify

    static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY
        | IN_DELETE_SELF | IN_ATTRIB)

    /// Watches `folder` (and, when `recursive`, every folder below it).
    static func watch(_ folder: String, fd: Int32, recursive: Bool = true, into folders: inout [Int32: String]) {
        let wd = inotify_add_watch(fd, folder, mask)
        if wd >= 0 { folders[wd] = folder }
        if recursive { for sub in subfolders(folder) { watch(sub, fd: fd, into: &folders) } }
    }

    private func runInotify(_ fd: Int32, folders: [Int32: String]) {
        defer { close(fd) }
        var folders = folders
        func watch(_ folder: String) { Self.watch(folder, fd: fd, into: &folders) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pollDescriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stopped.load(ordering: .relaxed) {
            guard poll(&pollDescriptor, 1, 200) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            var relevant = false, overflowed = false
            var paths = Set<String>()
            while offset + 16 <= count {
                // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }
                let wd = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: Int32.self) }
                let eventMask = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                if eventMask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                guard let folder = folders[wd] else { continue }
                if folder == root {
                    if name == "briefgen.yml" || ((name == "content" || name == "templates") && eventMask & UInt32(IN_ISDIR) != 0) {
                        if eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, name != "briefgen.yml" { watch(joinPath(root, name)) }
                        relevant = true
                        paths.insert(name)
                    }
                    continue
                }
                if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    watch(joinPath(folder, name))
                }
                if name.isEmpty || Self.isInteresting(name) {
                    relevant = true
                    let full = joinPath(folder, name)
                    if full.hasPrefix(root + "/") { paths.insert(String(full.dropFirst(root.count + 1))) }
                }
            }
            if overflowed { onChange([]) } else if relevant { onChange(paths) }
        }
    }

    static func subfolders(_ folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().map { joinPath(folder, $0) }.filter {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue
        }
    }

    // MARK: - Polling

    private static func snapshot(_ root: String) -> [String: FileStamp] {
        let fs = DiskFileSystem()
        var stamps: [String: FileStamp] = [:]
        if let stamp = fs.stamp(joinPath(root, "briefgen.yml")) { stamps["briefgen.yml"] = stamp }
        for top in ["content", "templates"] {
            for (file, stamp) in fs.stampedFiles(under: joinPath(root, top)) { stamps[joinPath(root, top, file)] = stamp }
        }
        return stamps
    }

    private func runPolling(interval: Double, last: [String: FileStamp]) {
        var last = last
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: interval)
            let now = Self.snapshot(root)
            if now != last {
                let changed = Set(now.keys.filter { now[$0] != last[$0] }).union(last.keys.filter { now[$0] == nil })
                last = now
                onChange(Set(changed.map { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1)) : $0 }))
            }
        }
    }
}
