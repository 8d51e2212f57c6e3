#include "database/sqlite/sqlite_engine.h"

#include "database/migration.h"
#include "database/sqlite/sqlite_connection.h"
#include "database/sqlite/sqlite_schema.h"

#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace floorwalk::server::db {
namespace {

constexpr std::size_t max_idle_readers = 8;

class SqliteEngine;

// A connection leased for one session, with the transaction its kind asks for.
class SqliteSession final : public Session {
public:
    // Write sessions hold the writer's mutex for their whole life.
    SqliteSession(SqliteEngine& engine, SqliteConnection& connection, std::unique_lock<std::mutex> writer_lock,
                  std::unique_ptr<SqliteConnection> reader, SessionKind kind);
    ~SqliteSession() override;

    [[nodiscard]] Connection& db() override { return connection_; }
    void commit() override {
        if (open_) connection_.execute("COMMIT");
        open_ = false;
    }

private:
    SqliteEngine& engine_;
    SqliteConnection& connection_;
    std::unique_lock<std::mutex> writer_lock_;
    std::unique_ptr<SqliteConnection> reader_;  // owned while leased; returned to the pool at the end
    bool open_ = false;
};

// Sets journal_mode = WAL and returns the mode the database is in. Changing the mode takes an exclusive lock
// without calling the busy handler: while another process (or engine) is opening the same file, SQLite answers
// "database is locked" at once, so the change is retried for up to 5 s.
std::string switch_to_wal(SqliteConnection& connection) {
    for (int attempt = 0;; ++attempt) {
        try {
            return connection.pragma("journal_mode = WAL");
        } catch (const Error& error) {
            const bool busy = std::stoi(error.code()) % 256 == SQLITE_BUSY;
            if (!busy || attempt >= 100) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

class SqliteEngine final : public Engine {
public:
    explicit SqliteEngine(std::filesystem::path path) : path_(std::move(path)) {
        writer_ = std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write);
        writer_->execute("PRAGMA busy_timeout = 5000;");
        // WAL lets readers work beside the writer; FULL syncs the WAL at every commit, which is what makes an
        // acknowledged push survive a power loss.
        if (const auto mode = switch_to_wal(*writer_); mode != "wal") {
            throw std::runtime_error("the database cannot use write-ahead logging (journal mode stays \"" + mode +
                                     "\"); is the folder on a network file system?");
        }
        // A 64 MiB page cache keeps the hot B-tree pages of a large organisation in memory between pushes.
        writer_->execute(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;");
    }
    ~SqliteEngine() override {
        // Readers close first, so that closing the writer (the last connection) checkpoints and removes the WAL.
        idle_.clear();
        writer_.reset();
    }

    [[nodiscard]] std::unique_ptr<Session> begin(SessionKind kind) override {
        if (kind == SessionKind::write) {
            std::unique_lock lock(writer_mutex_);
            return std::make_unique<SqliteSession>(*this, *writer_, std::move(lock), nullptr, kind);
        }
        auto reader = acquire_reader();
        auto& connection = *reader;
        return std::make_unique<SqliteSession>(*this, connection, std::unique_lock<std::mutex>(), std::move(reader),
                                               kind);
    }

    [[nodiscard]] Backend backend() const override { return Backend::sqlite; }

    [[nodiscard]] long long database_bytes() override {
        long long total = 0;
        for (const auto& path : {path_, std::filesystem::path(path_.string() + "-wal")}) {
            std::error_code error;
            const auto size = std::filesystem::file_size(path, error);
            if (!error) total += static_cast<long long>(size);
        }
        return total;
    }

    [[nodiscard]] std::string describe() const override { return path_.string(); }

    void release_reader(std::unique_ptr<SqliteConnection> reader) {
        if (!reader) return;
        std::lock_guard lock(readers_mutex_);
        if (idle_.size() < max_idle_readers) idle_.push_back(std::move(reader));
    }

private:
    std::unique_ptr<SqliteConnection> acquire_reader() {
        {
            std::lock_guard lock(readers_mutex_);
            if (!idle_.empty()) {
                auto reader = std::move(idle_.back());
                idle_.pop_back();
                return reader;
            }
        }
        // Read-write at the file level so that SQLite may create the WAL index if needed; query_only makes any
        // write through this connection an error.
        auto reader = std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write);
        reader->execute("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;");
        return reader;
    }

    std::filesystem::path path_;
    std::mutex writer_mutex_;  // held for the whole of every write session
    std::unique_ptr<SqliteConnection> writer_;
    std::mutex readers_mutex_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

SqliteSession::SqliteSession(SqliteEngine& engine, SqliteConnection& connection,
                             std::unique_lock<std::mutex> writer_lock, std::unique_ptr<SqliteConnection> reader,
                             SessionKind kind)
    : engine_(engine), connection_(connection), writer_lock_(std::move(writer_lock)), reader_(std::move(reader)) {
    if (kind == SessionKind::write) {
        connection_.execute("BEGIN IMMEDIATE");
        open_ = true;
    } else if (kind == SessionKind::snapshot) {
        connection_.execute("BEGIN DEFERRED");
        open_ = true;
    }
}

SqliteSession::~SqliteSession() {
    // A failed rollback leaves SQLite to roll back when the connection closes; a destructor cannot report it.
    if (open_) {
        try {
            connection_.execute("ROLLBACK");
        } catch (const Error&) {
        }
    }
    engine_.release_reader(std::move(reader_));
}

}  // namespace

std::filesystem::path sqlite_database_path(const std::filesystem::path& data_dir) { return data_dir / "floorwalk.db"; }

std::unique_ptr<Engine> open_sqlite_engine(const std::filesystem::path& data_dir) {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error) {
        throw std::runtime_error("cannot create the data folder " + data_dir.string() + ": " + error.message());
    }
    const auto path = sqlite_database_path(data_dir);
    try {
        auto engine = std::make_unique<SqliteEngine>(path);
        run_migrations(*engine, sqlite_migrations());
        return engine;
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot open the Floorwalk database " + path.string() + ": " + e.what());
    }
}

}  // namespace floorwalk::server::db
