import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps on all cores, keeping order. `transform` must be safe to call concurrently.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, transform(self[index]))
        }
        return results.values()
    }
}

/// Write-once slots filled from `concurrentPerform`.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // Safe: each index is written by exactly one iteration, under `lock`, and read only
    // after `concurrentPerform` has returned.
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

    func values() -> [T] { lock.withLock { slots.map { $0! } } }
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
