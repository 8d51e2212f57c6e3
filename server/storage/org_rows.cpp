#include "storage/org_rows.h"

#include <cstdio>

namespace floorwalk::server {
namespace {

constexpr const char* unit_columns = "id, coalesce(parent_id, ''), name, kind";
constexpr const char* employee_columns = "id, unit_id, display_name, job_title, active";

Unit read_unit(const db::Statement& row) {
    return Unit{row.text(0), row.text(1), row.text(2), unit_kind_from_column(row.text(3))};
}

Employee read_employee(const db::Statement& row) {
    return Employee{row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4) != 0};
}

std::vector<std::string> load_user_units(db::Connection& db, const std::string& organization_id,
                                         const std::string& user_id) {
    auto statement =
        db.prepare("SELECT unit_id FROM user_units WHERE organization_id = ?1 AND user_id = ?2 ORDER BY position");
    statement.bind_all(organization_id, user_id);
    std::vector<std::string> units;
    while (statement.step()) units.push_back(statement.text(0));
    return units;
}

constexpr const char* user_columns = "id, username, display_name, role, password_hash, active";

StoredUser read_user(db::Connection& db, const std::string& organization_id, const db::Statement& row) {
    StoredUser stored;
    stored.organization_id = organization_id;
    stored.user.id = row.text(0);
    stored.user.username = row.text(1);
    stored.user.display_name = row.text(2);
    stored.user.role = role_from_column(row.text(3));
    stored.password_hash = row.text(4);
    stored.user.active = row.integer(5) != 0;
    stored.user.unit_ids = load_user_units(db, organization_id, stored.user.id);
    return stored;
}

}  // namespace

std::optional<Organization> load_organization(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare("SELECT id, name FROM organizations WHERE id = ?1");
    statement.bind_all(organization_id);
    if (!statement.step()) return std::nullopt;
    return Organization{statement.text(0), statement.text(1)};
}

std::optional<OrganizationSettings> load_settings(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare("SELECT min_group_size, due_after_days FROM organizations WHERE id = ?1");
    statement.bind_all(organization_id);
    if (!statement.step()) return std::nullopt;
    return OrganizationSettings{statement.integer(0), statement.integer(1)};
}

std::vector<Unit> load_units(db::Connection& db, const std::string& organization_id) {
    auto statement =
        db.prepare(std::string("SELECT ") + unit_columns + " FROM units WHERE organization_id = ?1 ORDER BY " +
                   std::string(db.insertion_order()));
    statement.bind_all(organization_id);
    std::vector<Unit> units;
    while (statement.step()) units.push_back(read_unit(statement));
    return units;
}

std::vector<Unit> load_units_in(db::Connection& db, const std::string& organization_id,
                                const std::string& unit_ids_json) {
    auto statement = db.prepare(std::string("SELECT ") + unit_columns + " FROM units WHERE organization_id = ?1 AND id IN (" +
                                db.id_list(2) + ") ORDER BY " + std::string(db.insertion_order()));
    statement.bind_all(organization_id, unit_ids_json);
    std::vector<Unit> units;
    while (statement.step()) units.push_back(read_unit(statement));
    return units;
}

std::vector<Employee> load_employees(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare(std::string("SELECT ") + employee_columns +
                                " FROM employees WHERE organization_id = ?1 ORDER BY " +
                                std::string(db.insertion_order()));
    statement.bind_all(organization_id);
    std::vector<Employee> employees;
    while (statement.step()) employees.push_back(read_employee(statement));
    return employees;
}

std::vector<Employee> load_employees_in(db::Connection& db, const std::string& organization_id,
                                        const std::string& unit_ids_json) {
    auto statement = db.prepare(std::string("SELECT ") + employee_columns +
                                " FROM employees WHERE organization_id = ?1 AND unit_id IN (" + db.id_list(2) +
                                ") ORDER BY " + std::string(db.insertion_order()));
    statement.bind_all(organization_id, unit_ids_json);
    std::vector<Employee> employees;
    while (statement.step()) employees.push_back(read_employee(statement));
    return employees;
}

std::optional<Employee> load_employee(db::Connection& db, const std::string& organization_id,
                                      const std::string& employee_id) {
    auto statement = db.prepare(std::string("SELECT ") + employee_columns +
                                " FROM employees WHERE organization_id = ?1 AND id = ?2");
    statement.bind_all(organization_id, employee_id);
    if (!statement.step()) return std::nullopt;
    return read_employee(statement);
}

std::unordered_map<std::string, EmployeeStatus> load_employee_statuses(db::Connection& db,
                                                                      const std::string& organization_id,
                                                                      const std::vector<std::string>& ids) {
    std::unordered_map<std::string, EmployeeStatus> found;
    if (ids.empty()) return found;
    auto statement = db.prepare("SELECT id, unit_id, active, inactive_since FROM employees"
                                " WHERE organization_id = ?1 AND id IN (" + db.id_list(2) + ")");
    statement.bind_all(organization_id, db::json_string_array(ids));
    while (statement.step()) {
        EmployeeStatus status{statement.text(1), std::nullopt};
        // An inactive row without a time (written by hand) counts as inactive since ever.
        if (statement.integer(2) == 0) {
            status.inactive_since = statement.is_null(3) ? Timestamp{} : from_millis(statement.int64(3));
        }
        found.emplace(statement.text(0), std::move(status));
    }
    return found;
}

void delete_user_tokens(db::Connection& db, const std::string& organization_id, const std::string& user_id) {
    db.prepare("DELETE FROM tokens WHERE organization_id = ?1 AND user_id = ?2").bind_all(organization_id, user_id).run();
}

std::optional<StoredUser> load_user(db::Connection& db, const std::string& organization_id,
                                    const std::string& user_id) {
    auto statement =
        db.prepare(std::string("SELECT ") + user_columns + " FROM users WHERE organization_id = ?1 AND id = ?2");
    statement.bind_all(organization_id, user_id);
    if (!statement.step()) return std::nullopt;
    return read_user(db, organization_id, statement);
}

std::optional<StoredUser> load_user_by_username(db::Connection& db, const std::string& organization_id,
                                                std::string_view username) {
    auto statement =
        db.prepare(std::string("SELECT ") + user_columns + " FROM users WHERE organization_id = ?1 AND username = ?2");
    statement.bind(1, organization_id).bind(2, username);
    if (!statement.step()) return std::nullopt;
    return read_user(db, organization_id, statement);
}

std::vector<User> load_users(db::Connection& db, const std::string& organization_id) {
    auto statement =
        db.prepare(std::string("SELECT ") + user_columns + " FROM users WHERE organization_id = ?1 ORDER BY " +
                   std::string(db.insertion_order()));
    statement.bind_all(organization_id);
    std::vector<User> users;
    while (statement.step()) users.push_back(read_user(db, organization_id, statement).user);
    return users;
}

std::optional<int> latest_model_version(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare("SELECT max(version) FROM models WHERE organization_id = ?1");
    statement.bind_all(organization_id);
    if (!statement.step() || statement.is_null(0)) return std::nullopt;
    return statement.integer(0);
}

std::optional<ExperienceModel> load_model(db::Connection& db, const std::string& organization_id, int version) {
    ExperienceModel model;
    {
        auto statement = db.prepare(
            "SELECT model_id, name, mastery_threshold FROM models WHERE organization_id = ?1 AND version = ?2");
        statement.bind_all(organization_id, version);
        if (!statement.step()) return std::nullopt;
        model.id = statement.text(0);
        model.version = version;
        model.name = statement.text(1);
        model.scale.mastery_threshold = statement.integer(2);
    }
    {
        auto statement = db.prepare(
            "SELECT level, label FROM model_levels WHERE organization_id = ?1 AND version = ?2 ORDER BY level");
        statement.bind_all(organization_id, version);
        while (statement.step()) model.scale.levels.push_back({statement.integer(0), statement.text(1)});
    }
    {
        auto statement = db.prepare(
            "SELECT id, name, description FROM model_dimensions WHERE organization_id = ?1 AND version = ?2"
            " ORDER BY position");
        statement.bind_all(organization_id, version);
        while (statement.step()) {
            model.dimensions.push_back({statement.text(0), statement.text(1), statement.text(2), {}});
        }
    }
    auto statement = db.prepare(
        "SELECT text FROM model_behaviours WHERE organization_id = ?1 AND version = ?2 AND dimension_id = ?3"
        " ORDER BY position");
    for (Dimension& dimension : model.dimensions) {
        statement.bind_all(organization_id, version, dimension.id);
        while (statement.step()) dimension.behaviours.push_back(statement.text(0));
        statement.reset();
    }
    return model;
}

std::vector<KpiValue> load_kpis(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare(
        "SELECT unit_id, period, metric, value FROM kpis WHERE organization_id = ?1"
        " ORDER BY unit_id, period, metric");
    statement.bind_all(organization_id);
    std::vector<KpiValue> kpis;
    while (statement.step()) {
        kpis.push_back({statement.text(0), statement.text(1), statement.text(2), statement.real(3)});
    }
    return kpis;
}

Role role_from_column(const std::string& text) { return parse_role(text).value_or(Role::unspecified); }

UnitKind unit_kind_from_column(const std::string& text) {
    return parse_unit_kind(text).value_or(UnitKind::unspecified);
}

ActivityKind activity_kind_from_column(const std::string& text) {
    return parse_activity_kind(text).value_or(ActivityKind::unspecified);
}

}  // namespace floorwalk::server
