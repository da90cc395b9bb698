#if canImport(Glibc)
import Glibc
#endif

/// Gives memory the process freed back to the system.
///
/// An allocator keeps what a thread frees in that thread's arena for its own later
/// allocations: the pages of a full build, rendered on worker threads and released once
/// written, stayed in the process's resident set while the main thread stored the graph in
/// memory of its own (see README, "Performance rounds"). The command links jemalloc, whose
/// `arena.<all>.purge` returns every arena's free pages; under glibc's malloc (the library in
/// tests, other programs) `malloc_trim` does. Both are looked up at run time, as neither is
/// declared by Swift's Glibc module; elsewhere this does nothing.
enum FreedMemory {
    private typealias Control = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?,
                                                UnsafeMutableRawPointer?, Int) -> Int32
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let giveBackNow: (@Sendable () -> Void)? = {
        #if canImport(Glibc)
        // nil: RTLD_DEFAULT, every object the process has loaded.
        if let symbol = dlsym(nil, "mallctl") {
            let control = unsafeBitCast(symbol, to: Control.self)
            // 4096 is MALLCTL_ARENAS_ALL: every arena.
            return { _ = control("arena.4096.purge", nil, nil, nil, 0) }
        }
        if let symbol = dlsym(nil, "malloc_trim") {
            let trim = unsafeBitCast(symbol, to: Trim.self)
            return { _ = trim(0) }
        }
        #endif
        return nil
    }()

    /// Returns the free memory of every allocator arena to the system.
    static func giveBack() {
        giveBackNow?()
    }
}
