#include "database/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace floorwalk::server::db {
namespace {

// SQLSTATEs for failures found on the client side (PostgreSQL's own codes name the nearest condition).
constexpr const char* connection_failure = "08006";
constexpr const char* unable_to_connect = "08001";
constexpr const char* syntax_error = "42601";
constexpr const char* undefined_parameter = "42P02";
constexpr const char* invalid_value = "22023";
constexpr const char* invalid_text = "22P02";

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// The start of a statement, to name it in an error without quoting a whole schema script.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t max_shown = 80;
    while (!sql.empty() && (sql.front() == '\n' || sql.front() == ' ')) sql.remove_prefix(1);
    std::string text(sql.substr(0, max_shown));
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return sql.size() > max_shown ? text + "..." : text;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// The first occurrence of each of `secrets` in `text` replaced, so that no password reaches a message.
std::string without_secrets(std::string text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        if (secret.empty()) continue;
        for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
            text.replace(at, secret.size(), "***");
        }
    }
    return text;
}

bool is_uri(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

// The password of a URI's user information, as written (percent-encoded or not). Like libpq, the user
// information ends at the first '@' before the path.
std::string uri_password(std::string_view url) {
    const auto scheme_end = url.find("://") + 3;
    const auto authority_end = url.find('/', scheme_end);
    const auto authority = url.substr(scheme_end, authority_end == std::string_view::npos ? std::string_view::npos
                                                                                         : authority_end - scheme_end);
    const auto at = authority.find('@');
    if (at == std::string_view::npos) return {};
    const auto colon = authority.substr(0, at).find(':');
    if (colon == std::string_view::npos) return {};
    return std::string(authority.substr(colon + 1, at - colon - 1));
}

// Every spelling of the password `url` carries: as written in a URI, and as libpq parses it.
std::vector<std::string> passwords_in(const std::string& url) {
    std::vector<std::string> secrets;
    if (is_uri(url)) secrets.push_back(uri_password(url));
    char* error = nullptr;
    if (PQconninfoOption* options = PQconninfoParse(url.c_str(), &error)) {
        for (PQconninfoOption* option = options; option->keyword; ++option) {
            if (std::string_view(option->keyword) == "password" && option->val) secrets.emplace_back(option->val);
        }
        PQconninfoFree(options);
    }
    PQfreemem(error);
    return secrets;
}

// A key=value value, quoted when it needs to be.
std::string conninfo_value(std::string_view value) {
    const bool plain = !value.empty() && value.find_first_of(" \t\n'\\") == std::string_view::npos;
    if (plain) return std::string(value);
    std::string quoted = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

// A column's text, checked against the result's shape (libpq answers NULL for a position outside it).
const char* cell(const PGresult* result, int row, int column) {
    if (!result || row < 0 || row >= PQntuples(result)) {
        throw Error(invalid_value, "a column was read while the statement has no current row");
    }
    if (column < 0 || column >= PQnfields(result)) {
        throw Error(invalid_value, "column " + std::to_string(column) + " is out of range: the statement returns " +
                                       std::to_string(PQnfields(result)) + " column(s)");
    }
    return PQgetvalue(result, row, column);
}

// A prepared statement's bindings, execution and current row.
class PostgresStatement final : public StatementBackend {
public:
    PostgresStatement(PostgresConnection& connection, const PostgresConnection::Prepared& prepared)
        : connection_(connection),
          prepared_(prepared),
          values_(static_cast<std::size_t>(prepared.parameter_count)),
          formats_(static_cast<std::size_t>(prepared.parameter_count), 0) {}

    void bind_text(int index, std::string_view text) override {
        // libpq reads a text parameter up to its first NUL: refused rather than silently cut.
        if (text.find('\0') != std::string_view::npos) {
            throw Error("22021", "parameter ?" + std::to_string(index) + " of \"" + excerpt(prepared_.sql) +
                                     "\" contains a NUL byte, which PostgreSQL text cannot hold");
        }
        slot(index) = std::string(text);
    }
    void bind_int64(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
    void bind_double(int index, double value) override {
        if (!std::isfinite(value)) {
            throw Error(invalid_value, "parameter ?" + std::to_string(index) + " of \"" + excerpt(prepared_.sql) +
                                           "\" is not a finite number; NaN and infinities are never stored");
        }
        // 17 significant digits read back as the same double; to_chars ignores the process's locale.
        char buffer[32];
        const auto [end, error] =
            std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
        slot(index) = std::string(buffer, end);
    }
    void bind_null(int index) override { slot(index).reset(); }
    void bind_blob(int index, std::string_view bytes) override {
        slot(index) = std::string(bytes);
        formats_[static_cast<std::size_t>(index - 1)] = 1;
    }

    bool step() override {
        if (!result_) {
            std::vector<const char*> values(values_.size(), nullptr);
            std::vector<int> lengths(values_.size(), 0);
            for (std::size_t i = 0; i < values_.size(); ++i) {
                if (!values_[i]) continue;
                if (values_[i]->size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
                    throw Error("54000", "parameter ?" + std::to_string(i + 1) + " of \"" + excerpt(prepared_.sql) +
                                             "\" is larger than 2 GiB");
                }
                values[i] = values_[i]->c_str();
                lengths[i] = static_cast<int>(values_[i]->size());
            }
            result_.reset(connection_.run_prepared(prepared_, values.data(), lengths.data(), formats_.data()));
            row_ = -1;
        }
        if (row_ < PQntuples(result_.get())) ++row_;
        return row_ < PQntuples(result_.get());
    }

    void reset() override {
        result_.reset();
        row_ = -1;
        for (auto& value : values_) value.reset();
        std::fill(formats_.begin(), formats_.end(), 0);
    }

    [[nodiscard]] std::string text(int column) const override { return cell(result_.get(), row_, column); }

    [[nodiscard]] std::int64_t int64(int column) const override {
        const std::string_view value = cell(result_.get(), row_, column);
        if (PQgetisnull(result_.get(), row_, column)) return 0;
        // A boolean expression (e.g. "SELECT a = b") comes back as t/f.
        if (value == "t") return 1;
        if (value == "f") return 0;
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc() && end == value.data() + value.size()) return number;
        // A numeric or floating-point result (avg(), a division) truncates toward zero, as SQLite reads it.
        const double real = parse_real(value, column);
        if (real >= -9.2233720368547758e18 && real < 9.2233720368547758e18) return static_cast<std::int64_t>(real);
        throw Error(invalid_text, "column " + std::to_string(column) + " holds \"" + std::string(value) +
                                      "\", not a 64-bit integer");
    }

    [[nodiscard]] double real(int column) const override {
        const std::string_view value = cell(result_.get(), row_, column);
        if (PQgetisnull(result_.get(), row_, column)) return 0.0;
        return parse_real(value, column);
    }

    [[nodiscard]] bool is_null(int column) const override {
        cell(result_.get(), row_, column);
        return PQgetisnull(result_.get(), row_, column) != 0;
    }

    [[nodiscard]] std::string blob(int column) const override {
        const char* value = cell(result_.get(), row_, column);
        if (PQgetisnull(result_.get(), row_, column)) return {};
        std::size_t length = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &length);
        if (!bytes) throw Error("53200", "out of memory while reading a bytea column");
        std::string blob(reinterpret_cast<const char*>(bytes), length);
        PQfreemem(bytes);
        return blob;
    }

private:
    std::optional<std::string>& slot(int index) {
        if (index < 1 || index > prepared_.parameter_count) {
            throw Error(undefined_parameter, "parameter ?" + std::to_string(index) + " does not exist in \"" +
                                                 excerpt(prepared_.sql) + "\", which has " +
                                                 std::to_string(prepared_.parameter_count) + " parameter(s)");
        }
        formats_[static_cast<std::size_t>(index - 1)] = 0;
        return values_[static_cast<std::size_t>(index - 1)];
    }

    [[nodiscard]] double parse_real(std::string_view value, int column) const {
        double number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc() && end == value.data() + value.size()) return number;
        throw Error(invalid_text,
                    "column " + std::to_string(column) + " holds \"" + std::string(value) + "\", not a number");
    }

    PostgresConnection& connection_;
    const PostgresConnection::Prepared& prepared_;
    std::vector<std::optional<std::string>> values_;  // nullopt binds NULL, as an unbound parameter does
    std::vector<int> formats_;                        // 1 for a blob's binary parameter
    Result result_;
    int row_ = -1;
};

}  // namespace

PostgresSql to_postgres_sql(std::string_view sql) {
    PostgresSql out;
    out.text.reserve(sql.size());
    std::size_t i = 0;
    const auto copy_until = [&](std::size_t end) {
        out.text.append(sql.substr(i, end - i));
        i = end;
    };
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            // A quoted literal or identifier; a doubled quote inside it reads as closing and reopening.
            const auto close = sql.find(c, i + 1);
            copy_until(close == std::string_view::npos ? sql.size() : close + 1);
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const auto end = sql.find('\n', i);
            copy_until(end == std::string_view::npos ? sql.size() : end);
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            // Block comments nest in PostgreSQL.
            std::size_t j = i + 2;
            int depth = 1;
            while (j < sql.size() && depth > 0) {
                if (sql.compare(j, 2, "/*") == 0) {
                    ++depth;
                    j += 2;
                } else if (sql.compare(j, 2, "*/") == 0) {
                    --depth;
                    j += 2;
                } else {
                    ++j;
                }
            }
            copy_until(j);
        } else if (c == '?') {
            std::size_t j = i + 1;
            int number = 0;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9' && number < 100000) {
                number = number * 10 + (sql[j] - '0');
                ++j;
            }
            if (j == i + 1 || number == 0) {
                throw Error(syntax_error, "unnumbered parameter '?' at offset " + std::to_string(i) + " of \"" +
                                              excerpt(sql) + "\": the shared SQL numbers parameters ?1, ?2...");
            }
            out.text += '$';
            out.text.append(sql.substr(i + 1, j - i - 1));
            out.parameter_count = std::max(out.parameter_count, number);
            i = j;
        } else {
            out.text += c;
            ++i;
        }
    }
    return out;
}

std::string redact_postgres_url(std::string_view url) {
    if (is_uri(url)) {
        std::string text(url);
        // postgresql://user:password@host/... loses ":password".
        const auto scheme_end = text.find("://") + 3;
        const auto at = text.find('@', scheme_end);
        if (at != std::string::npos && at < text.find('/', scheme_end)) {
            const auto colon = text.find(':', scheme_end);
            if (colon < at) text.erase(colon, at - colon);
        }
        // ...?sslmode=require&password=secret loses "password=secret".
        if (const auto query = text.find('?'); query != std::string::npos) {
            std::string kept;
            std::size_t start = query + 1;
            while (start <= text.size()) {
                auto end = text.find('&', start);
                if (end == std::string::npos) end = text.size();
                const auto parameter = std::string_view(text).substr(start, end - start);
                if (!parameter.empty() && !parameter.starts_with("password=")) {
                    kept += kept.empty() ? "" : "&";
                    kept += parameter;
                }
                start = end + 1;
            }
            text.erase(query);
            if (!kept.empty()) text += "?" + kept;
        }
        return text;
    }
    // key=value: rebuilt from libpq's own parse without the password.
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &error);
    PQfreemem(error);
    if (!options) return "(an unreadable PostgreSQL connection string)";
    std::string text;
    for (PQconninfoOption* option = options; option->keyword; ++option) {
        if (!option->val || std::string_view(option->keyword) == "password") continue;
        text += text.empty() ? "" : " ";
        text += std::string(option->keyword) + "=" + conninfo_value(option->val);
    }
    PQconninfoFree(options);
    return text;
}

PostgresConnection::PostgresConnection(const std::string& url, std::chrono::seconds connect_timeout) {
    // The timeout and encoding come after the URL's own settings: they are the engine's to decide.
    const std::string timeout = std::to_string(std::max<long long>(connect_timeout.count(), 1));
    const char* keywords[] = {"dbname", "connect_timeout", "client_encoding", nullptr};
    const char* values[] = {url.c_str(), timeout.c_str(), "UTF8", nullptr};
    conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
    if (!conn_) throw Error(unable_to_connect, "cannot connect to PostgreSQL: libpq is out of memory");
    if (PQstatus(conn_) != CONNECTION_OK) {
        // The parameters libpq settled on (from the URL, the environment and its defaults).
        const auto shown = [](const char* value) { return value && *value ? std::string(value) : "(default)"; };
        const std::string where = "host " + shown(PQhost(conn_)) + " port " + shown(PQport(conn_)) +
                                  ", database " + shown(PQdb(conn_)) + ", user " + shown(PQuser(conn_));
        const std::string reason = without_secrets(trimmed(PQerrorMessage(conn_)), passwords_in(url));
        PQfinish(conn_);
        conn_ = nullptr;
        throw Error(unable_to_connect, "cannot connect to PostgreSQL (" + where + "): " + reason);
    }
    PQsetNoticeReceiver(conn_, &PostgresConnection::receive_notice, this);
}

void PostgresConnection::receive_notice(void* self, const PGresult* notice) {
    // Notices ("relation already exists, skipping") would go to standard error: dropped. But a FATAL message
    // while idle is the server saying why it is about to close the connection (a terminated backend, a
    // shutdown): libpq passes it here, and the connection is not handed out again even before the close arrives.
    const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (severity && (std::string_view(severity) == "FATAL" || std::string_view(severity) == "PANIC")) {
        static_cast<PostgresConnection*>(self)->closing_ = true;
    }
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

bool PostgresConnection::is_usable() const { return !closing_ && PQstatus(conn_) == CONNECTION_OK; }

void PostgresConnection::poll_idle() {
    // Reads a termination notice and the end of the stream, if they came, and parses them (PQisBusy), which
    // hands the notice to receive_notice; never blocks.
    PQconsumeInput(conn_);
    (void)PQisBusy(conn_);
}

bool PostgresConnection::in_transaction() const {
    const auto status = PQtransactionStatus(conn_);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool PostgresConnection::transaction_failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

std::string PostgresConnection::server_parameter(const char* name) const {
    const char* value = PQparameterStatus(conn_, name);
    return value ? value : "";
}

void PostgresConnection::fail(PGresult* result, std::string_view sql) const {
    Result owned(result);
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const char* detail = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL) : nullptr;
    std::string message = primary ? primary : trimmed(PQerrorMessage(conn_));
    if (message.empty()) message = "unknown failure";
    if (detail) message += " (" + std::string(detail) + ")";
    // No SQLSTATE: libpq itself failed, which means the connection is gone.
    throw Error(state ? state : connection_failure,
                "PostgreSQL error in \"" + excerpt(sql) + "\": " + message);
}

void PostgresConnection::record_changes(const PGresult* result) {
    // Only row-changing commands count, as sqlite3_changes() does: a SELECT leaves the last count alone.
    const std::string_view status = PQcmdStatus(const_cast<PGresult*>(result));
    if (status.starts_with("INSERT ") || status.starts_with("UPDATE ") || status.starts_with("DELETE ") ||
        status.starts_with("MERGE ")) {
        changes_ = std::atoi(PQcmdTuples(const_cast<PGresult*>(result)));
    }
}

Statement PostgresConnection::prepare(const std::string& sql) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        const PostgresSql translated = to_postgres_sql(sql);
        Prepared prepared{"floorwalk_" + std::to_string(prepared_.size() + 1), sql, translated.parameter_count};
        // Parameter types are left to the server, which infers them from where each one is used.
        PGresult* result = PQprepare(conn_, prepared.name.c_str(), translated.text.c_str(), 0, nullptr);
        if (!result || PQresultStatus(result) != PGRES_COMMAND_OK) fail(result, sql);
        PQclear(result);
        it = prepared_.emplace(sql, std::move(prepared)).first;
    }
    return Statement(std::make_unique<PostgresStatement>(*this, it->second));
}

PGresult* PostgresConnection::run_prepared(const Prepared& prepared, const char* const* values, const int* lengths,
                                           const int* formats) {
    PGresult* result = PQexecPrepared(conn_, prepared.name.c_str(), prepared.parameter_count, values, lengths,
                                      formats, /*resultFormat=*/0);
    const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, prepared.sql);
    record_changes(result);
    return result;
}

void PostgresConnection::execute(std::string_view sql) {
    // PQexec runs every statement of the script and answers for the last one, or for the first that failed.
    const std::string text(sql);
    Result result(PQexec(conn_, text.c_str()));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        fail(result.release(), sql);
    }
    record_changes(result.get());
}

}  // namespace floorwalk::server::db
