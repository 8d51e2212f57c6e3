#include "database/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <limits>

namespace floorwalk::server::db {
namespace {

// The start of a statement, to name it in an error without quoting a whole schema script.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t max_shown = 80;
    std::string text(sql.substr(0, max_shown));
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return sql.size() > max_shown ? text + "..." : text;
}

// A statement borrowed from the connection's cache (or owned, when the cached one is in use).
class SqliteStatement final : public StatementBackend {
public:
    SqliteStatement(SqliteConnection& connection, sqlite3_stmt* statement, bool owned, bool* in_use)
        : connection_(connection), statement_(statement), owned_(owned), in_use_(in_use) {}
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    ~SqliteStatement() override {
        if (owned_) {
            sqlite3_finalize(statement_);
            return;
        }
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
        if (in_use_) *in_use_ = false;
    }

    void bind_text(int index, std::string_view text) override {
        if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) fail(SQLITE_TOOBIG);
        check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    }
    void bind_int64(int index, std::int64_t value) override { check(sqlite3_bind_int64(statement_, index, value)); }
    void bind_double(int index, double value) override { check(sqlite3_bind_double(statement_, index, value)); }
    void bind_null(int index) override { check(sqlite3_bind_null(statement_, index)); }
    void bind_blob(int index, std::string_view bytes) override {
        if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) fail(SQLITE_TOOBIG);
        check(sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    }

    bool step() override {
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(sqlite3_extended_errcode(connection_.handle()));
    }
    void reset() override {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

    [[nodiscard]] std::string text(int column) const override {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
        if (!data) return {};
        return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
    }
    [[nodiscard]] std::int64_t int64(int column) const override { return sqlite3_column_int64(statement_, column); }
    [[nodiscard]] double real(int column) const override { return sqlite3_column_double(statement_, column); }
    [[nodiscard]] bool is_null(int column) const override {
        return sqlite3_column_type(statement_, column) == SQLITE_NULL;
    }
    [[nodiscard]] std::string blob(int column) const override {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
        if (!data) return {};
        return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
    }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK) fail(rc);
    }
    [[noreturn]] void fail(int code) const {
        throw Error(std::to_string(code),
                    "SQLite error in \"" + excerpt(sqlite3_sql(statement_)) + "\": " + connection_.error_message());
    }

    SqliteConnection& connection_;
    sqlite3_stmt* statement_;
    bool owned_;
    bool* in_use_;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& path, Mode mode) {
    // NOMUTEX: SQLite's multi-thread mode; the engine guarantees one thread per connection at a time.
    const int flags = (mode == Mode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(std::to_string(rc), "cannot open the database " + path.string() + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.statement);
    // sqlite3_close_v2 defers the close until stray statements are finalised instead of failing with SQLITE_BUSY.
    sqlite3_close_v2(db_);
}

std::string SqliteConnection::error_message() const { return sqlite3_errmsg(db_); }

void SqliteConnection::execute(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string reason = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(std::to_string(sqlite3_extended_errcode(db_)), "SQLite error in \"" + excerpt(sql) + "\": " + reason);
    }
}

std::string SqliteConnection::pragma(std::string_view assignment) {
    auto statement = prepare("PRAGMA " + std::string(assignment));
    return statement.step() ? statement.text(0) : std::string();
}

Statement SqliteConnection::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !*it->second.in_use) {
        *it->second.in_use = true;
        return Statement(std::make_unique<SqliteStatement>(*this, it->second.statement, false, it->second.in_use.get()));
    }
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) {
        throw Error(std::to_string(sqlite3_extended_errcode(db_)),
                    "SQLite cannot prepare \"" + excerpt(sql) + "\": " + error_message());
    }
    if (it != cache_.end()) {
        // The cached copy is busy (a nested use of the same query): this one lives only as long as the handle.
        return Statement(std::make_unique<SqliteStatement>(*this, statement, true, nullptr));
    }
    Cached cached{statement, std::make_unique<bool>(true)};
    bool* in_use = cached.in_use.get();
    cache_.emplace(sql, std::move(cached));
    return Statement(std::make_unique<SqliteStatement>(*this, statement, false, in_use));
}

int SqliteConnection::changes() const { return sqlite3_changes(db_); }

}  // namespace floorwalk::server::db
