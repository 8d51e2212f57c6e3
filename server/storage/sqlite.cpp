#include "storage/sqlite.h"

#include <sqlite3.h>

#include <limits>

namespace floorwalk::server::sqlite {
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

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Statement

Statement::Statement(Connection& connection, sqlite3_stmt* statement, bool owned, bool* in_use)
    : connection_(&connection), statement_(statement), owned_(owned), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), statement_(other.statement_), owned_(other.owned_), in_use_(other.in_use_) {
    other.statement_ = nullptr;
    other.in_use_ = nullptr;
}

Statement::~Statement() {
    if (!statement_) return;
    if (owned_) {
        sqlite3_finalize(statement_);
        return;
    }
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    if (in_use_) *in_use_ = false;
}

void Statement::fail(int code) const {
    throw Error(code, "SQLite error in \"" + excerpt(sqlite3_sql(statement_)) + "\": " + connection_->error_message());
}

Statement& Statement::bind(int index, std::string_view text) {
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) fail(SQLITE_TOOBIG);
    const int rc = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(rc);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(statement_, index, value);
    if (rc != SQLITE_OK) fail(rc);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    const int rc = sqlite3_bind_double(statement_, index, value);
    if (rc != SQLITE_OK) fail(rc);
    return *this;
}

Statement& Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(statement_, index);
    if (rc != SQLITE_OK) fail(rc);
    return *this;
}

Statement& Statement::bind_optional(int index, std::string_view text) {
    return text.empty() ? bind_null(index) : bind(index, text);
}

bool Statement::step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(sqlite3_extended_errcode(connection_->handle()));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (!data) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(statement_, column); }

int Statement::integer(int column) const { return sqlite3_column_int(statement_, column); }

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

// ---------------------------------------------------------------------------------------------------------------
// Connection

Connection::Connection(const std::filesystem::path& path, Mode mode) {
    // NOMUTEX: SQLite's multi-thread mode; the store guarantees one thread per connection at a time.
    const int flags = (mode == Mode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(rc, "cannot open the database " + path.string() + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.statement);
    // sqlite3_close_v2 defers the close until stray statements are finalised instead of failing with SQLITE_BUSY.
    sqlite3_close_v2(db_);
}

std::string Connection::error_message() const { return sqlite3_errmsg(db_); }

void Connection::execute(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string reason = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(sqlite3_extended_errcode(db_), "SQLite error in \"" + excerpt(sql) + "\": " + reason);
    }
}

std::string Connection::pragma(std::string_view assignment) {
    auto statement = prepare("PRAGMA " + std::string(assignment));
    return statement.step() ? statement.text(0) : std::string();
}

Statement Connection::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !*it->second.in_use) {
        *it->second.in_use = true;
        return Statement(*this, it->second.statement, false, it->second.in_use.get());
    }
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) {
        throw Error(sqlite3_extended_errcode(db_),
                    "SQLite cannot prepare \"" + excerpt(sql) + "\": " + error_message());
    }
    if (it != cache_.end()) {
        // The cached copy is busy (a nested use of the same query): this one lives only as long as the handle.
        return Statement(*this, statement, true, nullptr);
    }
    Cached cached{statement, std::make_unique<bool>(true)};
    bool* in_use = cached.in_use.get();
    cache_.emplace(sql, std::move(cached));
    return Statement(*this, statement, false, in_use);
}

int Connection::changes() const { return sqlite3_changes(db_); }

// ---------------------------------------------------------------------------------------------------------------
// Transaction

Transaction::Transaction(Connection& connection, Kind kind) : connection_(connection) {
    connection_.execute(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!open_) return;
    // A failed rollback leaves SQLite to roll back when the connection closes; a destructor cannot report it.
    sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    connection_.execute("COMMIT");
    open_ = false;
}

}  // namespace floorwalk::server::sqlite
