// A thin RAII layer over the SQLite C API: a connection with a prepared-statement cache, a statement handle that
// resets itself, and a transaction guard that rolls back unless committed.
//
// Threading: a Connection and its statements belong to one thread at a time (SQLite's multi-thread mode); the
// store hands connections out under a mutex (the writer) or through a pool (readers).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace floorwalk::server::sqlite {

// Any SQLite failure; `code` is SQLite's extended result code (SQLITE_CONSTRAINT_FOREIGNKEY...).
class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    [[nodiscard]] int code() const { return code_; }

private:
    int code_;
};

class Connection;

// A prepared statement borrowed from a connection's cache (or owned, when the cached one is in use). Destruction
// resets it and clears its bindings, so a cached statement never holds a read snapshot open. Parameters are
// 1-based like SQLite's; columns are 0-based.
class Statement {
public:
    Statement(Connection& connection, sqlite3_stmt* statement, bool owned, bool* in_use);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind_null(int index);
    // Empty text binds NULL (used for optional references such as a root unit's parent).
    Statement& bind_optional(int index, std::string_view text);

    // Binds every argument in order, from parameter 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances to the next row: true when a row is available, false when the statement is done.
    bool step();
    // Runs a statement that returns no rows (or ignores them).
    void run();
    // Resets for another execution with new bindings.
    void reset();

    [[nodiscard]] std::string text(int column) const;  // NULL reads as ""
    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] int integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] bool is_null(int column) const;

private:
    [[noreturn]] void fail(int code) const;

    Connection* connection_;
    sqlite3_stmt* statement_;
    bool owned_;
    bool* in_use_;
};

class Connection {
public:
    enum class Mode { read_write, read_only };

    // Opens (and creates when read_write) the database file; throws Error with the path in the message.
    Connection(const std::filesystem::path& path, Mode mode);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs one or more statements without results (schema scripts, PRAGMAs whose answer is ignored).
    void execute(std::string_view sql);
    // A PRAGMA's single answer as text, e.g. pragma("journal_mode=WAL") == "wal".
    [[nodiscard]] std::string pragma(std::string_view assignment);
    // A statement from the cache, prepared on first use.
    [[nodiscard]] Statement prepare(const std::string& sql);

    [[nodiscard]] int changes() const;  // rows changed by the last INSERT, UPDATE or DELETE
    [[nodiscard]] sqlite3* handle() const { return db_; }
    [[nodiscard]] std::string error_message() const;

private:
    struct Cached {
        sqlite3_stmt* statement = nullptr;
        std::unique_ptr<bool> in_use;  // stable address for the Statement that borrows it
    };

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, Cached> cache_;
};

// BEGIN ... COMMIT; the destructor rolls back a transaction that was not committed (an exception left the scope).
class Transaction {
public:
    // immediate: takes the write lock at once (writers); deferred: a read snapshot from the first read (readers).
    enum class Kind { deferred, immediate };

    Transaction(Connection& connection, Kind kind);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();

private:
    Connection& connection_;
    bool open_ = true;
};

}  // namespace floorwalk::server::sqlite
