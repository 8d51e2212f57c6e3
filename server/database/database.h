// The SQL the storage layer speaks, whatever engine runs it: a connection that prepares statements, a statement
// that binds parameters ("?1", "?2"... in the SQL text, 1-based) and reads columns (0-based), and the few
// fragments where SQLite and PostgreSQL spell things differently. The row functions and the rules above them
// are written once against this; each engine (database/sqlite, database/postgres) implements it.
//
// Threading: a Connection and its statements belong to one thread at a time; engines hand connections out.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server::db {

enum class Backend { sqlite, postgresql };

// Any database failure. `code` is the engine's own: SQLite's extended result code as a number ("2067"), or
// PostgreSQL's SQLSTATE ("23505").
class Error : public std::runtime_error {
public:
    Error(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
    [[nodiscard]] const std::string& code() const { return code_; }

private:
    std::string code_;
};

// What an engine implements for one prepared statement.
class StatementBackend {
public:
    virtual ~StatementBackend() = default;
    virtual void bind_text(int index, std::string_view text) = 0;
    virtual void bind_int64(int index, std::int64_t value) = 0;
    virtual void bind_double(int index, double value) = 0;
    virtual void bind_null(int index) = 0;
    virtual void bind_blob(int index, std::string_view bytes) = 0;
    // Executes on the first call; true while a row is available.
    virtual bool step() = 0;
    // Forgets the results and the bindings, for another execution.
    virtual void reset() = 0;
    [[nodiscard]] virtual std::string text(int column) const = 0;  // NULL reads as ""
    [[nodiscard]] virtual std::int64_t int64(int column) const = 0;  // NULL reads as 0; a boolean as 0/1
    [[nodiscard]] virtual double real(int column) const = 0;
    [[nodiscard]] virtual bool is_null(int column) const = 0;
    [[nodiscard]] virtual std::string blob(int column) const = 0;
};

// A prepared statement. Destruction resets it, so a cached statement never holds a read snapshot open.
class Statement {
public:
    explicit Statement(std::unique_ptr<StatementBackend> backend) : backend_(std::move(backend)) {}
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;

    Statement& bind(int index, std::string_view text) {
        backend_->bind_text(index, text);
        return *this;
    }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t value) {
        backend_->bind_int64(index, value);
        return *this;
    }
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, double value) {
        backend_->bind_double(index, value);
        return *this;
    }
    Statement& bind_null(int index) {
        backend_->bind_null(index);
        return *this;
    }
    Statement& bind_blob(int index, std::string_view bytes) {
        backend_->bind_blob(index, bytes);
        return *this;
    }
    // Empty text binds NULL (used for optional references such as a root unit's parent).
    Statement& bind_optional(int index, std::string_view text) {
        return text.empty() ? bind_null(index) : bind(index, text);
    }
    // Binds every argument in order, from parameter 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances to the next row: true when a row is available, false when the statement is done.
    bool step() { return backend_->step(); }
    // Runs a statement that returns no rows (or ignores them).
    void run() {
        while (step()) {
        }
    }
    void reset() { backend_->reset(); }

    [[nodiscard]] std::string text(int column) const { return backend_->text(column); }
    [[nodiscard]] std::int64_t int64(int column) const { return backend_->int64(column); }
    [[nodiscard]] int integer(int column) const { return static_cast<int>(backend_->int64(column)); }
    [[nodiscard]] double real(int column) const { return backend_->real(column); }
    [[nodiscard]] bool is_null(int column) const { return backend_->is_null(column); }
    [[nodiscard]] std::string blob(int column) const { return backend_->blob(column); }

private:
    std::unique_ptr<StatementBackend> backend_;
};

class Connection {
public:
    virtual ~Connection() = default;

    // A statement, prepared on first use of its text on this connection and cached.
    [[nodiscard]] virtual Statement prepare(const std::string& sql) = 0;
    // Runs one or more statements without parameters or results (schema scripts).
    virtual void execute(std::string_view sql) = 0;
    // Rows changed by the last INSERT, UPDATE or DELETE run on this connection.
    [[nodiscard]] virtual int changes() const = 0;
    [[nodiscard]] virtual Backend backend() const = 0;

    // Dialect. The rows of `SELECT value FROM ...` for a parameter bound to a JSON array of strings
    // (json_string_array): how an id list travels into SQL in one parameter on both engines.
    [[nodiscard]] std::string id_list(int parameter) const;
    // The column that orders a table's rows by insertion (units, employees, users are listed in import order).
    [[nodiscard]] std::string_view insertion_order() const;
    // Appended to a SELECT that reads a row the transaction will change, so that concurrent writers of the same
    // row wait for each other (PostgreSQL); SQLite's single writer needs nothing.
    [[nodiscard]] std::string_view for_update() const;
};

// A JSON array of strings, for the id_list parameters.
[[nodiscard]] std::string json_string_array(const std::vector<std::string>& values);

// True when `error` is a unique or primary-key violation (two writers inserted the same key).
[[nodiscard]] bool is_unique_violation(const Error& error);

}  // namespace floorwalk::server::db
