import Foundation

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
