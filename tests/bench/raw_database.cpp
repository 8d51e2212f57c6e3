#include "raw_database.h"

#include "database/sqlite/sqlite_connection.h"
#include "sync/sql_store.h"

#include <map>
#include <stdexcept>

namespace floorwalk::bench {
namespace {

using server::db::SqliteConnection;

std::int64_t millis(Timestamp t) { return t.time_since_epoch().count(); }

// The subtree of ?2 and its active employees, shared by both naive queries.
constexpr const char* staff_cte =
    "WITH RECURSIVE subtree(id) AS ("
    "  SELECT ?2"
    "  UNION ALL"
    "  SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id WHERE u.organization_id = ?1"
    "), staff AS ("
    "  SELECT e.id FROM employees e"
    "  WHERE e.organization_id = ?1 AND e.active = 1 AND e.unit_id IN (SELECT id FROM subtree)"
    ")";

}  // namespace

std::optional<double> NaiveFigures::transformation_rate() const {
    long long assessed = 0;
    long long mastered = 0;
    for (const auto& [a, m] : dimensions) {
        assessed += a;
        mastered += m;
    }
    return ratio(mastered, assessed);
}

struct RawDatabase::Impl {
    std::string organization_id;
    std::vector<std::string> observer_of_store;
    std::unique_ptr<SqliteConnection> db;
    std::int64_t seq = 0;
};

RawDatabase::RawDatabase(const std::filesystem::path& data_dir, const BenchOrganization& organization)
    : impl_(std::make_unique<Impl>()) {
    {
        const auto store = server::open_sqlite_store(data_dir);
        impl_->organization_id = organization.create(*store);
        std::map<std::string, std::string> user_ids;
        for (const auto& user : store->users(impl_->organization_id)) user_ids[user.username] = user.id;
        for (int s = 0; s < organization.stores(); ++s)
            impl_->observer_of_store.push_back(user_ids.at(organization.manager_username(s)));
    }
    impl_->db = std::make_unique<SqliteConnection>(server::database_path(data_dir), SqliteConnection::Mode::read_write);
    if (impl_->db->pragma("journal_mode = WAL") != "wal") throw std::runtime_error("WAL is not available");
    impl_->db->execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
    auto last = impl_->db->prepare("SELECT change_seq FROM organizations WHERE id = ?1");
    last.bind_all(impl_->organization_id);
    if (last.step()) impl_->seq = last.int64(0);
}

RawDatabase::~RawDatabase() = default;

void RawDatabase::insert(const std::vector<Observation>& observations, int store, Timestamp now) {
    auto& db = *impl_->db;
    const auto& organization = impl_->organization_id;
    const auto& observer = impl_->observer_of_store.at(static_cast<std::size_t>(store));
    db.execute("BEGIN IMMEDIATE");
    for (const auto& o : observations) {
        const auto seq = ++impl_->seq;
        db.prepare(
              "INSERT INTO observation_revisions (organization_id, id, revision, base_revision, employee_id,"
              " observer_id, observed_at, model_version, comment, coaching_action, deleted, received_at, seq)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
            .bind_all(organization, o.id, o.revision, o.base_revision, o.employee_id, observer, millis(o.observed_at),
                      o.model_version, o.comment, o.coaching_action, o.deleted, millis(now), seq)
            .run();
        auto rating = db.prepare(
            "INSERT INTO observation_ratings (organization_id, observation_id, revision, position, dimension_id,"
            " level) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (std::size_t i = 0; i < o.ratings.size(); ++i) {
            rating.bind_all(organization, o.id, o.revision, static_cast<int>(i), o.ratings[i].dimension_id,
                            o.ratings[i].level);
            rating.run();
            rating.reset();
        }
        db.prepare(
              "INSERT INTO observations (organization_id, id, revision, employee_id, observer_id, observed_at,"
              " model_version, comment, coaching_action, deleted, received_at, seq)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            .bind_all(organization, o.id, o.revision, o.employee_id, observer, millis(o.observed_at), o.model_version,
                      o.comment, o.coaching_action, o.deleted, millis(now), seq)
            .run();
    }
    db.prepare("UPDATE organizations SET change_seq = ?2 WHERE id = ?1").bind_all(organization, impl_->seq).run();
    db.execute("COMMIT");
}

NaiveFigures RawDatabase::naive(const std::string& unit_id, const IndicatorParams& params,
                                const std::vector<std::string>& dimension_ids, int threshold) {
    auto& db = *impl_->db;
    NaiveFigures figures;
    figures.dimensions.assign(dimension_ids.size(), {0, 0});
    const std::int64_t window = static_cast<std::int64_t>(params.window_days) * 86'400'000;

    // assessment(e, d): the latest rating of d in (at - W, at], ties to the greater id.
    auto assessed = db.prepare(
        std::string(staff_cte) +
        ", latest AS ("
        "  SELECT r.dimension_id, r.level, row_number() OVER ("
        "    PARTITION BY o.employee_id, r.dimension_id ORDER BY o.observed_at DESC, o.id DESC) AS n"
        "  FROM observations o"
        "  JOIN observation_ratings r ON r.organization_id = o.organization_id AND r.observation_id = o.id"
        "   AND r.revision = o.revision"
        "  WHERE o.organization_id = ?1 AND o.deleted = 0 AND o.observed_at > ?3 AND o.observed_at <= ?4"
        "   AND o.employee_id IN (SELECT id FROM staff)"
        ")"
        " SELECT dimension_id, count(*), sum(level >= ?5) FROM latest WHERE n = 1 GROUP BY dimension_id");
    assessed.bind_all(impl_->organization_id, unit_id, millis(params.at) - window, millis(params.at), threshold);
    while (assessed.step()) {
        const auto id = assessed.text(0);
        for (std::size_t d = 0; d < dimension_ids.size(); ++d)
            if (dimension_ids[d] == id) figures.dimensions[d] = {assessed.integer(1), assessed.integer(2)};
    }

    // deployment: observed, or named in a coaching activity, in [from, to).
    auto deployed = db.prepare(
        std::string(staff_cte) +
        " SELECT (SELECT count(*) FROM staff), (SELECT count(*) FROM staff WHERE id IN ("
        "   SELECT employee_id FROM observations"
        "   WHERE organization_id = ?1 AND deleted = 0 AND observed_at >= ?3 AND observed_at < ?4"
        "   UNION"
        "   SELECT p.employee_id FROM activities a"
        "   JOIN activity_participants p ON p.organization_id = a.organization_id AND p.activity_id = a.id"
        "    AND p.revision = a.revision"
        "   WHERE a.organization_id = ?1 AND a.deleted = 0 AND a.occurred_at >= ?3 AND a.occurred_at < ?4))");
    deployed.bind_all(impl_->organization_id, unit_id, millis(params.from), millis(params.to));
    if (deployed.step()) {
        figures.active_employees = deployed.integer(0);
        figures.accompanied_employees = deployed.integer(1);
    }
    return figures;
}

}  // namespace floorwalk::bench
