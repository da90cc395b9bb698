/// Sockets handed from the test to one worker thread at a time.
struct Handed<T>: @unchecked Sendable {
    // Safe: the test hands the value to one thread and waits for it before touching it again,
    // so it is never used from two threads at once.
    let value: T
    init(_ value: T) { self.value = value }
}
