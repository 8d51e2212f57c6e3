// Pull pages follow the change sequence. Every current row of `observations` and `activities` carries the sequence
// number of the change that made it current, so "everything changed since the cursor" is `seq > cursor`, read in one
// snapshot together with the sequence's last value. Because the single writer assigns numbers inside its
// transaction, a snapshot never holds a number above one it lacks: a page cannot skip a concurrent write.
//
// Scope (MANAGER, DIRECTOR): an observation is sent when its current employee is in scope; a record that was in
// scope in an earlier revision but no longer is (or is a tombstone) goes to deleted_ids, so the phone drops it. An
// activity is sent when the caller wrote it or one of its current participants is in scope; another author's
// activity then carries only the participants in scope and no note. When the scope itself
// moved since the cursor (the user's role or units changed, a unit got another parent, an employee moved into or
// out of the scope) the page answers reset: the records the phone holds no longer match what it may see.
#include "sync/pull.h"

#include "storage/change_sequence.h"
#include "storage/cursor.h"
#include "storage/org_rows.h"
#include "storage/record_rows.h"
#include "sync/scope.h"

#include <algorithm>
#include <unordered_set>

namespace floorwalk::server {
namespace {

// Employees currently in the scope; ?1 is the organisation and ?4 the scope's units as JSON.
std::string scope_employees(const db::Connection& db) {
    return "(SELECT se.id FROM employees se WHERE se.organization_id = ?1 AND se.unit_id IN (" + db.id_list(4) + "))";
}

struct ObservationRow {
    std::int64_t seq = 0;
    bool visible = true;
    Observation record;
};

struct ActivityRow {
    std::int64_t seq = 0;
    bool visible = true;
    CoachingActivity record;
};

std::vector<ObservationRow> observation_changes(db::Connection& db, const Caller& caller, const Scope& scope,
                                                bool first, std::int64_t since, int limit) {
    auto statement = db.prepare(observation_changes_sql(db, !scope.whole_organization, first));
    statement.bind_all(caller.organization_id, since, limit);
    if (!scope.whole_organization) statement.bind(4, scope.unit_ids_json);
    std::vector<ObservationRow> rows;
    while (statement.step()) {
        ObservationRow row;
        row.record.id = statement.text(0);
        row.record.revision = statement.integer(1);
        row.record.base_revision = row.record.revision - 1;
        row.record.employee_id = statement.text(2);
        row.record.observer_id = statement.text(3);
        row.record.observed_at = from_millis(statement.int64(4));
        row.record.model_version = statement.integer(5);
        row.record.comment = statement.text(6);
        row.record.coaching_action = statement.text(7);
        row.record.deleted = statement.integer(8) != 0;
        row.seq = statement.int64(9);
        row.record.received_at = from_millis(statement.int64(10));
        row.visible = statement.integer(11) != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

// Parameters: ?1 organisation, ?2 since, ?3 limit, and for a scoped caller ?4 scope units (JSON), ?5 his user id.
std::vector<ActivityRow> activity_changes(db::Connection& db, const Caller& caller, const Scope& scope, bool first,
                                          std::int64_t since, int limit) {
    auto participant_in_scope = [&db](bool current_revision) {
        return "EXISTS (SELECT 1 FROM activity_participants p WHERE p.organization_id = ?1 AND p.activity_id = a.id" +
               std::string(current_revision ? " AND p.revision = a.revision" : "") + " AND p.employee_id IN " +
               scope_employees(db) + ")";
    };
    std::string visible = "1";
    std::string filter;
    if (first) filter = " AND a.deleted = 0";
    if (!scope.whole_organization) {
        if (first) {
            filter += " AND (a.manager_id = ?5 OR " + participant_in_scope(true) + ")";
        } else {
            visible = "(a.manager_id = ?5 OR " + participant_in_scope(true) + ")";
            filter += " AND (a.manager_id = ?5 OR " + participant_in_scope(false) + ")";
        }
    }
    auto statement = db.prepare(
        "SELECT a.id, a.revision, a.manager_id, a.kind, a.occurred_at, a.note, a.deleted, a.seq, a.received_at, " +
        visible +
        " FROM activities a WHERE a.organization_id = ?1 AND a.seq > ?2" + filter + " ORDER BY a.seq LIMIT ?3");
    statement.bind_all(caller.organization_id, since, limit);
    if (!scope.whole_organization) statement.bind(4, scope.unit_ids_json).bind(5, caller.user_id);
    std::vector<ActivityRow> rows;
    while (statement.step()) {
        ActivityRow row;
        row.record.id = statement.text(0);
        row.record.revision = statement.integer(1);
        row.record.base_revision = row.record.revision - 1;
        row.record.manager_id = statement.text(2);
        row.record.kind = activity_kind_from_column(statement.text(3));
        row.record.occurred_at = from_millis(statement.int64(4));
        row.record.note = statement.text(5);
        row.record.deleted = statement.integer(6) != 0;
        row.seq = statement.int64(7);
        row.record.received_at = from_millis(statement.int64(8));
        row.visible = statement.integer(9) != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

// The first column of the first row as an integer; 0 when there is no row or it is NULL.
template <typename... Args>
std::int64_t query_integer(db::Connection& db, const std::string& sql, const Args&... args) {
    auto statement = db.prepare(sql);
    statement.bind_all(args...);
    return statement.step() && !statement.is_null(0) ? statement.int64(0) : 0;
}

// True when what the caller may see changed shape since `since` (see the file comment).
bool scope_moved_since(db::Connection& db, const Caller& caller, const Scope& scope, std::int64_t since) {
    const std::string& org = caller.organization_id;
    if (query_integer(db, "SELECT 1 FROM users WHERE organization_id = ?1 AND id = ?2 AND scope_seq > ?3", org,
                      caller.user_id, since) != 0) {
        return true;
    }
    if (scope.whole_organization) return false;
    if (query_integer(db, "SELECT 1 FROM units WHERE organization_id = ?1 AND moved_seq > ?2 LIMIT 1", org, since) !=
        0) {
        return true;
    }
    return query_integer(db,
                         "SELECT 1 FROM employee_moves WHERE organization_id = ?1 AND seq > ?2"
                         " AND (from_unit_id IN (" +
                             db.id_list(3) + ") OR to_unit_id IN (" + db.id_list(3) + ")) LIMIT 1",
                         org, since, scope.unit_ids_json) != 0;
}

// Units, employees and the model when they changed since `since` (always on a first pull), and the settings.
void add_organization_data(db::Connection& db, const Caller& caller, const Scope& scope, bool first,
                           std::int64_t since, PullPage& page) {
    const std::string& org = caller.organization_id;
    page.settings = load_settings(db, org).value_or(OrganizationSettings{});

    if (const auto version = latest_model_version(db, org)) {
        const auto created = query_integer(
            db, "SELECT created_seq FROM models WHERE organization_id = ?1 AND version = ?2", org, *version);
        if (first || created > since) page.model = load_model(db, org, *version);
    }

    if (scope.whole_organization) {
        if (first || query_integer(db, "SELECT max(changed_seq) FROM units WHERE organization_id = ?1", org) > since) {
            page.units = load_units(db, org);
        }
        if (first ||
            query_integer(db, "SELECT max(changed_seq) FROM employees WHERE organization_id = ?1", org) > since) {
            page.employees = load_employees(db, org);
        }
        return;
    }
    if (first || query_integer(db,
                               "SELECT max(changed_seq) FROM units WHERE organization_id = ?1 AND id IN (" +
                                   db.id_list(2) + ")",
                               org, scope.unit_ids_json) > since) {
        page.units = load_units_in(db, org, scope.unit_ids_json);
    }
    if (first || query_integer(db,
                               "SELECT max(changed_seq) FROM employees WHERE organization_id = ?1 AND unit_id IN (" +
                                   db.id_list(2) + ")",
                               org, scope.unit_ids_json) > since) {
        page.employees = load_employees_in(db, org, scope.unit_ids_json);
    }
}

// Another manager's activity, seen because some participants are in the caller's scope: the caller gets its time,
// kind and those participants (what the phone's deployment figures need), never the other participants' ids nor
// the author's note, which may speak of people outside the caller's units.
void keep_only_what_is_in_scope(db::Connection& db, const std::string& organization_id, const Scope& scope,
                                CoachingActivity& activity) {
    auto statement = db.prepare("SELECT id FROM employees WHERE organization_id = ?1 AND id IN (" + db.id_list(2) +
                                ") AND unit_id IN (" + db.id_list(3) + ")");
    statement.bind_all(organization_id, json_string_array(activity.participant_ids), scope.unit_ids_json);
    std::unordered_set<std::string> in_scope;
    while (statement.step()) in_scope.insert(statement.text(0));
    std::erase_if(activity.participant_ids, [&](const std::string& id) { return !in_scope.contains(id); });
    activity.note.clear();
}

PullPage reset_page() {
    PullPage page;
    page.reset = true;
    return page;
}

}  // namespace

std::string observation_changes_sql(const db::Connection& db, bool scoped, bool first) {
    const std::string columns =
        "SELECT o.id, o.revision, o.employee_id, o.observer_id, o.observed_at, o.model_version, o.comment,"
        " o.coaching_action, o.deleted, o.seq, o.received_at, ";
    if (scoped && first) {
        // Driven by the employees in scope (CROSS JOIN keeps SQLite from reordering it), each read through
        // observations_by_employee: what the scope holds, never every observation of the organisation in change
        // order, which made a manager's first pull cost in proportion to the whole organisation.
        return columns +
               "1 FROM employees se CROSS JOIN observations o"
               " WHERE se.organization_id = ?1 AND se.unit_id IN (" +
               db.id_list(4) +
               ") AND o.organization_id = ?1 AND o.employee_id = se.id AND o.seq > ?2 AND o.deleted = 0"
               " ORDER BY o.seq LIMIT ?3";
    }
    std::string visible = "1";
    std::string filter;
    if (first) filter = " AND o.deleted = 0";
    if (scoped) {
        visible = "o.employee_id IN " + scope_employees(db);
        filter +=
            " AND EXISTS (SELECT 1 FROM observation_revisions r WHERE r.organization_id = ?1"
            " AND r.id = o.id AND r.employee_id IN " +
            scope_employees(db) + ")";
    }
    return columns + visible + " FROM observations o WHERE o.organization_id = ?1 AND o.seq > ?2" + filter +
           " ORDER BY o.seq LIMIT ?3";
}

PullPage read_pull(db::Connection& db, const std::string& database_id, const Caller& caller,
                   std::string_view cursor, int limit) {
    limit = std::clamp(limit, min_pull_limit, max_pull_limit);
    const bool first = cursor.empty();
    std::int64_t since = 0;
    if (!first) {
        const auto position = decode_cursor(cursor);
        if (!position || position->database_id != database_id) return reset_page();
        since = position->seq;
    }

    // The caller runs this in one snapshot session: the counter and the rows agree.
    const std::int64_t last_seq = read_change_seq(db, caller.organization_id);
    if (since > last_seq) return reset_page();  // a cursor from the future: another database with the same id

    const Scope scope = resolve_scope(db, caller);
    if (!first && scope_moved_since(db, caller, scope, since)) return reset_page();

    // Fetching limit + 1 of each kind and merging by seq takes the `limit` smallest numbers of both: any row of
    // either kind below the last one taken was among those fetched.
    auto observations = observation_changes(db, caller, scope, first, since, limit + 1);
    auto activities = activity_changes(db, caller, scope, first, since, limit + 1);

    PullPage page;
    std::size_t o = 0;
    std::size_t a = 0;
    std::int64_t page_end = last_seq;
    for (int taken = 0; o < observations.size() || a < activities.size(); ++taken) {
        const bool take_observation =
            a == activities.size() || (o < observations.size() && observations[o].seq < activities[a].seq);
        const std::int64_t seq = take_observation ? observations[o].seq : activities[a].seq;
        if (taken == limit) {
            page.has_more = true;
            break;
        }
        page_end = seq;
        if (take_observation) {
            auto& row = observations[o++];
            if (row.visible && !row.record.deleted) {
                row.record.ratings = load_ratings(db, caller.organization_id, row.record.id, row.record.revision);
                page.observations.push_back(std::move(row.record));
            } else {
                page.deleted_ids.push_back(std::move(row.record.id));
            }
        } else {
            auto& row = activities[a++];
            if (row.visible && !row.record.deleted) {
                row.record.participant_ids =
                    load_participants(db, caller.organization_id, row.record.id, row.record.revision);
                if (!scope.whole_organization && row.record.manager_id != caller.user_id) {
                    keep_only_what_is_in_scope(db, caller.organization_id, scope, row.record);
                }
                page.activities.push_back(std::move(row.record));
            } else {
                page.deleted_ids.push_back(std::move(row.record.id));
            }
        }
    }
    if (!page.has_more) page_end = last_seq;
    page.cursor = encode_cursor({database_id, page_end});

    add_organization_data(db, caller, scope, first, since, page);
    return page;
}

}  // namespace floorwalk::server
