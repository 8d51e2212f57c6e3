// Reading organisation data (units, employees, users, models, settings) from rows, for any connection.
#pragma once

#include "floorwalk/domain.h"
#include "database/database.h"
#include "storage/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace floorwalk::server {

// Times are stored as milliseconds since the Unix epoch.
[[nodiscard]] inline std::int64_t to_millis(Timestamp t) { return t.time_since_epoch().count(); }
[[nodiscard]] inline Timestamp from_millis(std::int64_t ms) { return Timestamp(std::chrono::milliseconds(ms)); }

using db::json_string_array;

[[nodiscard]] std::optional<Organization> load_organization(db::Connection& db, const std::string& organization_id);
[[nodiscard]] std::optional<OrganizationSettings> load_settings(db::Connection& db,
                                                                const std::string& organization_id);

// In the order they were first imported.
[[nodiscard]] std::vector<Unit> load_units(db::Connection& db, const std::string& organization_id);
// The units whose ids are in `unit_ids_json` (a json_string_array), in import order.
[[nodiscard]] std::vector<Unit> load_units_in(db::Connection& db, const std::string& organization_id,
                                              const std::string& unit_ids_json);
[[nodiscard]] std::vector<Employee> load_employees(db::Connection& db, const std::string& organization_id);
// The employees whose current unit is in `unit_ids_json`.
[[nodiscard]] std::vector<Employee> load_employees_in(db::Connection& db, const std::string& organization_id,
                                                      const std::string& unit_ids_json);
[[nodiscard]] std::optional<Employee> load_employee(db::Connection& db, const std::string& organization_id,
                                                    const std::string& employee_id);
// What push needs of an employee: his current unit and since when he is inactive (nullopt while active).
struct EmployeeStatus {
    std::string unit_id;
    std::optional<Timestamp> inactive_since;
};
// The employees among `ids`, by id (an id that is no employee of the organisation is absent). One query for a
// whole push.
[[nodiscard]] std::unordered_map<std::string, EmployeeStatus> load_employee_statuses(
    db::Connection& db, const std::string& organization_id, const std::vector<std::string>& ids);

[[nodiscard]] std::optional<StoredUser> load_user(db::Connection& db, const std::string& organization_id,
                                                  const std::string& user_id);
[[nodiscard]] std::optional<StoredUser> load_user_by_username(db::Connection& db,
                                                              const std::string& organization_id,
                                                              std::string_view username);
[[nodiscard]] std::vector<User> load_users(db::Connection& db, const std::string& organization_id);
// Deletes every token of the user: a new password must end the sessions the old one opened (a stolen phone, a
// leaked password), on every device.
void delete_user_tokens(db::Connection& db, const std::string& organization_id, const std::string& user_id);

[[nodiscard]] std::optional<int> latest_model_version(db::Connection& db, const std::string& organization_id);
[[nodiscard]] std::optional<ExperienceModel> load_model(db::Connection& db, const std::string& organization_id,
                                                        int version);

[[nodiscard]] std::vector<KpiValue> load_kpis(db::Connection& db, const std::string& organization_id);

// Parsing of the stored enumeration names; an unknown name (a database edited by hand) reads as unspecified.
[[nodiscard]] Role role_from_column(const std::string& text);
[[nodiscard]] UnitKind unit_kind_from_column(const std::string& text);
[[nodiscard]] ActivityKind activity_kind_from_column(const std::string& text);

}  // namespace floorwalk::server
