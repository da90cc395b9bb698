import CSQLite
import Foundation

/// One SQLite connection: the few calls the graph store makes (statements, transactions, and
/// a database kept as bytes for file systems that are not the disk).
final class SQLite: @unchecked Sendable {
    // Safe: the connection is opened in SQLite's serialized threading mode (SQLITE_OPEN_FULLMUTEX),
    // so SQLite itself locks every call on it; statements are never shared between threads
    // (each `Statement` is made, used and finalized by one caller).
    private let handle: OpaquePointer

    /// Opens (creating) the database file at `path`.
    init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: code, message: message)
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
    }

    /// A database in memory holding a copy of `image` (the bytes of a database file), or empty.
    init(image: [UInt8]?) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2(":memory:", &db, flags, nil) == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw SQLiteError(code: SQLITE_NOMEM, message: "out of memory")
        }
        handle = db
        guard let image, !image.isEmpty else { return }
        // SQLite takes ownership of memory from sqlite3_malloc64 and frees it on close.
        guard let memory = sqlite3_malloc64(UInt64(image.count)) else { throw SQLiteError(code: SQLITE_NOMEM, message: "out of memory") }
        image.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: image.count) }
        let flagsIn = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        let code = sqlite3_deserialize(db, "main", memory.assumingMemoryBound(to: UInt8.self), sqlite3_int64(image.count),
                                       sqlite3_int64(image.count), flagsIn)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, message: String(cString: sqlite3_errmsg(db))) }
    }

    deinit { sqlite3_close_v2(handle) }

    /// The bytes of the whole database, as its file would hold them.
    func serialized() throws -> Data {
        var size: sqlite3_int64 = 0
        guard let bytes = sqlite3_serialize(handle, "main", &size, 0) else {
            // An empty database has no pages to give.
            if size == 0 { return Data() }
            throw SQLiteError(code: SQLITE_NOMEM, message: "out of memory")
        }
        return Data(bytesNoCopy: bytes, count: Int(size), deallocator: .custom { pointer, _ in sqlite3_free(pointer) })
    }

    /// Pages read from the file (or the image) rather than found in the page cache.
    var pagesRead: Int {
        var current: Int32 = 0, highest: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, 0)
        return Int(current)
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        guard code == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw SQLiteError(code: code, message: message)
        }
    }

    /// A statement to bind and step.
    func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return Statement(statement, database: self)
    }

    /// Runs `body` in one transaction: all of its changes are kept, or none.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    fileprivate func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)))
    }

    /// A prepared statement. Columns and parameters count from 0 and 1, as in SQLite.
    final class Statement {
        private let statement: OpaquePointer
        private let database: SQLite

        fileprivate init(_ statement: OpaquePointer, database: SQLite) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        /// Binds parameters from 1 on, after clearing the previous run.
        @discardableResult
        func reset(_ values: SQLiteValue...) throws -> Statement {
            sqlite3_reset(statement)
            for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
            return self
        }

        func bind(_ value: SQLiteValue, at index: Int32) throws {
            let code: Int32
            switch value {
            case .integer(let n): code = sqlite3_bind_int64(statement, index, n)
            case .real(let x): code = sqlite3_bind_double(statement, index, x)
            case .text(var text):
                code = text.withUTF8 { buffer in
                    sqlite3_bind_text(statement, index, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                                      Int32(buffer.count), csqlite_transient())
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    // A zero-length blob still needs an address, or SQLite stores NULL.
                    sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count),
                                      csqlite_transient())
                }
            case .null: code = sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw database.error(code) }
        }

        /// Steps once: true with a row to read, false when done.
        func step() throws -> Bool {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            case let code: throw database.error(code)
            }
        }

        /// Ends the run (releasing what it holds) without clearing the bindings.
        func finish() { sqlite3_reset(statement) }

        /// The number of columns a row has.
        var columnCount: Int32 { sqlite3_column_count(statement) }

        /// Runs a statement that returns no rows.
        func run() throws {
            while try step() {}
        }

        func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

        func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

        func text(_ column: Int32) -> String {
            guard let pointer = sqlite3_column_text(statement, column) else { return "" }
            let count = Int(sqlite3_column_bytes(statement, column))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        }

        /// A column's bytes, valid until the next step or reset.
        func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
            let pointer = sqlite3_column_blob(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            return try body(UnsafeBufferPointer(start: pointer?.assumingMemoryBound(to: UInt8.self), count: count))
        }

        /// A column's bytes, copied.
        func bytes(_ column: Int32) -> [UInt8] { withBytes(column) { Array($0) } }
    }
}

/// A value bound to a statement's parameter.
enum SQLiteValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    /// A 64-bit hash or fingerprint, kept as SQLite's signed integer with the same bits.
    static func bits(_ value: UInt64) -> SQLiteValue { .integer(Int64(bitPattern: value)) }
}

/// A failed SQLite call: its result code and message.
struct SQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    var description: String { "SQLite error \(code): \(message)" }

    /// The file is not a database, or is damaged (truncated, overwritten).
    var isCorrupt: Bool { [SQLITE_CORRUPT, SQLITE_NOTADB].contains(code & 0xff) }
}
