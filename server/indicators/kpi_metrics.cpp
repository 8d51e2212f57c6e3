#include "indicators/kpi_metrics.h"

#include "api/negotiation.h"

#include <algorithm>

namespace floorwalk::server::indicators {

std::vector<std::string> metric_names(std::span<const KpiValue> kpis) {
    std::vector<std::string> names;
    for (const auto& kpi : kpis) names.push_back(kpi.metric);
    std::ranges::sort(names);
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool period_in_range(const Period& period, Timestamp from, Timestamp to) {
    return period.start >= from && period.start < to;
}

Response unknown_metric(const Request& request, const std::string& parameter, const std::string& metric,
                        const std::vector<std::string>& known) {
    std::string list;
    for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
    ::floorwalk::v1::FieldError detail;
    detail.set_field(parameter);
    detail.set_message("No KPI value named '" + metric + "' has been imported.");
    return error_response(request, 404, "metric_not_found",
                          "No KPI value named '" + metric + "' has been imported" +
                              (known.empty() ? std::string("; import KPIs with PUT /api/v1/admin/kpis first.")
                                             : "; known metrics: " + list + "."),
                          {detail});
}

}  // namespace floorwalk::server::indicators
