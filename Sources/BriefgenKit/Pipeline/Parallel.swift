import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps on all cores, keeping order. `transform` must be safe to call concurrently.
    ///
    /// Each core works through a stretch of its own, in order, and one that runs out takes the
    /// back half of the longest stretch left: cores work on distant elements (a site's pages in
    /// path order, ten thousand sources in one folder), each walking data laid out in its own
    /// order, rather than taking turns at neighbouring ones, until they meet.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let workers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount)
        let stretches = Stretches(count: count, workers: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while let index = stretches.next(for: worker) {
                results.set(index, transform(self[index]))
            }
        }
        return results.values()
    }
}

/// The elements each worker of `parallelMap` has left: a stretch of consecutive indices. A
/// worker takes the first of its own; one whose stretch is empty takes the back half of the
/// longest other (or its last element).
final class Stretches: Sendable {
    private let left: Mutex<[Range<Int>]>

    init(count: Int, workers: Int) {
        left = Mutex((0..<workers).map { worker in (count * worker / workers)..<(count * (worker + 1) / workers) })
    }

    /// The next index for `worker` to do, or nil when none is left.
    func next(for worker: Int) -> Int? {
        left.withLock { left in
            if left[worker].isEmpty {
                guard let longest = left.indices.max(by: { left[$0].count < left[$1].count }), !left[longest].isEmpty else {
                    return nil
                }
                let stretch = left[longest]
                let middle = stretch.upperBound - (stretch.count + 1) / 2
                left[worker] = middle..<stretch.upperBound
                left[longest] = stretch.lowerBound..<middle
            }
            let index = left[worker].lowerBound
            left[worker] = (index + 1)..<left[worker].upperBound
            return index
        }
    }
}

/// Write-once slots filled from `concurrentPerform` or `onThreads`.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // Safe without a lock: the buffer is allocated once, before any worker starts, and never
    // moves; each index is written by exactly one worker (`Stretches`, or `onThreads`' counter,
    // hands it out once), to its own element; and it is read only after every worker finished
    // (`concurrentPerform` returned, or `onThreads` waited for its group), which orders all the
    // writes before the reads. (A lock for each element was a point where the scan's sixteen
    // reading threads, on two cores, could queue behind one another.)
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: nil) }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) { slots[index] = value }

    func values() -> [T] { slots.map { $0! } }
}

extension Array where Element: Sendable {
    /// Maps on all cores in chunks of `chunk` elements, keeping order: for cheap transforms
    /// over many elements, where one task per element would cost more than the work.
    func parallelMap<T: Sendable>(chunk: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        guard count > chunk else { return map(transform) }
        let ranges = stride(from: 0, to: count, by: chunk).map { $0..<Swift.min($0 + chunk, count) }
        return ranges.parallelMap { range in self[range].map(transform) }.flatMap { $0 }
    }
}

/// A value computed on another thread while the caller goes on with other stages; `value`
/// waits for it. Used to keep both cores busy where the build is otherwise one thread long.
final class Background<T: Sendable>: Sendable {
    private let result = Mutex<T?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// The result, waiting for it when it is not ready yet.
    var value: T {
        if let ready = result.withLock({ $0 }) { return ready }
        done.wait()
        done.signal()  // later readers do not wait
        return result.withLock { $0! }
    }
}

extension Array where Element: Sendable {
    /// Maps on `threads` threads of its own, `chunk` elements at a time, keeping order: for
    /// work that mostly waits on the disk (reading files the page cache does not hold), where
    /// more reads in flight than there are cores finish sooner.
    func parallelMap<T: Sendable>(threads: Int, chunk: Int, _ transform: @escaping @Sendable (Element) -> T) -> [T] {
        guard count > chunk, threads > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let items = self
        _ = onThreads(count, threads: threads, chunk: chunk) { index in
            results.set(index, transform(items[index]))
            return 0
        }
        return results.values()
    }
}

/// Runs `body` for each index in 0..<count on up to `threads` threads of its own, each taking
/// `chunk` indices at a time; returns the first nonzero result (an error number), after which
/// no thread starts another call, or 0. More threads than cores pay off when each call mostly
/// waits on the file system: `concurrentPerform` runs no more calls at once than there are cores.
func onThreads(_ count: Int, threads: Int, chunk: Int = 32, _ body: @escaping @Sendable (Int) -> Int32) -> Int32 {
    precondition(chunk > 0, "onThreads takes at least one index at a time")
    guard count > 0 else { return 0 }
    if threads <= 1 {
        for index in 0..<count {
            let code = body(index)
            if code != 0 { return code }
        }
        return 0
    }
    let state = ThreadsState()
    let done = DispatchGroup()
    for _ in 0..<min(threads, (count + chunk - 1) / chunk) {
        done.enter()
        Thread.detachNewThread {
            while state.failure.load(ordering: .relaxed) == 0 {
                let start = state.next.add(chunk, ordering: .relaxed).oldValue
                guard start < count else { break }
                for index in start..<min(count, start + chunk) where state.failure.load(ordering: .relaxed) == 0 {
                    let code = body(index)
                    if code != 0 {
                        _ = state.failure.compareExchange(expected: 0, desired: code, ordering: .relaxed)
                        break
                    }
                }
            }
            done.leave()
        }
    }
    done.wait()
    return state.failure.load(ordering: .relaxed)
}

/// The work shared by `onThreads`' threads: the next index to take and the first failure.
/// Both atomics: the failure is read before every call, and a `Mutex` on Linux is a
/// priority-inheritance futex, where sixteen threads on two cores queued 8,800 times in one
/// scan of 10,000 files (`perf record -e sched:sched_switch`).
private final class ThreadsState: Sendable {
    let next = Atomic<Int>(0)
    /// The first nonzero result; 0 while there is none.
    let failure = Atomic<Int32>(0)
}
