import FlyingFox
import FlyingSocks
import Foundation

/// Adapts an `AsyncStream<Data>` of events to the byte sequence FlyingFox streams a body from
/// (sent with chunked transfer encoding, so the browser gets each event as it is yielded).
struct SSEBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            while pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = [UInt8](data)
            }
            let n = Swift.min(Swift.max(count, 1), pending.count)
            defer { pending.removeFirst(n) }
            return Array(pending.prefix(n))
        }
    }
}
