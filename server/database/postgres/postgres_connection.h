// A PostgreSQL connection behind db::Connection, over libpq: the shared SQL's "?N" parameters become "$N", each
// statement text is prepared once per connection (a named server-side statement), parameters travel as text
// (blobs in binary), results come back as text and are parsed on read. Every error is a db::Error whose code is
// the SQLSTATE.
//
// Threading: one thread at a time (a PGconn is not shared); the engine hands connections out.
#pragma once

#include "database/database.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

struct pg_conn;
struct pg_result;

namespace floorwalk::server::db {

// The shared SQL with "?N" rewritten as "$N", outside single-quoted literals, double-quoted identifiers and
// comments. Throws Error when a '?' has no number (the shared SQL numbers every parameter).
struct PostgresSql {
    std::string text;
    int parameter_count = 0;  // the highest N used
};
[[nodiscard]] PostgresSql to_postgres_sql(std::string_view sql);

// A connection URL or key=value string with its password removed, for messages and describe().
[[nodiscard]] std::string redact_postgres_url(std::string_view url);

class PostgresConnection final : public Connection {
public:
    // A statement prepared on this connection: its server-side name and what it was made from.
    struct Prepared {
        std::string name;
        std::string sql;  // the shared SQL, as the caller wrote it (named in errors)
        int parameter_count = 0;
    };

    // Connects (`url` is a postgresql:// URI or a key=value string) with the client encoding UTF8. Throws Error
    // (SQLSTATE 08001) naming the host, port, database and user, and libpq's reason; never the password.
    PostgresConnection(const std::string& url, std::chrono::seconds connect_timeout);
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;
    ~PostgresConnection() override;

    [[nodiscard]] Statement prepare(const std::string& sql) override;
    void execute(std::string_view sql) override;
    [[nodiscard]] int changes() const override { return changes_; }
    [[nodiscard]] Backend backend() const override { return Backend::postgresql; }

    // False once libpq has seen the connection fail (the server went away, the backend was terminated): the
    // engine drops such a connection instead of pooling it.
    [[nodiscard]] bool is_usable() const;
    // Reads what the server sent while the connection was idle, so that a connection the server closed is seen
    // as unusable before it is handed out (no round trip).
    void poll_idle();
    // True inside a transaction block, including one an error aborted.
    [[nodiscard]] bool in_transaction() const;
    // True when an error aborted the current transaction block (PostgreSQL then refuses every statement until
    // ROLLBACK, and a COMMIT would roll back).
    [[nodiscard]] bool transaction_failed() const;
    // A server parameter reported at connection time, e.g. "server_encoding".
    [[nodiscard]] std::string server_parameter(const char* name) const;

    // For the statements: runs a prepared statement with text parameters (formats: 0 text, 1 binary); the
    // result is owned by the caller (PQclear). Records changes(); throws Error on failure.
    [[nodiscard]] pg_result* run_prepared(const Prepared& prepared, const char* const* values,
                                                 const int* lengths, const int* formats);

private:
    static void receive_notice(void* self, const pg_result* notice);
    [[noreturn]] void fail(pg_result* result, std::string_view sql) const;
    void record_changes(const pg_result* result);

    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, Prepared> prepared_;  // by shared SQL text; nodes stay put
    int changes_ = 0;
    bool closing_ = false;  // the server announced it is closing the connection
};

}  // namespace floorwalk::server::db
