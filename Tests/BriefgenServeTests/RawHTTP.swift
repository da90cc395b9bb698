#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A minimal HTTP/1.1 client over a POSIX socket, so tests can send request lines no browser
/// would (`GET /../etc/passwd`) and read an event stream as it arrives.
final class RawHTTP {
    private let fd: Int32
    private var buffer = Data()

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ target: String, method: String = "GET") {
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
        _ = request.withCString { Glibc.send(fd, $0, strlen($0), 0) }
    }

    /// Reads until `done` holds for what arrived, or `timeout` seconds pass (long: the whole
    /// suite runs at once on two cores, and a first build under that load can take seconds).
    func read(until done: (String) -> Bool, timeout: Double = 30) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !done(String(decoding: buffer, as: UTF8.self)), Date() < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// One whole response: status code and body (Content-Length or chunked).
    static func get(_ target: String, port: UInt16) throws -> (status: Int, headers: String, body: String) {
        let client = try RawHTTP(port: port)
        client.send(target)
        let text = client.read(until: { text in
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound].lowercased()
            if let lengthLine = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
               let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) {
                return text.utf8.count - text[..<end.upperBound].utf8.count >= length
            }
            return text.hasSuffix("0\r\n\r\n")
        })
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}

extension RawHTTP {
    /// The response to the request just sent on this connection: status and body.
    func response() -> (status: Int, body: String) {
        let text = read(until: { text in
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound].lowercased()
            guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                  let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
            return text.utf8.count - text[..<end.upperBound].utf8.count >= length
        })
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
