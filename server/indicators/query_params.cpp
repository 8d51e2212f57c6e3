#include "indicators/query_params.h"

#include "api/negotiation.h"
#include "floorwalk/time.h"

#include <charconv>

namespace floorwalk::server::indicators {
namespace {

const std::string time_rule = "an RFC 3339 time such as 2026-03-01T09:30:00Z or a date such as 2026-03-01";

// Query instants stay within years 1970 to 8999: wide enough for any real question, and narrow enough that every
// derived instant (at - W, from - 30 days, the ISO week ends) remains printable as an RFC 3339 timestamp.
constexpr auto earliest_query_time = Timestamp(std::chrono::sys_days(std::chrono::year(1970) / 1 / 1));
constexpr auto latest_query_time = Timestamp(std::chrono::sys_days(std::chrono::year(9000) / 1 / 1));

// Reads an optional time parameter; false (with `error` set) when present but malformed.
bool read_time(const Request& request, const std::string& name, std::optional<Timestamp>& out,
               std::optional<Response>& error) {
    const auto text = request.param(name);
    if (!text) return true;
    out = parse_date_or_time(*text);
    if (!out) {
        error = parameter_error(request, name, name + " must be " + time_rule + ", not '" + *text + "'.");
        return false;
    }
    if (*out < earliest_query_time || *out >= latest_query_time) {
        error = parameter_error(request, name, name + " must lie between 1970-01-01 and 8999-12-31, not '" + *text +
                                                   "'.");
        return false;
    }
    return true;
}

bool read_int(const Request& request, const std::string& name, int min, int max, int& out,
              std::optional<Response>& error) {
    const auto text = request.param(name);
    if (!text) return true;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || text->empty() || value < min || value > max) {
        error = parameter_error(request, name,
                                name + " must be a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max) + ", not '" + *text + "'.");
        return false;
    }
    out = value;
    return true;
}

// [from, to): `to` defaults to now, `from` to `default_days` before `to`; from must come before to.
bool read_period(const Request& request, Timestamp now, int default_days, Timestamp& from, Timestamp& to,
                 std::optional<Response>& error) {
    std::optional<Timestamp> from_value;
    std::optional<Timestamp> to_value;
    if (!read_time(request, "from", from_value, error) || !read_time(request, "to", to_value, error)) return false;
    to = to_value.value_or(now);
    from = from_value.value_or(to - Days(default_days));
    if (from >= to) {
        error = parameter_error(request, from_value ? "from" : "to",
                                "from (" + format_rfc3339(from) + ") must be before to (" + format_rfc3339(to) +
                                    "); the period is [from, to).");
        return false;
    }
    return true;
}

}  // namespace

Response parameter_error(const Request& request, const std::string& parameter, std::string message) {
    ::floorwalk::v1::FieldError detail;
    detail.set_field(parameter);
    detail.set_message(message);
    return error_response(request, 400, "invalid_argument", std::move(message), {detail});
}

std::optional<Response> read_indicator_params(const Request& request, Timestamp now, IndicatorParams& out) {
    std::optional<Response> error;
    std::optional<Timestamp> at;
    if (!read_time(request, "at", at, error)) return error;
    out.at = at.value_or(now);
    out.window_days = default_window_days;
    if (!read_int(request, "windowDays", 1, max_window_days, out.window_days, error)) return error;
    if (!read_period(request, now, default_period_days, out.from, out.to, error)) return error;
    return std::nullopt;
}

std::optional<Response> read_series_params(const Request& request, Timestamp now, SeriesParams& out) {
    std::optional<Response> error;
    if (const auto step = request.param("step"); step && *step != "week")
        return parameter_error(request, "step", "step must be 'week' (one point per ISO week), not '" + *step + "'.");
    out.window_days = default_window_days;
    if (!read_int(request, "windowDays", 1, max_window_days, out.window_days, error)) return error;
    if (!read_period(request, now, default_series_weeks * 7, out.from, out.to, error)) return error;
    if (out.to - out.from > Days(7 * max_series_weeks))
        return parameter_error(request, "from",
                               "A series spans at most " + std::to_string(max_series_weeks) +
                                   " weeks; narrow [from, to).");
    return std::nullopt;
}

std::optional<Response> read_kpi_params(const Request& request, Timestamp now, KpiParams& out) {
    std::optional<Response> error;
    out.metric = request.param("metric").value_or("");
    if (const auto metric = request.param("metric"); metric && metric->empty())
        return parameter_error(request, "metric", "metric must name a KPI metric, such as nps or sales.");
    out.unit_kind.reset();
    if (const auto kind = request.param("unitKind")) {
        out.unit_kind = parse_unit_kind(*kind);
        if (!out.unit_kind)
            return parameter_error(request, "unitKind",
                                   "unitKind must be the kind of unit to compare: organization, business_unit, "
                                   "region, store or team, not '" +
                                       *kind + "'.");
    }
    out.lag_periods = 0;
    if (!read_int(request, "lagPeriods", 0, max_lag_periods, out.lag_periods, error)) return error;
    out.window_days = default_window_days;
    if (!read_int(request, "windowDays", 1, max_window_days, out.window_days, error)) return error;
    if (!read_period(request, now, default_kpi_days, out.from, out.to, error)) return error;
    return std::nullopt;
}

std::optional<Response> read_roi_params(const Request& request, Timestamp now, RoiParams& out) {
    std::optional<Response> error;
    out.benefit_metric = request.param("benefitMetric").value_or("");
    out.cost_metric = request.param("costMetric").value_or("");
    if (out.benefit_metric.empty())
        return parameter_error(request, "benefitMetric",
                               "benefitMetric is required: the KPI metric that measures the benefit, such as "
                               "sales.");
    if (out.cost_metric.empty())
        return parameter_error(request, "costMetric",
                               "costMetric is required: the KPI metric that measures the cost, such as "
                               "trainingCost.");
    if (!read_period(request, now, default_kpi_days, out.from, out.to, error)) return error;
    return std::nullopt;
}

}  // namespace floorwalk::server::indicators
