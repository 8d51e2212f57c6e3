#include "storage/record_rows.h"

#include "storage/org_rows.h"

namespace floorwalk::server {

// ---------------------------------------------------------------------------------------------------------------
// Observations

namespace {

std::unordered_map<std::string, RecordHead> heads(db::Connection& db, const std::string& table,
                                                  const std::string& author_column,
                                                  const std::string& organization_id,
                                                  const std::vector<std::string>& ids) {
    std::unordered_map<std::string, RecordHead> found;
    if (ids.empty()) return found;
    auto statement = db.prepare("SELECT id, revision, " + author_column + ", deleted FROM " + table +
                                " WHERE organization_id = ?1 AND id IN (" + db.id_list(2) + ")");
    statement.bind_all(organization_id, db::json_string_array(ids));
    while (statement.step()) {
        found.emplace(statement.text(0), RecordHead{statement.integer(1), statement.text(2), statement.integer(3) != 0});
    }
    return found;
}

}  // namespace

std::unordered_map<std::string, RecordHead> observation_heads(db::Connection& db, const std::string& organization_id,
                                                              const std::vector<std::string>& ids) {
    return heads(db, "observations", "observer_id", organization_id, ids);
}

std::vector<Rating> load_ratings(db::Connection& db, const std::string& organization_id, const std::string& id,
                                 int revision) {
    auto statement = db.prepare(
        "SELECT dimension_id, level FROM observation_ratings"
        " WHERE organization_id = ?1 AND observation_id = ?2 AND revision = ?3 ORDER BY position");
    statement.bind_all(organization_id, id, revision);
    std::vector<Rating> ratings;
    while (statement.step()) ratings.push_back({statement.text(0), statement.integer(1)});
    return ratings;
}

std::optional<Observation> load_observation_revision(db::Connection& db, const std::string& organization_id,
                                                     const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT employee_id, observer_id, coalesce(device_observed_at, observed_at), model_version, comment,"
        " coaching_action, base_revision, deleted"
        " FROM observation_revisions WHERE organization_id = ?1 AND id = ?2 AND revision = ?3");
    statement.bind_all(organization_id, id, revision);
    if (!statement.step()) return std::nullopt;
    Observation observation;
    observation.id = id;
    observation.employee_id = statement.text(0);
    observation.observer_id = statement.text(1);
    observation.observed_at = from_millis(statement.int64(2));
    observation.model_version = statement.integer(3);
    observation.comment = statement.text(4);
    observation.coaching_action = statement.text(5);
    observation.revision = revision;
    observation.base_revision = statement.integer(6);
    observation.deleted = statement.integer(7) != 0;
    observation.ratings = load_ratings(db, organization_id, id, revision);
    return observation;
}

std::optional<StoredRecordTime> stored_observation_time(db::Connection& db, const std::string& organization_id,
                                                       const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT observed_at, coalesce(device_observed_at, observed_at)"
        " FROM observation_revisions WHERE organization_id = ?1 AND id = ?2 AND revision = ?3");
    statement.bind_all(organization_id, id, revision);
    if (!statement.step()) return std::nullopt;
    return StoredRecordTime{from_millis(statement.int64(0)), from_millis(statement.int64(1))};
}

void for_each_current_observation(db::Connection& db, const std::string& organization_id,
                                  const std::function<void(const Observation&)>& visit) {
    // One pass over current rows joined with their ratings, in id order; rows of one observation are adjacent.
    auto statement = db.prepare(
        "SELECT o.id, o.revision, o.employee_id, o.observer_id, o.observed_at, o.model_version, o.comment,"
        " o.coaching_action, r.dimension_id, r.level"
        " FROM observations o"
        " LEFT JOIN observation_ratings r ON r.organization_id = o.organization_id AND r.observation_id = o.id"
        "  AND r.revision = o.revision"
        " WHERE o.organization_id = ?1 AND o.deleted = 0"
        " ORDER BY o.id, r.position");
    statement.bind_all(organization_id);
    std::optional<Observation> current;
    while (statement.step()) {
        std::string id = statement.text(0);
        if (!current || current->id != id) {
            if (current) visit(*current);
            current.emplace();
            current->id = std::move(id);
            current->revision = statement.integer(1);
            current->base_revision = current->revision - 1;
            current->employee_id = statement.text(2);
            current->observer_id = statement.text(3);
            current->observed_at = from_millis(statement.int64(4));
            current->model_version = statement.integer(5);
            current->comment = statement.text(6);
            current->coaching_action = statement.text(7);
        }
        if (!statement.is_null(8)) current->ratings.push_back({statement.text(8), statement.integer(9)});
    }
    if (current) visit(*current);
}

// ---------------------------------------------------------------------------------------------------------------
// Coaching activities

std::unordered_map<std::string, RecordHead> activity_heads(db::Connection& db, const std::string& organization_id,
                                                           const std::vector<std::string>& ids) {
    return heads(db, "activities", "manager_id", organization_id, ids);
}

std::vector<std::string> load_participants(db::Connection& db, const std::string& organization_id,
                                           const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT employee_id FROM activity_participants"
        " WHERE organization_id = ?1 AND activity_id = ?2 AND revision = ?3 ORDER BY position");
    statement.bind_all(organization_id, id, revision);
    std::vector<std::string> participants;
    while (statement.step()) participants.push_back(statement.text(0));
    return participants;
}

std::optional<CoachingActivity> load_activity_revision(db::Connection& db, const std::string& organization_id,
                                                       const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT manager_id, kind, coalesce(device_occurred_at, occurred_at), note, base_revision, deleted"
        " FROM activity_revisions WHERE organization_id = ?1 AND id = ?2 AND revision = ?3");
    statement.bind_all(organization_id, id, revision);
    if (!statement.step()) return std::nullopt;
    CoachingActivity activity;
    activity.id = id;
    activity.manager_id = statement.text(0);
    activity.kind = activity_kind_from_column(statement.text(1));
    activity.occurred_at = from_millis(statement.int64(2));
    activity.note = statement.text(3);
    activity.revision = revision;
    activity.base_revision = statement.integer(4);
    activity.deleted = statement.integer(5) != 0;
    activity.participant_ids = load_participants(db, organization_id, id, revision);
    return activity;
}

std::optional<StoredRecordTime> stored_activity_time(db::Connection& db, const std::string& organization_id,
                                                    const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT occurred_at, coalesce(device_occurred_at, occurred_at)"
        " FROM activity_revisions WHERE organization_id = ?1 AND id = ?2 AND revision = ?3");
    statement.bind_all(organization_id, id, revision);
    if (!statement.step()) return std::nullopt;
    return StoredRecordTime{from_millis(statement.int64(0)), from_millis(statement.int64(1))};
}

void for_each_current_activity(db::Connection& db, const std::string& organization_id,
                               const std::function<void(const CoachingActivity&)>& visit) {
    auto statement = db.prepare(
        "SELECT a.id, a.revision, a.manager_id, a.kind, a.occurred_at, a.note, p.employee_id"
        " FROM activities a"
        " LEFT JOIN activity_participants p ON p.organization_id = a.organization_id AND p.activity_id = a.id"
        "  AND p.revision = a.revision"
        " WHERE a.organization_id = ?1 AND a.deleted = 0"
        " ORDER BY a.id, p.position");
    statement.bind_all(organization_id);
    std::optional<CoachingActivity> current;
    while (statement.step()) {
        std::string id = statement.text(0);
        if (!current || current->id != id) {
            if (current) visit(*current);
            current.emplace();
            current->id = std::move(id);
            current->revision = statement.integer(1);
            current->base_revision = current->revision - 1;
            current->manager_id = statement.text(2);
            current->kind = activity_kind_from_column(statement.text(3));
            current->occurred_at = from_millis(statement.int64(4));
            current->note = statement.text(5);
        }
        if (!statement.is_null(6)) current->participant_ids.push_back(statement.text(6));
    }
    if (current) visit(*current);
}

// ---------------------------------------------------------------------------------------------------------------
// Following an organisation's records

namespace {

// The ids of the next page after `after` (in id order), and the range (after, last] they span.
template <typename Visit>
void in_id_pages(db::Connection& db, const std::string& table, const std::string& organization_id, int page,
                 Visit&& visit_range) {
    auto next = db.prepare("SELECT id FROM " + table +
                           " WHERE organization_id = ?1 AND deleted = 0 AND id > ?2 ORDER BY id LIMIT ?3");
    std::string after;
    while (true) {
        next.bind_all(organization_id, after, page);
        std::string last;
        int rows = 0;
        while (next.step()) {
            last = next.text(0);
            ++rows;
        }
        next.reset();
        if (rows == 0) return;
        visit_range(after, last);
        if (rows < page) return;
        after = std::move(last);
    }
}

// Splits `ids` into lists of at most `size`, as JSON arrays for id_list parameters.
std::vector<std::string> id_batches(const std::vector<std::string>& ids, std::size_t size = 1000) {
    std::vector<std::string> batches;
    for (std::size_t i = 0; i < ids.size(); i += size) {
        const std::vector<std::string> batch(ids.begin() + static_cast<std::ptrdiff_t>(i),
                                             ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + size)));
        batches.push_back(db::json_string_array(batch));
    }
    return batches;
}

std::vector<std::string> changed_between(db::Connection& db, const std::string& table,
                                         const std::string& organization_id, std::int64_t from, std::int64_t to) {
    auto statement = db.prepare("SELECT DISTINCT id FROM " + table +
                                " WHERE organization_id = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY id");
    statement.bind_all(organization_id, from, to);
    std::vector<std::string> ids;
    while (statement.step()) ids.push_back(statement.text(0));
    return ids;
}

}  // namespace

void for_each_current_observation_fact(db::Connection& db, const std::string& organization_id,
                                       const std::function<void(const Observation&)>& visit, int page) {
    auto rows = db.prepare(
        "SELECT o.id, o.revision, o.employee_id, o.observer_id, o.observed_at, o.model_version, r.dimension_id,"
        " r.level FROM observations o"
        " LEFT JOIN observation_ratings r ON r.organization_id = o.organization_id AND r.observation_id = o.id"
        "  AND r.revision = o.revision"
        " WHERE o.organization_id = ?1 AND o.deleted = 0 AND o.id > ?2 AND o.id <= ?3"
        " ORDER BY o.id, r.position");
    in_id_pages(db, "observations", organization_id, page, [&](const std::string& after, const std::string& last) {
        rows.bind_all(organization_id, after, last);
        std::optional<Observation> current;
        while (rows.step()) {
            std::string id = rows.text(0);
            if (!current || current->id != id) {
                if (current) visit(*current);
                current.emplace();
                current->id = std::move(id);
                current->revision = rows.integer(1);
                current->base_revision = current->revision - 1;
                current->employee_id = rows.text(2);
                current->observer_id = rows.text(3);
                current->observed_at = from_millis(rows.int64(4));
                current->model_version = rows.integer(5);
            }
            if (!rows.is_null(6)) current->ratings.push_back({rows.text(6), rows.integer(7)});
        }
        rows.reset();
        if (current) visit(*current);
    });
}

void for_each_current_activity_fact(db::Connection& db, const std::string& organization_id,
                                    const std::function<void(const CoachingActivity&)>& visit, int page) {
    auto rows = db.prepare(
        "SELECT a.id, a.revision, a.manager_id, a.kind, a.occurred_at, p.employee_id FROM activities a"
        " LEFT JOIN activity_participants p ON p.organization_id = a.organization_id AND p.activity_id = a.id"
        "  AND p.revision = a.revision"
        " WHERE a.organization_id = ?1 AND a.deleted = 0 AND a.id > ?2 AND a.id <= ?3"
        " ORDER BY a.id, p.position");
    in_id_pages(db, "activities", organization_id, page, [&](const std::string& after, const std::string& last) {
        rows.bind_all(organization_id, after, last);
        std::optional<CoachingActivity> current;
        while (rows.step()) {
            std::string id = rows.text(0);
            if (!current || current->id != id) {
                if (current) visit(*current);
                current.emplace();
                current->id = std::move(id);
                current->revision = rows.integer(1);
                current->base_revision = current->revision - 1;
                current->manager_id = rows.text(2);
                current->kind = activity_kind_from_column(rows.text(3));
                current->occurred_at = from_millis(rows.int64(4));
            }
            if (!rows.is_null(5)) current->participant_ids.push_back(rows.text(5));
        }
        rows.reset();
        if (current) visit(*current);
    });
}

std::vector<std::string> observations_changed_between(db::Connection& db, const std::string& organization_id,
                                                      std::int64_t from, std::int64_t to) {
    return changed_between(db, "observation_revisions", organization_id, from, to);
}

std::vector<std::string> activities_changed_between(db::Connection& db, const std::string& organization_id,
                                                    std::int64_t from, std::int64_t to) {
    return changed_between(db, "activity_revisions", organization_id, from, to);
}

std::map<std::string, Observation> observations_at(db::Connection& db, const std::string& organization_id,
                                                   const std::vector<std::string>& ids, std::int64_t at) {
    std::map<std::string, Observation> found;
    // The newest revision numbered up to `at`: revisions of one record are numbered in order, so it is the one
    // with no greater revision up to `at`.
    auto rows = db.prepare(
        "SELECT r.id, r.revision, r.employee_id, r.observer_id, r.observed_at, r.model_version, r.deleted,"
        " rt.dimension_id, rt.level FROM observation_revisions r"
        " LEFT JOIN observation_ratings rt ON rt.organization_id = r.organization_id AND rt.observation_id = r.id"
        "  AND rt.revision = r.revision"
        " WHERE r.organization_id = ?1 AND r.id IN (" +
        db.id_list(2) +
        ") AND r.seq <= ?3"
        " AND NOT EXISTS (SELECT 1 FROM observation_revisions n WHERE n.organization_id = r.organization_id"
        "  AND n.id = r.id AND n.seq <= ?3 AND n.revision > r.revision)"
        " ORDER BY r.id, rt.position");
    for (const auto& batch : id_batches(ids)) {
        rows.bind_all(organization_id, batch, at);
        while (rows.step()) {
            if (rows.integer(6) != 0) continue;  // a tombstone counts nowhere
            auto [it, inserted] = found.try_emplace(rows.text(0));
            if (inserted) {
                auto& o = it->second;
                o.id = it->first;
                o.revision = rows.integer(1);
                o.base_revision = o.revision - 1;
                o.employee_id = rows.text(2);
                o.observer_id = rows.text(3);
                o.observed_at = from_millis(rows.int64(4));
                o.model_version = rows.integer(5);
            }
            if (!rows.is_null(7)) it->second.ratings.push_back({rows.text(7), rows.integer(8)});
        }
        rows.reset();
    }
    return found;
}

std::map<std::string, CoachingActivity> activities_at(db::Connection& db, const std::string& organization_id,
                                                      const std::vector<std::string>& ids, std::int64_t at) {
    std::map<std::string, CoachingActivity> found;
    auto rows = db.prepare(
        "SELECT r.id, r.revision, r.manager_id, r.kind, r.occurred_at, r.deleted, p.employee_id"
        " FROM activity_revisions r"
        " LEFT JOIN activity_participants p ON p.organization_id = r.organization_id AND p.activity_id = r.id"
        "  AND p.revision = r.revision"
        " WHERE r.organization_id = ?1 AND r.id IN (" +
        db.id_list(2) +
        ") AND r.seq <= ?3"
        " AND NOT EXISTS (SELECT 1 FROM activity_revisions n WHERE n.organization_id = r.organization_id"
        "  AND n.id = r.id AND n.seq <= ?3 AND n.revision > r.revision)"
        " ORDER BY r.id, p.position");
    for (const auto& batch : id_batches(ids)) {
        rows.bind_all(organization_id, batch, at);
        while (rows.step()) {
            if (rows.integer(5) != 0) continue;
            auto [it, inserted] = found.try_emplace(rows.text(0));
            if (inserted) {
                auto& a = it->second;
                a.id = it->first;
                a.revision = rows.integer(1);
                a.base_revision = a.revision - 1;
                a.manager_id = rows.text(2);
                a.kind = activity_kind_from_column(rows.text(3));
                a.occurred_at = from_millis(rows.int64(4));
            }
            if (!rows.is_null(6)) it->second.participant_ids.push_back(rows.text(6));
        }
        rows.reset();
    }
    return found;
}

}  // namespace floorwalk::server
