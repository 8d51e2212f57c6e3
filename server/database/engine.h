// An engine hands out connections for units of work. Every call of the store is one Session: a connection leased
// for the call, in the transaction its kind asks for, committed by commit() and rolled back otherwise.
//
// Kinds:
// - write: a read-write transaction. SQLite serialises writers (one writer connection behind a mutex, BEGIN
//   IMMEDIATE); PostgreSQL runs them at once (READ COMMITTED), and the store serialises the writers of one
//   organisation by locking its row (Connection::for_update), so that its changes commit in counter order.
// - snapshot: a read-only transaction that sees one committed state across all its statements (SQLite:
//   BEGIN DEFERRED on a reader; PostgreSQL: REPEATABLE READ READ ONLY).
// - single: reads that need no common snapshot (one statement, or statements that may see different states);
//   no transaction is opened, which saves two round trips on PostgreSQL.
//
// Threading: begin() from any thread; a Session is used by one thread and returns its connection when destroyed.
#pragma once

#include "database/database.h"

#include <chrono>
#include <memory>
#include <string>

namespace floorwalk::server::db {

enum class SessionKind { write, snapshot, single };

class Session {
public:
    virtual ~Session() = default;
    [[nodiscard]] virtual Connection& db() = 0;
    // Commits a write or snapshot transaction (a single session has none: commit() only ends it).
    virtual void commit() = 0;
};

class Engine {
public:
    virtual ~Engine() = default;

    [[nodiscard]] virtual std::unique_ptr<Session> begin(SessionKind kind) = 0;
    [[nodiscard]] virtual Backend backend() const = 0;
    // What the engine holds on disk, for /metrics (the database files, or PostgreSQL's pg_database_size).
    [[nodiscard]] virtual long long database_bytes() = 0;
    // Where the data is, for messages ("/var/lib/floorwalk/floorwalk.db", "postgresql://db1/floorwalk").
    [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace floorwalk::server::db
