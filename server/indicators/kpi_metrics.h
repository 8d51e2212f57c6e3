// Helpers shared by the KPI endpoints: the metric names an organisation has, and which KPI periods a query
// range covers.
#pragma once

#include "api/http_types.h"
#include "floorwalk/domain.h"
#include "floorwalk/time.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace floorwalk::server::indicators {

// Every metric name with at least one value, sorted.
[[nodiscard]] std::vector<std::string> metric_names(std::span<const KpiValue> kpis);

// A period belongs to the range [from, to) when it starts in it: months and weeks are never split, and a
// range of whole months counts each month once.
[[nodiscard]] bool period_in_range(const Period& period, Timestamp from, Timestamp to);

// The 404 answer for a metric the organisation has no value of, listing the ones it has.
[[nodiscard]] Response unknown_metric(const Request& request, const std::string& parameter, const std::string& metric,
                                      const std::vector<std::string>& known);

}  // namespace floorwalk::server::indicators
