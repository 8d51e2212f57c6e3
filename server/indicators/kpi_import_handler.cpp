// PUT /api/v1/admin/kpis: business KPIs as CSV `unitId,period,metric,value` (text/csv) or as KpisImport (JSON or
// protobuf). Every row is checked first; one bad row and nothing is written (400 with one detail per bad row).
#include "api/negotiation.h"
#include "floorwalk/csv.h"
#include "floorwalk/validation.h"
#include "floorwalk/wire.h"
#include "indicators/access.h"
#include "indicators/handlers.h"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace floorwalk::server::indicators {
namespace {

namespace pb = ::floorwalk::v1;

pb::FieldError row_error(int row, std::string field, std::string message) {
    pb::FieldError error;
    error.set_row(row);
    error.set_field(std::move(field));
    error.set_message(std::move(message));
    return error;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool is_csv(const Request& request) {
    return request.content_type == "text/csv" || request.content_type == "application/csv";
}

// Reads the CSV body; row errors (1-based data rows) go to `errors`.
std::vector<KpiValue> read_csv(const Request& request, std::vector<pb::FieldError>& errors,
                               std::optional<Response>& failure) {
    std::string parse_error;
    const auto table = csv::parse(request.body, &parse_error);
    if (!table) {
        failure = error_response(request, 400, "malformed_body", "The CSV could not be read: " + parse_error);
        return {};
    }
    const std::array<std::string_view, 4> names{"unitId", "period", "metric", "value"};
    std::array<std::size_t, 4> columns{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto column = csv::column(table->header, names[i]);
        if (!column) {
            failure = error_response(request, 400, "missing_column",
                                     "The CSV header must name the columns unitId,period,metric,value; '" +
                                         std::string(names[i]) + "' is missing.");
            return {};
        }
        columns[i] = *column;
    }
    std::vector<KpiValue> kpis;
    for (std::size_t r = 0; r < table->rows.size(); ++r) {
        const auto& row = table->rows[r];
        const int number = static_cast<int>(r) + 1;
        auto field = [&](std::size_t i) { return columns[i] < row.size() ? row[columns[i]] : std::string(); };
        KpiValue kpi{.unit_id = std::string(trim(field(0))),
                     .period = std::string(trim(field(1))),
                     .metric = std::string(trim(field(2)))};
        if (const auto value = parse_number(field(3))) {
            kpi.value = *value;
        } else {
            errors.push_back(row_error(number, "value", "value must be a number such as 42 or 3.5, not '" +
                                                            field(3) + "'."));
        }
        kpis.push_back(std::move(kpi));
    }
    return kpis;
}

}  // namespace

Response put_kpis(const Request& request, const Caller& caller, Store& store) {
    if (auto denied = require_admin(request, caller)) return std::move(*denied);

    std::vector<pb::FieldError> errors;
    std::vector<KpiValue> kpis;
    if (is_csv(request)) {
        std::optional<Response> failure;
        kpis = read_csv(request, errors, failure);
        if (failure) return std::move(*failure);
    } else {
        pb::KpisImport message;
        if (auto failure = parse_body(request, &message)) return std::move(*failure);
        for (const auto& kpi : message.kpis()) kpis.push_back(wire::from_proto(kpi));
    }
    if (kpis.empty())
        return error_response(request, 400, "empty_import",
                              "The import holds no KPI rows: send a header unitId,period,metric,value and one row "
                              "per value.");

    std::set<std::string> units;
    for (const auto& unit : store.units(caller.organization_id)) units.insert(unit.id);
    std::map<std::tuple<std::string, std::string, std::string>, int> first_row;
    for (std::size_t r = 0; r < kpis.size(); ++r) {
        const int number = static_cast<int>(r) + 1;
        const auto& kpi = kpis[r];
        for (const auto& error : validate_kpi(kpi)) errors.push_back(row_error(number, error.field, error.message));
        if (!kpi.unit_id.empty() && !units.contains(kpi.unit_id))
            errors.push_back(row_error(number, "unitId", "'" + kpi.unit_id + "' is not a unit of the organisation."));
        const auto [it, inserted] = first_row.try_emplace({kpi.unit_id, kpi.period, kpi.metric}, number);
        if (!inserted)
            errors.push_back(row_error(number, "period",
                                       "row " + std::to_string(it->second) +
                                           " already gives this unit, period and metric a value."));
    }
    if (errors.empty()) {
        const auto result = store.import_kpis(caller.organization_id, kpis);
        for (const auto& error : result.errors) errors.push_back(row_error(error.row, error.field, error.message));
        if (errors.empty()) {
            pb::ImportResponse response;
            response.set_applied(result.applied);
            return message_response(request, response);
        }
    }
    std::ranges::stable_sort(errors, {}, [](const pb::FieldError& error) { return error.row(); });
    const auto count = errors.size();
    return error_response(request, 400, "invalid_rows",
                          std::to_string(count) + (count == 1 ? " problem" : " problems") +
                              " in the KPI rows; nothing was imported.",
                          std::move(errors));
}

}  // namespace floorwalk::server::indicators
