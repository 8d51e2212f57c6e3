// The query parameters of the indicator endpoints, with their defaults and their limits. Each reader returns the
// 400 response to send (naming the parameter and the rule) or nullopt when the parameters are usable.
#pragma once

#include "api/http_types.h"
#include "floorwalk/indicators.h"

#include <optional>
#include <string>

namespace floorwalk::server::indicators {

inline constexpr int max_window_days = 3650;
inline constexpr int default_series_weeks = 52;
inline constexpr int max_series_weeks = 520;  // ten years of weekly points
inline constexpr int default_kpi_days = 365;   // KPI and ROI look back a year by default
inline constexpr int max_lag_periods = 60;

// at (default now), windowDays (default 90, 1..3650), [from, to) (default the 30 days before `to`, `to` = now).
[[nodiscard]] std::optional<Response> read_indicator_params(const Request& request, Timestamp now,
                                                            IndicatorParams& out);

struct SeriesParams {
    Timestamp from{};
    Timestamp to{};
    int window_days = default_window_days;
};
// from/to (default the 52 weeks before now), windowDays, step (only "week").
[[nodiscard]] std::optional<Response> read_series_params(const Request& request, Timestamp now, SeriesParams& out);

struct KpiParams {
    std::string metric;  // empty: list the metrics only
    std::optional<UnitKind> unit_kind;  // the kind of unit compared; unset: where the metric is recorded
    Timestamp from{};
    Timestamp to{};
    int lag_periods = 0;
    int window_days = default_window_days;
};
// metric, unitKind (store, region...), lagPeriods (0..60, default 0), windowDays, [from, to) (default the 365 days
// before now).
[[nodiscard]] std::optional<Response> read_kpi_params(const Request& request, Timestamp now, KpiParams& out);

struct RoiParams {
    std::string benefit_metric;
    std::string cost_metric;
    Timestamp from{};
    Timestamp to{};
};
// benefitMetric and costMetric (required), [from, to) (default the 365 days before now).
[[nodiscard]] std::optional<Response> read_roi_params(const Request& request, Timestamp now, RoiParams& out);

// The 400 answer for a bad parameter: {"error": {"code": "invalid_argument", "message", "details": [{field}]}}.
[[nodiscard]] Response parameter_error(const Request& request, const std::string& parameter, std::string message);

}  // namespace floorwalk::server::indicators
