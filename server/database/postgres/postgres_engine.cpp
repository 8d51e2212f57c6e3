#include "database/postgres/postgres_engine.h"

#include "database/migration.h"
#include "database/postgres/postgres_connection.h"
#include "database/postgres/postgres_schema.h"

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace floorwalk::server::db {
namespace {

class PostgresEngine;

// A connection leased for one session, in the transaction its kind asks for.
class PostgresSession final : public Session {
public:
    PostgresSession(PostgresEngine& engine, std::unique_ptr<PostgresConnection> connection)
        : engine_(engine), connection_(std::move(connection)) {}
    PostgresSession(const PostgresSession&) = delete;
    PostgresSession& operator=(const PostgresSession&) = delete;
    ~PostgresSession() override;

    [[nodiscard]] Connection& db() override { return *connection_; }

    void commit() override {
        if (!connection_->in_transaction()) return;
        // PostgreSQL answers COMMIT of a transaction an error aborted with ROLLBACK and no error: say so.
        if (connection_->transaction_failed()) {
            connection_->execute("ROLLBACK");
            throw Error("25P02", "the transaction was not committed: an earlier statement failed, which aborted it");
        }
        connection_->execute("COMMIT");
    }

private:
    PostgresEngine& engine_;
    std::unique_ptr<PostgresConnection> connection_;
};

class PostgresEngine final : public Engine {
public:
    // `connect_now`: open one connection before returning, so that a wrong URL or an unreachable server is
    // reported when the server starts (the primary); a standby is connected on first use.
    PostgresEngine(std::string url, const PostgresOptions& options, bool connect_now)
        : url_(std::move(url)), described_(redact_postgres_url(url_)), options_(options) {
        if (options_.pool_size == 0) throw std::invalid_argument("the PostgreSQL pool size must be at least 1");
        if (!connect_now) return;
        auto first = open_connection();
        if (const auto encoding = first->server_parameter("server_encoding"); encoding != "UTF8") {
            throw std::runtime_error("the database's encoding is " + encoding +
                                     "; Floorwalk stores UTF-8 text and needs a database created with ENCODING "
                                     "'UTF8'");
        }
        ++open_;
        release(std::move(first));
    }

    [[nodiscard]] std::unique_ptr<Session> begin(SessionKind kind) override {
        const char* start = kind == SessionKind::write      ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                            : kind == SessionKind::snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                                                            : nullptr;
        // A pooled connection may have died while idle (server restart, terminated backend): BEGIN finds out
        // before the caller has done anything, so another connection can take over. Every pooled connection
        // may be dead after a restart, hence one attempt more than the pool holds.
        for (std::size_t attempt = 0;; ++attempt) {
            auto connection = acquire();
            if (!start) return std::make_unique<PostgresSession>(*this, std::move(connection));
            try {
                connection->execute(start);
            } catch (const Error&) {
                const bool died = !connection->is_usable();
                release(std::move(connection));
                if (died && attempt < options_.pool_size) continue;
                throw;
            }
            return std::make_unique<PostgresSession>(*this, std::move(connection));
        }
    }

    [[nodiscard]] Backend backend() const override { return Backend::postgresql; }

    [[nodiscard]] long long database_bytes() override {
        auto session = begin(SessionKind::single);
        auto statement = session->db().prepare("SELECT pg_database_size(current_database())");
        return statement.step() ? statement.int64(0) : 0;
    }

    [[nodiscard]] std::string describe() const override { return described_; }

    // Takes a connection back: rolled back if a transaction is still open, dropped if it failed.
    void release(std::unique_ptr<PostgresConnection> connection) noexcept {
        if (connection->is_usable() && connection->in_transaction()) {
            try {
                connection->execute("ROLLBACK");
            } catch (const Error&) {
                connection.reset();  // a connection that cannot roll back is not trusted again
            }
        }
        if (connection && !connection->is_usable()) connection.reset();
        {
            std::lock_guard lock(mutex_);
            if (connection) {
                idle_.push_back(std::move(connection));
            } else {
                --open_;
            }
        }
        returned_.notify_one();
    }

private:
    std::unique_ptr<PostgresConnection> open_connection() const {
        auto connection = std::make_unique<PostgresConnection>(url_, options_.connect_timeout);
        connection->execute("SET application_name = 'floorwalk-server'; SET statement_timeout = " +
                            std::to_string(options_.statement_timeout.count()));
        return connection;
    }

    std::unique_ptr<PostgresConnection> acquire() {
        const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
        std::unique_lock lock(mutex_);
        for (;;) {
            while (!idle_.empty()) {
                auto connection = std::move(idle_.back());
                idle_.pop_back();
                connection->poll_idle();
                if (connection->is_usable()) return connection;
                --open_;
            }
            if (open_ < options_.pool_size) {
                ++open_;
                lock.unlock();
                try {
                    return open_connection();
                } catch (...) {
                    lock.lock();
                    --open_;
                    returned_.notify_one();
                    throw;
                }
            }
            if (!returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
                throw Error("53300", "no PostgreSQL connection became free within " +
                                         std::to_string(options_.acquire_timeout.count()) + " ms: all " +
                                         std::to_string(options_.pool_size) + " connections of the pool to " +
                                         described_ + " are in use (raise the pool size, or look for slow statements)");
            }
        }
    }

    std::string url_;
    std::string described_;
    PostgresOptions options_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<PostgresConnection>> idle_;  // most recently used last
    std::size_t open_ = 0;                                   // idle and leased
};

PostgresSession::~PostgresSession() { engine_.release(std::move(connection_)); }

}  // namespace

std::unique_ptr<Engine> open_postgres_engine(const std::string& url, const PostgresOptions& options) {
    try {
        auto engine = std::make_unique<PostgresEngine>(url, options, /*connect_now=*/true);
        run_migrations(*engine, postgres_migrations());
        return engine;
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot open the Floorwalk database on PostgreSQL " + redact_postgres_url(url) +
                                 ": " + e.what());
    }
}

std::unique_ptr<Engine> open_postgres_standby_engine(const std::string& url, const PostgresOptions& options) {
    return std::make_unique<PostgresEngine>(url, options, /*connect_now=*/false);
}

}  // namespace floorwalk::server::db
