// The indicator endpoints as pure functions: request and caller in, response out. IndicatorService registers them
// on the API's router and holds the organisation's index read-locked for the duration of a call.
#pragma once

#include "api/http_types.h"
#include "indicators/organization_index.h"
#include "storage/store.h"

#include <span>

namespace floorwalk::server::indicators {

struct QueryContext {
    const OrganizationIndex& index;  // read-locked by the caller
    const Caller& caller;
    Timestamp now;  // for the defaults of at, from and to
};

// GET /api/v1/indicators
[[nodiscard]] Response get_indicators(const Request& request, const QueryContext& context);
// GET /api/v1/indicators/series
[[nodiscard]] Response get_series(const Request& request, const QueryContext& context);
// GET /api/v1/indicators/export.csv
[[nodiscard]] Response get_export_csv(const Request& request, const QueryContext& context);
// GET /api/v1/indicators/kpi; `kpis` are the organisation's imported KPI values.
[[nodiscard]] Response get_kpi(const Request& request, const QueryContext& context, std::span<const KpiValue> kpis);
// GET /api/v1/indicators/roi
[[nodiscard]] Response get_roi(const Request& request, const QueryContext& context, std::span<const KpiValue> kpis);

}  // namespace floorwalk::server::indicators
