#include "raw_database.h"

#include "storage/change_sequence.h"
#include "storage/record_writer.h"

#include <map>
#include <stdexcept>

namespace floorwalk::bench {
namespace {

std::int64_t millis(Timestamp t) { return t.time_since_epoch().count(); }

// The subtree of ?2 and its active employees, shared by both naive queries. The first row is read from units
// (not a bare parameter), so that the column has the table's type and collation on both engines.
constexpr const char* staff_cte =
    "WITH RECURSIVE subtree(id) AS ("
    "  SELECT id FROM units WHERE organization_id = ?1 AND id = ?2"
    "  UNION ALL"
    "  SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id WHERE u.organization_id = ?1"
    "), staff AS ("
    "  SELECT e.id FROM employees e"
    "  WHERE e.organization_id = ?1 AND e.active = 1 AND e.unit_id IN (SELECT id FROM subtree)"
    ")";

}  // namespace

struct RawWriter::Impl {
    std::string organization_id;
    std::vector<std::string> observer_of_store;
    std::unique_ptr<server::db::Engine> engine;
};

RawWriter::RawWriter(const BenchDatabase& database, const BenchOrganization& organization)
    : impl_(std::make_unique<Impl>()) {
    {
        const auto store = database.open_store();
        impl_->organization_id = organization.create(*store);
        std::map<std::string, std::string> user_ids;
        for (const auto& user : store->users(impl_->organization_id)) user_ids[user.username] = user.id;
        for (int s = 0; s < organization.stores(); ++s)
            impl_->observer_of_store.push_back(user_ids.at(organization.manager_username(s)));
    }
    impl_->engine = database.open_engine();
}

RawWriter::~RawWriter() = default;

void RawWriter::insert(const std::vector<Observation>& observations, int store, Timestamp now) {
    const auto session = impl_->engine->begin(server::db::SessionKind::write);
    auto& db = session->db();
    auto sequence = server::ChangeSequence::lock(db, impl_->organization_id);
    if (!sequence) throw std::runtime_error("raw insert: the organisation is gone");
    const auto& observer = impl_->observer_of_store.at(static_cast<std::size_t>(store));
    server::RecordWriter writer(db, impl_->organization_id);
    for (auto observation : observations) {
        observation.observer_id = observer;
        writer.add(observation, observation.observed_at, now, sequence->next());
    }
    writer.flush();
    sequence->save(db);
    session->commit();
}

NaiveFigures naive_figures(server::db::Engine& engine, const std::string& organization_id,
                           const std::string& unit_id, const IndicatorParams& params,
                           const std::vector<std::string>& dimension_ids, int threshold) {
    const auto session = engine.begin(server::db::SessionKind::snapshot);
    auto& db = session->db();
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
        " SELECT dimension_id, count(*), sum(CASE WHEN level >= ?5 THEN 1 ELSE 0 END) FROM latest WHERE n = 1"
        " GROUP BY dimension_id");
    assessed.bind_all(organization_id, unit_id, millis(params.at) - window, millis(params.at), threshold);
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
    deployed.bind_all(organization_id, unit_id, millis(params.from), millis(params.to));
    if (deployed.step()) {
        figures.active_employees = deployed.integer(0);
        figures.accompanied_employees = deployed.integer(1);
    }
    return figures;
}

}  // namespace floorwalk::bench
