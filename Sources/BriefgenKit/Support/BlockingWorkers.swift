import Foundation
import Synchronization

/// A few threads that run jobs on the file system, so that the threads submitting them (the
/// renderers, one per core) never wait on the disk or the kernel themselves. At most
/// `limit` jobs are pending: a submitter waits only when the disk has fallen that far behind,
/// which bounds the memory the pending jobs hold.
final class BlockingWorkers: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    /// Counts pending jobs (workers wait on it) and free places (submitters wait on it).
    private let ready = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let stopped = DispatchGroup()
    private let threads: Int
    /// Set once `finish` has begun: no job may be submitted after it.
    private let closing = Atomic<Bool>(false)

    /// Starts `threads` workers.
    init(threads: Int, limit: Int = 512) {
        self.threads = threads
        room = DispatchSemaphore(value: limit)
        for _ in 0..<threads {
            stopped.enter()
            Thread.detachNewThread { [self] in
                while true {
                    ready.wait()
                    // Taken from the front; an empty list after a signal means stop.
                    let job: (@Sendable () -> Void)? = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                    guard let job else { break }
                    job()
                    room.signal()
                }
                stopped.leave()
            }
        }
    }

    /// Queues `job`, waiting first while `limit` jobs are already pending.
    func submit(_ job: @escaping @Sendable () -> Void) {
        precondition(!closing.load(ordering: .acquiring), "BlockingWorkers.submit after finish")
        room.wait()
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    /// Waits until every submitted job has run, then stops the workers.
    func finish() {
        guard !closing.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // One wake-up per worker beyond the jobs: each finds the list empty once it is drained.
        for _ in 0..<threads { ready.signal() }
        stopped.wait()
    }
}
