// GET /api/v1/indicators/export.csv: the figures of every unit under U, one row per (unit, dimension).
#include "api/negotiation.h"
#include "floorwalk/time.h"
#include "indicators/access.h"
#include "indicators/csv_export.h"
#include "indicators/handlers.h"
#include "indicators/query_params.h"

#include <cctype>

namespace floorwalk::server::indicators {
namespace {

// Unit ids are the customer's own strings: keep the file name to characters every system accepts.
std::string file_name(const std::string& unit_id, Timestamp at) {
    std::string safe;
    for (const unsigned char c : unit_id) safe.push_back(std::isalnum(c) || c == '-' || c == '_' ? char(c) : '_');
    return "floorwalk-indicators-" + safe + "-" + format_rfc3339(at).substr(0, 10) + ".csv";
}

}  // namespace

Response get_export_csv(const Request& request, const QueryContext& context) {
    IndicatorParams params;
    if (auto error = read_indicator_params(request, context.now, params)) return std::move(*error);
    const auto choice = choose_unit(request, context.caller, context.index);
    if (choice.error) return *choice.error;
    const UnitNode& unit = *choice.unit;

    const auto figures = context.index.subtree_figures(unit, params);
    Response response;
    response.content_type = "text/csv; charset=utf-8";
    const Disclosure disclosure(context.caller, context.index);
    response.body = format_export(context.index.model(), figures,
                                  [&](const UnitNode& node) { return disclosure.of(node); });
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + file_name(unit.unit.id, params.at) + "\"");
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace floorwalk::server::indicators
