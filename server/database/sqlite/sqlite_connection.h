// A SQLite connection behind db::Connection: a prepared-statement cache, statements that reset themselves when
// dropped, and SQLite's extended result codes in every error.
//
// Threading: one thread at a time (SQLite's multi-thread mode); the engine hands connections out.
#pragma once

#include "database/database.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace floorwalk::server::db {

class SqliteConnection final : public Connection {
public:
    enum class Mode { read_write, read_only };

    // Opens (and creates when read_write) the database file; throws Error with the path in the message.
    SqliteConnection(const std::filesystem::path& path, Mode mode);
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;
    ~SqliteConnection() override;

    [[nodiscard]] Statement prepare(const std::string& sql) override;
    void execute(std::string_view sql) override;
    [[nodiscard]] int changes() const override;
    [[nodiscard]] Backend backend() const override { return Backend::sqlite; }

    // A PRAGMA's single answer as text, e.g. pragma("journal_mode=WAL") == "wal".
    [[nodiscard]] std::string pragma(std::string_view assignment);
    [[nodiscard]] sqlite3* handle() const { return db_; }
    [[nodiscard]] std::string error_message() const;

private:
    struct Cached {
        sqlite3_stmt* statement = nullptr;
        std::unique_ptr<bool> in_use;  // stable address for the statement that borrows it
    };

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, Cached> cache_;
};

}  // namespace floorwalk::server::db
