// The shared engine: one PostgreSQL database that several stateless floorwalk-server processes use at once.
// Each process keeps a bounded pool of connections; a session leases one for its whole life (write: READ
// COMMITTED, snapshot: REPEATABLE READ READ ONLY, single: no transaction) and gives it back rolled back unless it
// committed. A connection the server closed or that failed is dropped, and a new one is opened on demand.
//
// Threading: begin() from any thread; it waits (bounded) while every pooled connection is leased.
#pragma once

#include "database/engine.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace floorwalk::server::db {

struct PostgresOptions {
    // Connections this process opens at most (PostgreSQL's max_connections is shared by every server process).
    std::size_t pool_size = 16;
    // How long opening one connection may take (libpq's connect_timeout; at least 1 s).
    std::chrono::seconds connect_timeout{10};
    // How long one statement may run before the server cancels it (0: no limit); set on every new connection.
    std::chrono::milliseconds statement_timeout{30'000};
    // How long begin() waits for a leased connection to come back when all pool_size are in use.
    std::chrono::milliseconds acquire_timeout{10'000};
};

// Connects to `url` (a postgresql:// URI or a libpq key=value string) and brings the schema up to date (the
// numbered migrations of postgres_schema). Throws std::runtime_error naming the server and database (never the
// password) and the cause when that fails.
[[nodiscard]] std::unique_ptr<Engine> open_postgres_engine(const std::string& url,
                                                           const PostgresOptions& options = {});

// An engine on a read-only copy of a Floorwalk database (a streaming hot standby), for the reads the store lets it
// serve (sync/replica_reads.h). Unlike open_postgres_engine it neither connects now nor migrates: the standby
// replays the primary's schema, and one that cannot be reached when the server starts must not stop it. Every
// failure to connect surfaces as a db::Error (SQLSTATE 08001) from begin().
[[nodiscard]] std::unique_ptr<Engine> open_postgres_standby_engine(const std::string& url,
                                                                   const PostgresOptions& options = {});

}  // namespace floorwalk::server::db
