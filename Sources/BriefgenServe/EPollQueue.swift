#if canImport(Glibc) && canImport(CSystemLinux)
import CSystemLinux
import FlyingSocks
import Glibc

/// The server's socket event queue on Linux: epoll, edge-triggered, as FlyingSocks' own
/// `ePoll`, which leaves its wake-up descriptor open when stopped (one descriptor per server
/// stopped; `PreviewServerLoadTests` counts them). This one closes everything it opened.
struct EPollQueue: EventQueue {
    private var queue: Int32 = -1
    /// An eventfd written to on `stop`, which makes a blocked `getNotifications` return.
    private var wake: Int32 = -1
    private var stopped = false
    private var existing: [Socket.FileDescriptor: Socket.Events] = [:]
    private let limit: Int

    init(maxEvents limit: Int = 20) {
        self.limit = limit
    }

    mutating func open() throws {
        existing = [:]
        stopped = false
        queue = epoll_create1(Int32(EPOLL_CLOEXEC))
        wake = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard queue >= 0, wake >= 0 else {
            closeAll()
            throw SocketError.makeFailed("epoll")
        }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLET.rawValue
        event.data.fd = wake
        guard epoll_ctl(queue, EPOLL_CTL_ADD, wake, &event) == 0 else {
            closeAll()
            throw SocketError.makeFailed("epoll_ctl EPOLL_CTL_ADD")
        }
    }

    mutating func stop() throws {
        existing = [:]
        guard !stopped, wake >= 0 else { throw SocketError.disconnected }
        stopped = true
        eventfd_write(wake, 1)
    }

    mutating func close() throws {
        guard queue >= 0 else { throw SocketError.disconnected }
        closeAll()
    }

    private mutating func closeAll() {
        for fd in [queue, wake] where fd >= 0 { Glibc.close(fd) }
        queue = -1
        wake = -1
    }

    mutating func addEvents(_ events: Socket.Events, for socket: Socket.FileDescriptor) throws {
        try setEvents((existing[socket] ?? []).union(events), for: socket)
    }

    mutating func removeEvents(_ events: Socket.Events, for socket: Socket.FileDescriptor) throws {
        try setEvents((existing[socket] ?? []).subtracting(events), for: socket)
    }

    private mutating func setEvents(_ events: Socket.Events, for socket: Socket.FileDescriptor) throws {
        guard existing[socket] != events else { return }
        var event = epoll_event()
        event.events = EPOLLET.rawValue | (events.contains(.read) ? EPOLLIN.rawValue : 0)
            | (events.contains(.write) ? EPOLLOUT.rawValue : 0)
        event.data.fd = socket.rawValue
        let operation = existing[socket] == nil ? EPOLL_CTL_ADD : (events.isEmpty ? EPOLL_CTL_DEL : EPOLL_CTL_MOD)
        if existing[socket] == nil && events.isEmpty { return }
        guard epoll_ctl(queue, operation, socket.rawValue, &event) == 0 else {
            throw SocketError.makeFailed("epoll_ctl")
        }
        existing[socket] = events.isEmpty ? nil : events
    }

    func getNotifications() throws -> [EventNotification] {
        guard !stopped, queue >= 0 else { throw SocketError.disconnected }
        var events = [epoll_event](repeating: epoll_event(), count: limit)
        let count = epoll_wait(queue, &events, Int32(limit), -1)
        guard count > 0 else {
            if count == -1 && errno == EINTR { return [] }  // a signal: poll again
            throw SocketError.makeFailed("epoll wait")
        }
        return try events.prefix(Int(count)).map { event in
            if event.data.fd == wake { throw SocketError.disconnected }
            let file = Socket.FileDescriptor(rawValue: event.data.fd)
            var notified = Socket.Events()
            if event.events & EPOLLIN.rawValue != 0 { notified.insert(.read) }
            if event.events & EPOLLOUT.rawValue != 0 { notified.insert(.write) }
            var errors = Set<EventNotification.Error>()
            if !notified.contains(.read), event.events & (EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0 {
                errors.insert(.endOfFile)
            }
            if event.events & (EPOLLERR.rawValue | EPOLLPRI.rawValue) != 0 { errors.insert(.error) }
            if notified.isEmpty, let known = existing[file] { notified = known }
            return EventNotification(file: file, events: notified, errors: errors)
        }
    }
}
#endif
