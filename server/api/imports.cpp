#include "api/imports.h"

#include "floorwalk/csv.h"
#include "floorwalk/validation.h"
#include "floorwalk/wire.h"

#include <google/protobuf/struct.pb.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cctype>
#include <map>
#include <set>

namespace floorwalk::server {
namespace {

using Status = ImportOutcome::Status;
namespace pb = ::floorwalk::v1;

enum class Encoding { json, protobuf, csv };

ImportOutcome failure(Status status, std::string message) {
    ImportOutcome outcome;
    outcome.status = status;
    outcome.message = std::move(message);
    return outcome;
}

ImportOutcome row_failures(std::vector<RowError> errors) {
    std::ranges::stable_sort(errors, {}, &RowError::row);
    // As the store does: at most max_import_errors, then one that counts the others.
    if (errors.size() > max_import_errors + 1) {
        const auto more = errors.size() - max_import_errors;
        errors.resize(max_import_errors);
        errors.push_back({0, "rows", std::to_string(more) + " more errors are not listed (at most " +
                                         std::to_string(max_import_errors) +
                                         " are): correct the rows above and import again"});
    }
    ImportOutcome outcome;
    outcome.status = Status::invalid_rows;
    outcome.errors = std::move(errors);
    return outcome;
}

ImportOutcome from_store(ImportResult result) {
    if (!result.errors.empty()) return row_failures(std::move(result.errors));
    ImportOutcome outcome;
    outcome.applied = result.applied;
    return outcome;
}

std::optional<Encoding> encoding_of(std::string_view content_type) {
    if (content_type.empty() || content_type == "application/json") return Encoding::json;
    if (content_type == "application/x-protobuf") return Encoding::protobuf;
    if (content_type == csv_media_type) return Encoding::csv;
    return std::nullopt;
}

// Reads a JSON or protobuf body into `message`; the failure to answer otherwise.
std::optional<ImportOutcome> decode(Encoding encoding, std::string_view body, google::protobuf::Message* message) {
    if (encoding == Encoding::protobuf) {
        if (wire::from_binary(body, message)) return std::nullopt;
        return failure(Status::malformed, "The body is not a valid " + message->GetTypeName() + " protobuf message.");
    }
    std::string error;
    if (wire::from_json(body, message, &error)) return std::nullopt;
    return failure(Status::malformed, "The JSON body could not be read: " + error);
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return std::string(text);
}

// A CSV body checked against the columns an import knows.
class CsvRecords {
public:
    // nullopt (with `failed` set) when the text is not CSV, a required column is missing or a column is unknown.
    static std::optional<CsvRecords> read(std::string_view body, std::vector<std::string_view> required,
                                          std::vector<std::string_view> optional, ImportOutcome* failed) {
        std::string error;
        auto table = csv::parse(body, &error);
        if (!table) {
            *failed = failure(Status::malformed, "The CSV could not be read: " + error);
            return std::nullopt;
        }
        CsvRecords records;
        std::vector<RowError> errors;
        for (std::size_t i = 0; i < table->header.size(); ++i) {
            const auto name = trim(table->header[i]);
            const bool known = std::ranges::find(required, name) != required.end() ||
                               std::ranges::find(optional, name) != optional.end();
            if (!known)
                errors.push_back({0, name, "unknown column '" + name + "' in the header row"});
            else if (!records.columns_.emplace(name, i).second)
                errors.push_back({0, name, "column '" + name + "' appears twice in the header row"});
        }
        for (auto name : required)
            if (!records.columns_.contains(std::string(name)))
                errors.push_back({0, std::string(name), "the header row has no '" + std::string(name) + "' column"});
        if (!errors.empty()) {
            *failed = row_failures(std::move(errors));
            return std::nullopt;
        }
        // Blank lines (often a trailing one from a spreadsheet) carry no record.
        for (auto& row : table->rows)
            if (!(row.size() == 1 && trim(row[0]).empty())) records.rows_.push_back(std::move(row));
        records.width_ = table->header.size();
        return records;
    }

    [[nodiscard]] const std::vector<csv::Row>& rows() const { return rows_; }

    // Fields counted against the header; an error for rows of another width.
    [[nodiscard]] std::optional<RowError> check_width(std::size_t index) const {
        const auto size = rows_[index].size();
        if (size == width_) return std::nullopt;
        return RowError{static_cast<int>(index) + 1, "",
                        "the row has " + std::to_string(size) + " fields where the header has " +
                            std::to_string(width_)};
    }

    // The trimmed cell of a column, or empty when the file has no such column.
    [[nodiscard]] std::string cell(std::size_t index, const std::string& column) const {
        const auto it = columns_.find(column);
        if (it == columns_.end()) return {};
        return trim(rows_[index][it->second]);
    }

    [[nodiscard]] bool has_column(const std::string& column) const { return columns_.contains(column); }

private:
    std::map<std::string, std::size_t> columns_;
    std::vector<csv::Row> rows_;
    std::size_t width_ = 0;
};

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    while (!text.empty()) {
        const auto semicolon = text.find(';');
        auto item = trim(text.substr(0, semicolon));
        if (!item.empty()) items.push_back(std::move(item));
        if (semicolon == std::string_view::npos) break;
        text.remove_prefix(semicolon + 1);
    }
    return items;
}

// true/false in any case (spreadsheets write TRUE); an empty cell takes `empty_value`.
std::optional<bool> parse_bool(const std::string& text, bool empty_value) {
    if (text.empty()) return empty_value;
    const auto value = lower(text);
    if (value == "true") return true;
    if (value == "false") return false;
    return std::nullopt;
}

void add_validation(std::vector<RowError>* errors, int row, const ValidationErrors& found) {
    for (const auto& error : found) errors->push_back({row, error.field, error.message});
}

// A row whose fields do not line up with the header was not read at all: validating its empty record would only
// repeat that error in other words.
bool unreadable(const std::vector<RowError>& errors, int row) {
    return std::ranges::any_of(errors, [row](const RowError& e) { return e.row == row && e.field.empty(); });
}

// The same id twice in one import is ambiguous (which one wins?): refuse it on the later row.
template <class Rows, class Key>
void check_unique(const Rows& rows, Key key, const std::string& field, std::vector<RowError>* errors) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string value = key(rows[i]);
        if (value.empty()) continue;
        const auto [it, inserted] = seen.emplace(value, i);
        if (!inserted)
            errors->push_back({static_cast<int>(i) + 1, field,
                               "'" + value + "' already appears on row " + std::to_string(it->second + 1)});
    }
}

ImportOutcome import_units(Store& store, const std::string& organization_id, Encoding encoding,
                           std::string_view body) {
    std::vector<Unit> units;
    std::vector<RowError> errors;
    if (encoding == Encoding::csv) {
        ImportOutcome failed;
        const auto records = CsvRecords::read(body, {"id", "name"}, {"parentId", "kind"}, &failed);
        if (!records) return failed;
        for (std::size_t i = 0; i < records->rows().size(); ++i) {
            const int row = static_cast<int>(i) + 1;
            Unit unit;
            if (auto error = records->check_width(i)) {
                errors.push_back(*error);
            } else {
                unit.id = records->cell(i, "id");
                unit.parent_id = records->cell(i, "parentId");
                unit.name = records->cell(i, "name");
                const auto kind = records->cell(i, "kind");
                if (auto parsed = parse_unit_kind(kind); parsed || kind.empty())
                    unit.kind = parsed.value_or(UnitKind::unspecified);
                else
                    errors.push_back({row, "kind",
                                      "unknown unit kind '" + kind +
                                          "': use ORGANIZATION, BUSINESS_UNIT, REGION, STORE or TEAM"});
            }
            units.push_back(std::move(unit));
        }
    } else {
        pb::UnitsImport message;
        if (auto failed = decode(encoding, body, &message)) return *failed;
        for (const auto& unit : message.units()) units.push_back(wire::from_proto(unit));
    }
    if (units.empty()) return failure(Status::malformed, "The import holds no units.");
    for (std::size_t i = 0; i < units.size(); ++i)
        if (const int row = static_cast<int>(i) + 1; !unreadable(errors, row))
            add_validation(&errors, row, validate_unit(units[i]));
    check_unique(units, [](const Unit& u) { return u.id; }, "id", &errors);
    if (!errors.empty()) return row_failures(std::move(errors));
    return from_store(store.import_units(organization_id, units));
}

// Which rows of a JSON employees import name "active": protobuf cannot tell a missing bool from false, and an
// employee list without the field should not make everyone inactive.
std::vector<bool> json_active_present(std::string_view body) {
    std::vector<bool> present;
    google::protobuf::Struct root;
    std::string error;
    if (!wire::from_json(body, &root, &error)) return present;
    const auto it = root.fields().find("employees");
    if (it == root.fields().end()) return present;
    for (const auto& item : it->second.list_value().values())
        present.push_back(item.struct_value().fields().contains("active"));
    return present;
}

ImportOutcome import_employees(Store& store, const std::string& organization_id, Encoding encoding,
                               std::string_view body) {
    std::vector<Employee> employees;
    std::vector<RowError> errors;
    if (encoding == Encoding::csv) {
        ImportOutcome failed;
        const auto records =
            CsvRecords::read(body, {"id", "unitId", "displayName"}, {"jobTitle", "active"}, &failed);
        if (!records) return failed;
        for (std::size_t i = 0; i < records->rows().size(); ++i) {
            const int row = static_cast<int>(i) + 1;
            Employee employee;
            if (auto error = records->check_width(i)) {
                errors.push_back(*error);
            } else {
                employee.id = records->cell(i, "id");
                employee.unit_id = records->cell(i, "unitId");
                employee.display_name = records->cell(i, "displayName");
                employee.job_title = records->cell(i, "jobTitle");
                const auto active = records->cell(i, "active");
                if (auto parsed = parse_bool(active, true))
                    employee.active = *parsed;
                else
                    errors.push_back({row, "active", "'" + active + "' is not a boolean: write true or false"});
            }
            employees.push_back(std::move(employee));
        }
    } else {
        pb::EmployeesImport message;
        if (auto failed = decode(encoding, body, &message)) return *failed;
        const auto present = encoding == Encoding::json ? json_active_present(body) : std::vector<bool>{};
        for (int i = 0; i < message.employees_size(); ++i) {
            auto employee = wire::from_proto(message.employees(i));
            if (static_cast<std::size_t>(i) < present.size() && !present[static_cast<std::size_t>(i)])
                employee.active = true;
            employees.push_back(std::move(employee));
        }
    }
    if (employees.empty()) return failure(Status::malformed, "The import holds no employees.");
    for (std::size_t i = 0; i < employees.size(); ++i)
        if (const int row = static_cast<int>(i) + 1; !unreadable(errors, row))
            add_validation(&errors, row, validate_employee(employees[i]));
    check_unique(employees, [](const Employee& e) { return e.id; }, "id", &errors);
    if (!errors.empty()) return row_failures(std::move(errors));
    return from_store(store.import_employees(organization_id, employees));
}

struct UserRow {
    User user;
    std::string password;
    std::optional<bool> active;  // nullopt keeps the stored state
};

ImportOutcome import_users(Store& store, const std::string& organization_id, Encoding encoding,
                           std::string_view body, HashCost password_cost) {
    std::vector<UserRow> rows;
    std::vector<RowError> errors;
    if (encoding == Encoding::csv) {
        ImportOutcome failed;
        const auto records =
            CsvRecords::read(body, {"username", "displayName", "role"}, {"unitIds", "password", "active"}, &failed);
        if (!records) return failed;
        for (std::size_t i = 0; i < records->rows().size(); ++i) {
            const int row = static_cast<int>(i) + 1;
            UserRow user_row;
            if (auto error = records->check_width(i)) {
                errors.push_back(*error);
            } else {
                user_row.user.username = records->cell(i, "username");
                user_row.user.display_name = records->cell(i, "displayName");
                user_row.user.unit_ids = split_list(records->cell(i, "unitIds"));
                user_row.password = records->cell(i, "password");
                // An empty cell keeps the stored state; parse_bool's default is then never used.
                if (const auto active = records->cell(i, "active"); !active.empty()) {
                    if (auto parsed = parse_bool(active, true))
                        user_row.active = *parsed;
                    else
                        errors.push_back({row, "active", "'" + active + "' is not a boolean: write true or false, or "
                                                                        "leave it empty to keep the user's state"});
                }
                const auto role = records->cell(i, "role");
                if (auto parsed = parse_role(role))
                    user_row.user.role = *parsed;
                else
                    errors.push_back(
                        {row, "role", "unknown role '" + role + "': use MANAGER, DIRECTOR, HQ or ADMIN"});
            }
            rows.push_back(std::move(user_row));
        }
    } else {
        pb::UsersImport message;
        if (auto failed = decode(encoding, body, &message)) return *failed;
        for (const auto& in : message.users()) {
            UserRow row;
            row.user.username = in.username();
            row.user.display_name = in.display_name();
            row.user.role = wire::from_proto(in.role());
            // At most one more than the bound: validation says "more than" without copying a hostile list.
            const auto units = std::min<std::size_t>(static_cast<std::size_t>(in.unit_ids_size()), max_units_per_user + 1);
            row.user.unit_ids.assign(in.unit_ids().begin(), in.unit_ids().begin() + static_cast<int>(units));
            row.password = in.password();
            if (in.has_active()) row.active = in.active();
            rows.push_back(std::move(row));
        }
    }
    if (rows.empty()) return failure(Status::malformed, "The import holds no users.");

    std::vector<UserImportRow> import;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const int row = static_cast<int>(i) + 1;
        if (unreadable(errors, row)) continue;
        const auto& [user, password, active] = rows[i];
        const auto found = validate_user(user);
        add_validation(&errors, row, found);
        const bool role_reported =
            std::ranges::any_of(found, [](const ValidationError& e) { return e.field.find("role") != std::string::npos; });
        if (user.role == Role::unspecified && !role_reported)
            errors.push_back({row, "role", "a user needs a role: MANAGER, DIRECTOR, HQ or ADMIN"});
        if (!password.empty() && password.size() < min_password_length)
            errors.push_back({row, "password",
                              "a password needs at least " + std::to_string(min_password_length) + " characters"});
        const bool username_valid =
            std::ranges::none_of(found, [](const ValidationError& e) { return e.field == "username"; });
        if (password.empty() && !user.username.empty() && username_valid &&
            !store.find_user_by_username(organization_id, user.username))
            errors.push_back({row, "password", "'" + user.username + "' is a new user and needs a password"});
    }
    check_unique(rows, [](const UserRow& r) { return r.user.username; }, "username", &errors);
    if (!errors.empty()) return row_failures(std::move(errors));

    // Hash only once every row is valid: argon2id is deliberately slow.
    for (auto& [user, password, active] : rows) {
        UserImportRow row;
        row.user = std::move(user);
        row.active = active;
        if (!password.empty()) row.password_hash = hash_password(password, password_cost);
        import.push_back(std::move(row));
    }
    return from_store(store.import_users(organization_id, import));
}

// A KPI value as spreadsheets write it ("42", "3.5", "+7", "-0.25"); nullopt when it is not a finite number.
std::optional<double> parse_kpi_value(std::string_view text) {
    const auto trimmed = trim(text);
    text = trimmed;
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

ImportOutcome import_kpis(Store& store, const std::string& organization_id, Encoding encoding,
                          std::string_view body) {
    std::vector<KpiValue> kpis;
    std::vector<RowError> errors;
    if (encoding == Encoding::csv) {
        ImportOutcome failed;
        const auto records = CsvRecords::read(body, {"unitId", "period", "metric", "value"}, {}, &failed);
        if (!records) return failed;
        for (std::size_t i = 0; i < records->rows().size(); ++i) {
            const int row = static_cast<int>(i) + 1;
            KpiValue kpi;
            if (auto error = records->check_width(i)) {
                errors.push_back(*error);
            } else {
                kpi.unit_id = records->cell(i, "unitId");
                kpi.period = records->cell(i, "period");
                kpi.metric = records->cell(i, "metric");
                const auto value = records->cell(i, "value");
                if (const auto parsed = parse_kpi_value(value))
                    kpi.value = *parsed;
                else
                    errors.push_back({row, "value", "value must be a number such as 42 or 3.5, not '" + value + "'"});
            }
            kpis.push_back(std::move(kpi));
        }
    } else {
        pb::KpisImport message;
        if (auto failed = decode(encoding, body, &message)) return *failed;
        for (const auto& kpi : message.kpis()) kpis.push_back(wire::from_proto(kpi));
    }
    if (kpis.empty())
        return failure(Status::malformed,
                       "The import holds no KPI rows: send a header unitId,period,metric,value and one row per value.");
    // Every row's problems at once, unknown units included (the store checks them again when it writes).
    std::set<std::string> units;
    for (const auto& unit : store.units(organization_id)) units.insert(unit.id);
    for (std::size_t i = 0; i < kpis.size(); ++i) {
        const int row = static_cast<int>(i) + 1;
        if (unreadable(errors, row)) continue;
        add_validation(&errors, row, validate_kpi(kpis[i]));
        if (!kpis[i].unit_id.empty() && !units.contains(kpis[i].unit_id))
            errors.push_back({row, "unitId", "'" + kpis[i].unit_id + "' is not a unit of the organisation"});
    }
    check_unique(kpis, [](const KpiValue& k) { return k.unit_id + " " + k.period + " " + k.metric; },
                 "period", &errors);
    if (!errors.empty()) return row_failures(std::move(errors));
    return from_store(store.import_kpis(organization_id, kpis));
}

ImportOutcome import_model(Store& store, const std::string& organization_id, Encoding encoding,
                           std::string_view body) {
    if (encoding == Encoding::csv)
        return failure(Status::unsupported_media_type,
                       "The experience model is imported as JSON (application/json) or protobuf "
                       "(application/x-protobuf): CSV cannot hold its scale, dimensions and behaviours.");
    pb::ExperienceModel message;
    if (auto failed = decode(encoding, body, &message)) return *failed;
    auto model = wire::from_proto(message);
    // The store assigns the version; a file need not carry one (and an old one must not fail validation).
    model.version = std::max(model.version, 1);
    std::vector<RowError> errors;
    add_validation(&errors, 0, validate_model(model));
    if (!errors.empty()) return row_failures(std::move(errors));
    return from_store(store.import_model(organization_id, model));
}

}  // namespace

std::optional<ImportKind> parse_import_kind(std::string_view text) {
    if (text == "units") return ImportKind::units;
    if (text == "employees") return ImportKind::employees;
    if (text == "users") return ImportKind::users;
    if (text == "model") return ImportKind::model;
    if (text == "kpis") return ImportKind::kpis;
    return std::nullopt;
}

ImportOutcome run_import(Store& store, const std::string& organization_id, ImportKind kind,
                         std::string_view content_type, std::string_view body, HashCost password_cost) {
    const auto encoding = encoding_of(content_type);
    if (!encoding) {
        const bool csv_allowed = kind != ImportKind::model;
        return failure(Status::unsupported_media_type,
                       "Content-Type '" + std::string(content_type) + "' is not supported: send application/json" +
                           (csv_allowed ? ", text/csv" : "") + " or application/x-protobuf.");
    }
    switch (kind) {
        case ImportKind::units: return import_units(store, organization_id, *encoding, body);
        case ImportKind::employees: return import_employees(store, organization_id, *encoding, body);
        case ImportKind::users: return import_users(store, organization_id, *encoding, body, password_cost);
        case ImportKind::model: return import_model(store, organization_id, *encoding, body);
        case ImportKind::kpis: return import_kpis(store, organization_id, *encoding, body);
    }
    return failure(Status::malformed, "unknown import");
}

std::string media_type_for_file(const std::filesystem::path& file) {
    const auto extension = lower(file.extension().string());
    if (extension == ".csv") return std::string(csv_media_type);
    if (extension == ".json") return "application/json";
    if (extension == ".pb" || extension == ".binpb") return "application/x-protobuf";
    return {};
}

}  // namespace floorwalk::server
