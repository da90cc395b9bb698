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
    /// Called with the paths that changed (site-relative when known; empty when unknown).
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
        let thread = Thread { [self] in
            if fd >= 0 { self.runInotify(fd) } else { self.runPolling(interval: pollInterval) }
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

    private func runInotify(_ fd: Int32) {
        defer { close(fd) }
        var folders: [Int32: String] = [:]
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY
            | IN_DELETE_SELF | IN_ATTRIB)
        func watch(_ folder: String, recursive: Bool = true) {
            let wd = inotify_add_watch(fd, folder, mask)
            if wd >= 0 { folders[wd] = folder }
            if recursive { for sub in Self.subfolders(folder) { watch(sub) } }
        }
        watch(root, recursive: false)  // for briefgen.yml, and content/ or templates/ appearing
        for top in ["content", "templates"] where FileManager.default.fileExists(atPath: joinPath(root, top)) {
            watch(joinPath(root, top))
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pollDescriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stopped.load(ordering: .relaxed) {
            guard poll(&pollDescriptor, 1, 200) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            var relevant = false
            var paths = Set<String>()
            while offset + 16 <= count {
                // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }
                let wd = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: Int32.self) }
                let eventMask = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
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
            if relevant { onChange(paths) }
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

    private func snapshot() -> [String: FileStamp] {
        let fs = DiskFileSystem()
        var stamps: [String: FileStamp] = [:]
        if let stamp = fs.stamp(joinPath(root, "briefgen.yml")) { stamps["briefgen.yml"] = stamp }
        for top in ["content", "templates"] {
            for (file, stamp) in fs.stampedFiles(under: joinPath(root, top)) { stamps[joinPath(root, top, file)] = stamp }
        }
        return stamps
    }

    private func runPolling(interval: Double) {
        var last = snapshot()
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: interval)
            let now = snapshot()
            if now != last {
                let changed = Set(now.keys.filter { now[$0] != last[$0] }).union(last.keys.filter { now[$0] == nil })
                last = now
                onChange(Set(changed.map { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1)) : $0 }))
            }
        }
    }
}
