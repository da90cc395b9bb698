#if canImport(Glibc)
import Glibc
#endif

/// Gives memory the process freed back to the system.
///
/// glibc keeps what a thread frees in that thread's arena for its own later allocations: the
/// pages of a full build, rendered on worker threads and released once written, stayed in the
/// process's resident set while the main thread stored the graph in memory of its own, and
/// the build's peak was reached there (see README, "Performance"). `malloc_trim` returns the
/// free pages of every arena. Looked up at run time, as Swift's Glibc module does not declare
/// it; elsewhere this does nothing.
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        #if canImport(Glibc)
        // nil: RTLD_DEFAULT, every object the process has loaded.
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    /// Returns the free memory of every allocator arena to the system.
    static func giveBack() {
        _ = trim?(0)
    }
}
