#include <sqlite3.h>

/// SQLITE_TRANSIENT, a cast Swift does not import: SQLite copies the bytes before the call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
