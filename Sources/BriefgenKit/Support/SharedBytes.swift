#if canImport(Glibc)
import Glibc
#endif

/// Bytes that never change, shared by the values read from them: a file of the build graph,
/// mapped into memory, or a copy of an array.
///
/// Mapping instead of reading saves a one-edit rebuild of a large site from copying the build
/// graph into freshly zeroed memory (README, "Performance rounds").
public final class SharedBytes: @unchecked Sendable {
    // Safe: `buffer` is written once in init and the memory behind it is never written
    // after; it is released only in deinit, when no value refers to it any more.
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// A private copy of `bytes`.
    public init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = memory.initialize(from: bytes)
        buffer = UnsafeBufferPointer(rebasing: memory[0..<bytes.count])
        mapped = false
    }

    /// The file at `path`, mapped read-only; nil when it cannot be opened or mapped.
    public init?(mapping path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        if size == 0 {
            buffer = UnsafeBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        // Pages are faulted in as they are read: an edit reads a few records of many shard files,
        // and mapping every page of each up front (MAP_POPULATE) cost more (README, "Performance rounds", ninth round).
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED
        else { return nil }
        buffer = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        mapped = true
    }

    deinit {
        guard let base = buffer.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }
}
