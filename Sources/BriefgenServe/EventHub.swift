import Foundation

/// Open Server-Sent Event streams, and broadcasting to them.
actor EventHub {
    private var streams: [UUID: AsyncStream<Data>.Continuation] = [:]

    var count: Int { streams.count }

    /// A new stream; it ends when the client goes away or the hub finishes.
    func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        continuation.yield(Data(": connected\nretry: 1000\n\n".utf8))
        streams[id] = continuation
        return stream
    }

    private func remove(_ id: UUID) { streams[id] = nil }

    /// Sends `event: NAME` with `data`, a single line of JSON.
    func broadcast(event: String, data: String) {
        let message = Data("event: \(event)\ndata: \(data)\n\n".utf8)
        for continuation in streams.values { continuation.yield(message) }
    }

    /// A comment line that keeps idle connections (and proxies) from timing out.
    func heartbeat() {
        for continuation in streams.values { continuation.yield(Data(": ping\n\n".utf8)) }
    }

    /// Ends every stream, so the server can shut down without waiting on them.
    func finishAll() {
        for continuation in streams.values { continuation.finish() }
        streams = [:]
    }
}
