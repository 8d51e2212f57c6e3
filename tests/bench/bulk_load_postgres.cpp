// bulk_load for PostgreSQL: COPY ... FROM STDIN in text format, three tables per transaction.
#include "bulk_load.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace floorwalk::bench::detail {
namespace {

std::int64_t millis(Timestamp t) { return t.time_since_epoch().count(); }

class CopyConnection {
public:
    explicit CopyConnection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
        if (PQstatus(connection_) != CONNECTION_OK)
            throw std::runtime_error("bulk load: cannot connect to PostgreSQL: " +
                                     std::string(PQerrorMessage(connection_)));
    }
    ~CopyConnection() { PQfinish(connection_); }
    CopyConnection(const CopyConnection&) = delete;
    CopyConnection& operator=(const CopyConnection&) = delete;

    // Runs `sql` with text parameters; the first column of the first row ("" when none).
    std::string run(const std::string& sql, const std::vector<std::string>& parameters = {}) {
        std::vector<const char*> values;
        for (const auto& parameter : parameters) values.push_back(parameter.c_str());
        PGresult* result = PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                        values.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(result);
        std::string value;
        if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
        const std::string error = PQresultErrorMessage(result);
        PQclear(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            throw std::runtime_error("bulk load: \"" + sql + "\" failed: " + error);
        return value;
    }

    // COPY `table_and_columns` FROM STDIN with `rows` (text format, one line per row).
    void copy(const std::string& table_and_columns, const std::string& rows) {
        PGresult* start = PQexec(connection_, ("COPY " + table_and_columns + " FROM STDIN").c_str());
        const bool ready = PQresultStatus(start) == PGRES_COPY_IN;
        const std::string start_error = PQresultErrorMessage(start);
        PQclear(start);
        if (!ready) throw std::runtime_error("bulk load: COPY " + table_and_columns + " refused: " + start_error);
        constexpr std::size_t piece = 1 << 20;
        for (std::size_t at = 0; at < rows.size(); at += piece) {
            const auto size = std::min(piece, rows.size() - at);
            if (PQputCopyData(connection_, rows.data() + at, static_cast<int>(size)) != 1)
                throw std::runtime_error("bulk load: COPY data not sent: " + std::string(PQerrorMessage(connection_)));
        }
        if (PQputCopyEnd(connection_, nullptr) != 1)
            throw std::runtime_error("bulk load: COPY not ended: " + std::string(PQerrorMessage(connection_)));
        std::string error;
        while (PGresult* result = PQgetResult(connection_)) {
            if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty()) error = PQresultErrorMessage(result);
            PQclear(result);
        }
        if (!error.empty()) throw std::runtime_error("bulk load: COPY " + table_and_columns + " failed: " + error);
    }

private:
    PGconn* connection_;
};

// One field of COPY's text format: backslash, tab and line breaks escaped (empty text stays empty, not NULL).
void field(std::string& row, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\': row += "\\\\"; break;
            case '\t': row += "\\t"; break;
            case '\n': row += "\\n"; break;
            case '\r': row += "\\r"; break;
            default: row += c;
        }
    }
    row += '\t';
}
void field(std::string& row, std::int64_t value) {
    row += std::to_string(value);
    row += '\t';
}
void end_row(std::string& row) { row.back() = '\n'; }

}  // namespace

void bulk_load_postgres(const BenchDatabase& database, const BenchOrganization& organization,
                        const BulkTarget& target, long long first, long long end, long long total, Timestamp now) {
    CopyConnection db(database.url());
    db.run("SET synchronous_commit = off");  // as SQLite's synchronous = OFF: nothing here needs to survive a crash
    // The generated rows are consistent by construction (and the naive SQL checks them later): without the
    // foreign-key triggers, which check every row, COPY goes 2 to 3 times faster. Only a superuser (or a role
    // granted the setting) may turn them off; others fill with the checks.
    try {
        db.run("SET session_replication_role = replica");
    } catch (const std::runtime_error& refused) {
        std::fprintf(stderr, "floorwalk-bench-indicators: the fill keeps the foreign-key checks (%s)\n", refused.what());
    }
    const auto& organization_id = target.organization_id;
    const auto received = millis(now);

    constexpr long long batches_per_transaction = 200;
    for (long long index = first; index < end;) {
        db.run("BEGIN");
        std::int64_t seq =
            std::stoll(db.run("SELECT change_seq FROM organizations WHERE id = $1 FOR UPDATE", {organization_id}));
        std::string revisions;
        std::string ratings;
        std::string current;
        for (long long n = 0; n < batches_per_transaction && index < end; ++n, ++index) {
            const auto& observer = target.observer_of_store.at(static_cast<std::size_t>(organization.batch_store(index)));
            for (const auto& o : organization.batch(index, total)) {
                ++seq;
                for (std::string* row : {&revisions, &current}) {
                    field(*row, organization_id);
                    field(*row, o.id);
                    field(*row, o.revision);
                    if (row == &revisions) field(*row, o.base_revision);
                    field(*row, o.employee_id);
                    field(*row, observer);
                    field(*row, millis(o.observed_at));
                    field(*row, o.model_version);
                    field(*row, o.comment);
                    field(*row, o.coaching_action);
                    field(*row, o.deleted ? 1 : 0);
                    field(*row, received);
                    field(*row, seq);
                    end_row(*row);
                }
                for (std::size_t i = 0; i < o.ratings.size(); ++i) {
                    field(ratings, organization_id);
                    field(ratings, o.id);
                    field(ratings, o.revision);
                    field(ratings, static_cast<std::int64_t>(i));
                    field(ratings, o.ratings[i].dimension_id);
                    field(ratings, o.ratings[i].level);
                    end_row(ratings);
                }
            }
        }
        // Parents before children: the foreign keys are checked at the end of each COPY.
        db.copy("observation_revisions (organization_id, id, revision, base_revision, employee_id, observer_id,"
                " observed_at, model_version, comment, coaching_action, deleted, received_at, seq)",
                revisions);
        db.copy("observation_ratings (organization_id, observation_id, revision, position, dimension_id, level)",
                ratings);
        db.copy("observations (organization_id, id, revision, employee_id, observer_id, observed_at, model_version,"
                " comment, coaching_action, deleted, received_at, seq)",
                current);
        db.run("UPDATE organizations SET change_seq = $2 WHERE id = $1", {organization_id, std::to_string(seq)});
        db.run("COMMIT");
    }
    db.run("VACUUM (ANALYZE) observation_revisions, observation_ratings, observations");
}

}  // namespace floorwalk::bench::detail
