#include "sync/imports.h"

#include "floorwalk/unit_tree.h"
#include "floorwalk/uuid.h"
#include "floorwalk/validation.h"
#include "storage/org_rows.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace floorwalk::server {
namespace {

std::string in_quotes(const std::string& text) { return "\"" + text + "\""; }

// Collects row errors; rows are 1-based over the data rows, 0 for what concerns no single row. At most
// max_import_errors are kept (a 100,000-row file of bad rows must not make a 10 MB answer); the rest are counted
// and summed up in one last error.
class RowErrors {
public:
    void add(std::size_t index, std::string field, std::string message) {
        rows_with_errors_.insert(index);
        push({static_cast<int>(index + 1), std::move(field), std::move(message)});
    }
    void add_general(std::string field, std::string message) { push({0, std::move(field), std::move(message)}); }
    void add_all(std::size_t index, const ValidationErrors& errors) {
        for (const auto& error : errors) add(index, error.field, error.message);
    }
    // Whether the row at `index` already has an error (later checks would only repeat it).
    [[nodiscard]] bool has(std::size_t index) const { return rows_with_errors_.contains(index); }
    [[nodiscard]] bool empty() const { return result_.errors.empty(); }
    [[nodiscard]] ImportResult take() {
        std::stable_sort(result_.errors.begin(), result_.errors.end(),
                         [](const RowError& a, const RowError& b) { return a.row < b.row; });
        if (dropped_ > 0) {
            result_.errors.push_back({0, "rows",
                                      std::to_string(dropped_) + " more errors are not listed (at most " +
                                          std::to_string(max_import_errors) +
                                          " are): correct the rows above and import again"});
        }
        return std::move(result_);
    }

private:
    void push(RowError error) {
        if (result_.errors.size() >= max_import_errors) {
            ++dropped_;
            return;
        }
        result_.errors.push_back(std::move(error));
    }

    ImportResult result_;
    std::unordered_set<std::size_t> rows_with_errors_;
    std::size_t dropped_ = 0;
};

// The row where `key` first appeared, remembering this one; nullopt the first time.
template <typename Key>
std::optional<std::size_t> earlier_row(std::map<Key, std::size_t>& seen, const Key& key, std::size_t index) {
    const auto [it, inserted] = seen.emplace(key, index);
    if (inserted) return std::nullopt;
    return it->second;
}

std::string row_name(std::size_t index) { return "row " + std::to_string(index + 1); }

std::unordered_set<std::string> stored_unit_ids(db::Connection& db, const std::string& organization_id) {
    std::unordered_set<std::string> ids;
    for (auto& unit : load_units(db, organization_id)) ids.insert(std::move(unit.id));
    return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// Units

// The shared tree rules (UnitTree::problems: one root, no cycle, known parents, at most max_unit_depth levels)
// over the stored units as the rows would leave them, in linear time. The stored units that no row replaces come
// first, so a stored root stays the root and a second root is blamed on the row that brings it. A problem of a row
// is reported on that row; one of a stored unit (moved too deep by a row that moved its parent, say) is reported
// for the import as a whole, naming the unit. When some row already broke a rule of its own, only unknown parents
// are reported: roots and cycles of a set that will be corrected anyway would mislead.
void check_unit_tree(const std::vector<Unit>& rows, const std::vector<Unit>& stored, RowErrors& errors) {
    const bool rows_valid = errors.empty();
    std::unordered_set<std::string_view> in_rows;
    for (const auto& row : rows) in_rows.insert(row.id);
    std::vector<Unit> merged;
    merged.reserve(stored.size() + rows.size());
    for (const auto& unit : stored) {
        if (!in_rows.contains(unit.id)) merged.push_back(unit);
    }
    const std::size_t first_row = merged.size();
    merged.insert(merged.end(), rows.begin(), rows.end());

    for (auto& problem : UnitTree::problems(merged)) {
        if (!rows_valid && problem.code != "unit_parent_unknown") continue;
        if (problem.code == "unit_parent_unknown") {
            // Both the import and the organisation lack it: say so, since the user may think it is stored.
            problem.message += " in this import nor in the organisation";
        }
        if (problem.index && *problem.index >= first_row) {
            const std::size_t row = *problem.index - first_row;
            if (!errors.has(row) || problem.code == "unit_parent_unknown") {
                errors.add(row, std::move(problem.field), std::move(problem.message));
            }
        } else if (problem.index) {
            if (problem.code == "unit_cycle") continue;  // a new cycle always runs through a row, blamed above
            errors.add_general(problem.field,
                               "stored unit " + in_quotes(merged[*problem.index].id) + ": " + problem.message);
        } else {
            errors.add_general(std::move(problem.field), std::move(problem.message));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Users

bool same_units(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

void write_user_units(db::Connection& db, const std::string& organization_id, const std::string& user_id,
                      const std::vector<std::string>& unit_ids) {
    db.prepare("DELETE FROM user_units WHERE organization_id = ?1 AND user_id = ?2")
        .bind_all(organization_id, user_id)
        .run();
    auto insert =
        db.prepare("INSERT INTO user_units (organization_id, user_id, unit_id, position) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < unit_ids.size(); ++i) {
        insert.bind_all(organization_id, user_id, unit_ids[i], static_cast<int>(i));
        insert.run();
        insert.reset();
    }
}

}  // namespace

ImportResult apply_unit_import(db::Connection& db, ChangeSequence& sequence, const std::string& organization_id,
                               const std::vector<Unit>& units) {
    if (units.empty()) return {};  // nothing changes, whatever the tree holds
    RowErrors errors;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < units.size(); ++i) {
        errors.add_all(i, validate_unit(units[i]));
        if (const auto earlier = earlier_row(seen, units[i].id, i)) {
            errors.add(i, "id",
                       "id " + in_quotes(units[i].id) + " is also on " + row_name(*earlier) +
                           ": each unit appears once in an import");
        }
    }
    const std::vector<Unit> stored = load_units(db, organization_id);
    check_unit_tree(units, stored, errors);
    if (!errors.empty()) return errors.take();

    std::unordered_map<std::string, const Unit*> before;
    for (const auto& unit : stored) before.emplace(unit.id, &unit);
    ImportResult result;
    for (const Unit& unit : units) {
        const auto it = before.find(unit.id);
        if (it != before.end() && *it->second == unit) continue;
        const auto seq = sequence.next();
        const bool moved = it != before.end() && it->second->parent_id != unit.parent_id;
        db.prepare(
              "INSERT INTO units (organization_id, id, parent_id, name, kind, changed_seq, moved_seq)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)"
              " ON CONFLICT (organization_id, id) DO UPDATE SET parent_id = excluded.parent_id,"
              " name = excluded.name, kind = excluded.kind, changed_seq = excluded.changed_seq,"
              " moved_seq = CASE WHEN ?7 = 1 THEN excluded.changed_seq ELSE units.moved_seq END")
            .bind(1, organization_id)
            .bind(2, unit.id)
            .bind_optional(3, unit.parent_id)
            .bind(4, unit.name)
            .bind(5, to_string(unit.kind))
            .bind(6, seq)
            .bind(7, moved)
            .run();
        ++result.applied;
    }
    return result;
}

ImportResult apply_employee_import(db::Connection& db, ChangeSequence& sequence, const std::string& organization_id,
                                   const std::vector<Employee>& employees, Timestamp now) {
    RowErrors errors;
    std::map<std::string, std::size_t> seen;
    const auto units = stored_unit_ids(db, organization_id);
    for (std::size_t i = 0; i < employees.size(); ++i) {
        const Employee& employee = employees[i];
        errors.add_all(i, validate_employee(employee));
        if (const auto earlier = earlier_row(seen, employee.id, i)) {
            errors.add(i, "id",
                       "id " + in_quotes(employee.id) + " is also on " + row_name(*earlier) +
                           ": each employee appears once in an import");
        }
        if (!employee.unit_id.empty() && !units.contains(employee.unit_id)) {
            errors.add(i, "unitId",
                       "unitId is " + in_quotes(employee.unit_id) +
                           ", not a unit of the organisation: import the units first");
        }
    }
    if (!errors.empty()) return errors.take();

    ImportResult result;
    for (const Employee& employee : employees) {
        const auto stored = load_employee(db, organization_id, employee.id);
        if (stored && *stored == employee) continue;
        const auto seq = sequence.next();
        if (stored && stored->unit_id != employee.unit_id) {
            db.prepare(
                  "INSERT INTO employee_moves (organization_id, seq, employee_id, from_unit_id, to_unit_id)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)")
                .bind_all(organization_id, seq, employee.id, stored->unit_id, employee.unit_id)
                .run();
        }
        // inactive_since is the time of the import that switched the employee off, kept while they stay off.
        db.prepare(
              "INSERT INTO employees (organization_id, id, unit_id, display_name, job_title, active, changed_seq,"
              " inactive_since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?6 = 1 THEN NULL ELSE CAST(?8 AS BIGINT) END)"
              " ON CONFLICT (organization_id, id) DO UPDATE SET unit_id = excluded.unit_id,"
              " display_name = excluded.display_name, job_title = excluded.job_title, active = excluded.active,"
              " changed_seq = excluded.changed_seq,"
              " inactive_since = CASE WHEN excluded.active = 1 THEN NULL"
              "  WHEN employees.active = 1 THEN excluded.inactive_since ELSE employees.inactive_since END")
            .bind_all(organization_id, employee.id, employee.unit_id, employee.display_name, employee.job_title,
                      employee.active, seq, to_millis(now))
            .run();
        ++result.applied;
    }
    return result;
}

ImportResult apply_user_import(db::Connection& db, ChangeSequence& sequence, const std::string& organization_id,
                               const std::vector<UserImportRow>& rows, Timestamp now) {
    RowErrors errors;
    std::map<std::string, std::size_t> seen;
    const auto units = stored_unit_ids(db, organization_id);
    std::vector<std::optional<StoredUser>> stored(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        User user = rows[i].user;
        user.id.clear();  // users are matched by username; ids are the server's
        errors.add_all(i, validate_user(user));
        if (const auto earlier = earlier_row(seen, user.username, i)) {
            errors.add(i, "username",
                       "username " + in_quotes(user.username) + " is also on " + row_name(*earlier) +
                           ": each user appears once in an import");
        }
        for (std::size_t k = 0; k < user.unit_ids.size(); ++k) {
            if (!user.unit_ids[k].empty() && !units.contains(user.unit_ids[k])) {
                errors.add(i, "unitIds[" + std::to_string(k) + "]",
                           "unitIds[" + std::to_string(k) + "] is " + in_quotes(user.unit_ids[k]) +
                               ", not a unit of the organisation: import the units first");
            }
        }
        stored[i] = load_user_by_username(db, organization_id, user.username);
        const bool has_password = rows[i].password_hash && !rows[i].password_hash->empty();
        if (!stored[i] && !has_password) {
            errors.add(i, "password", "password is empty: a new user needs a password to sign in with");
        }
    }
    if (!errors.empty()) return errors.take();

    ImportResult result;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const User& user = rows[i].user;
        const bool new_password = rows[i].password_hash && !rows[i].password_hash->empty();
        if (!stored[i]) {
            const std::string id = make_uuid_v7(now);
            db.prepare(
                  "INSERT INTO users (organization_id, id, username, display_name, role, password_hash, scope_seq,"
                  " active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .bind_all(organization_id, id, user.username, user.display_name, std::string(to_string(user.role)),
                          *rows[i].password_hash, sequence.next(), rows[i].active.value_or(true))
                .run();
            write_user_units(db, organization_id, id, user.unit_ids);
            ++result.applied;
            continue;
        }
        const User& before = stored[i]->user;
        const bool scope_changed = before.role != user.role || !same_units(before.unit_ids, user.unit_ids);
        const bool password_changed = new_password && stored[i]->password_hash != *rows[i].password_hash;
        const bool active = rows[i].active.value_or(before.active);
        const bool changed = scope_changed || before.display_name != user.display_name ||
                             before.unit_ids != user.unit_ids || password_changed || active != before.active;
        if (!changed) continue;
        // A new password, or a deactivation, ends every session the user has open.
        if (password_changed || !active) delete_user_tokens(db, organization_id, before.id);
        db.prepare(
              "UPDATE users SET display_name = ?3, role = ?4,"
              " password_hash = CASE WHEN ?5 = 1 THEN ?6 ELSE password_hash END,"
              " scope_seq = CASE WHEN ?7 = 1 THEN ?8 ELSE scope_seq END, active = ?9"
              " WHERE organization_id = ?1 AND id = ?2")
            .bind_all(organization_id, before.id, user.display_name, std::string(to_string(user.role)), new_password,
                      new_password ? *rows[i].password_hash : std::string(), scope_changed, sequence.next(), active)
            .run();
        if (before.unit_ids != user.unit_ids) write_user_units(db, organization_id, before.id, user.unit_ids);
        ++result.applied;
    }
    return result;
}

ImportResult apply_model_import(db::Connection& db, ChangeSequence& sequence, const std::string& organization_id,
                                const ExperienceModel& input) {
    ExperienceModel model = input;
    model.version = latest_model_version(db, organization_id).value_or(0) + 1;
    RowErrors errors;
    for (const auto& error : validate_model(model)) errors.add_general(error.field, error.message);
    if (!errors.empty()) return errors.take();

    const auto& org = organization_id;
    db.prepare(
          "INSERT INTO models (organization_id, version, model_id, name, mastery_threshold, created_seq)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind_all(org, model.version, model.id, model.name, model.scale.mastery_threshold, sequence.next())
        .run();
    auto level =
        db.prepare("INSERT INTO model_levels (organization_id, version, level, label) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& l : model.scale.levels) {
        level.bind_all(org, model.version, l.level, l.label);
        level.run();
        level.reset();
    }
    auto dimension = db.prepare(
        "INSERT INTO model_dimensions (organization_id, version, position, id, name, description)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto behaviour = db.prepare(
        "INSERT INTO model_behaviours (organization_id, version, dimension_id, position, text)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < model.dimensions.size(); ++i) {
        const Dimension& d = model.dimensions[i];
        dimension.bind_all(org, model.version, static_cast<int>(i), d.id, d.name, d.description);
        dimension.run();
        dimension.reset();
        for (std::size_t k = 0; k < d.behaviours.size(); ++k) {
            behaviour.bind_all(org, model.version, d.id, static_cast<int>(k), d.behaviours[k]);
            behaviour.run();
            behaviour.reset();
        }
    }
    return ImportResult{model.version, {}};
}

ImportResult apply_kpi_import(db::Connection& db, ChangeSequence& sequence, const std::string& organization_id,
                              const std::vector<KpiValue>& kpis) {
    RowErrors errors;
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
    const auto units = stored_unit_ids(db, organization_id);
    for (std::size_t i = 0; i < kpis.size(); ++i) {
        const KpiValue& kpi = kpis[i];
        errors.add_all(i, validate_kpi(kpi));
        if (!kpi.unit_id.empty() && !units.contains(kpi.unit_id)) {
            errors.add(
                i, "unitId",
                "unitId is " + in_quotes(kpi.unit_id) + ", not a unit of the organisation: import the units first");
        }
        if (const auto earlier = earlier_row(seen, std::make_tuple(kpi.unit_id, kpi.period, kpi.metric), i)) {
            errors.add(i, "metric",
                       "metric " + in_quotes(kpi.metric) + " of unit " + in_quotes(kpi.unit_id) + " for " +
                           in_quotes(kpi.period) + " is also on " + row_name(*earlier) + ": give each value once");
        }
    }
    if (!errors.empty()) return errors.take();

    ImportResult result;
    for (const KpiValue& kpi : kpis) {
        {
            auto existing = db.prepare(
                "SELECT value FROM kpis WHERE organization_id = ?1 AND unit_id = ?2 AND period = ?3 AND metric = ?4");
            existing.bind_all(organization_id, kpi.unit_id, kpi.period, kpi.metric);
            if (existing.step() && existing.real(0) == kpi.value) continue;
        }
        db.prepare(
              "INSERT INTO kpis (organization_id, unit_id, period, metric, value, changed_seq)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
              " ON CONFLICT (organization_id, unit_id, period, metric) DO UPDATE SET value = excluded.value,"
              " changed_seq = excluded.changed_seq")
            .bind_all(organization_id, kpi.unit_id, kpi.period, kpi.metric, kpi.value, sequence.next())
            .run();
        ++result.applied;
    }
    return result;
}

}  // namespace floorwalk::server
