// The query-parameter parsers: the transport's query-string decoding (server/http: to_request) followed by every
// reader of the indicator endpoints (server/indicators/query_params.h) and the time and period parsers behind them
// (shared/time.h). The input is the query string, what follows '?' in a request target.
//
// Rules checked: a refusal is a 400 invalid_argument naming the parameter; accepted parameters respect the limits
// query_params.h documents, and every instant they produce prints as RFC 3339 and reads back as itself (answers
// print them); a period read from text reads back from its label, and shifting it there and back (the KPI lag) is
// the identity.
#include "floorwalk/time.h"
#include "floorwalk/wire.h"
#include "http/server_internals.h"
#include "indicators/query_params.h"
#include "support/fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace floorwalk;
namespace indicators = server::indicators;

const Timestamp now = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 12 / 1)) + std::chrono::hours(12);

void check_printable(Timestamp t, std::string_view what) {
    const auto text = format_rfc3339(t);
    const auto again = parse_rfc3339(text);
    fuzz::check(again && *again == t, std::string(what) + " prints as RFC 3339 and reads back as itself", text);
}

void check_period(Timestamp from, Timestamp to) {
    fuzz::check(from < to, "an accepted period has from before to");
    check_printable(from, "an accepted from");
    check_printable(to, "an accepted to");
}

// A refusal: 400 invalid_argument, in the API's error shape, with the parameter as the detail's field.
void check_refusal(const server::Response& response) {
    fuzz::check(response.status == 400, "a bad parameter is answered 400", std::to_string(response.status));
    wire::pb::ErrorResponse error;
    std::string problem;
    fuzz::check(wire::from_json(response.body, &error, &problem), "a refusal's body is an ErrorResponse", problem);
    fuzz::check(error.error().code() == "invalid_argument", "a bad parameter is refused as invalid_argument",
                error.error().code());
    fuzz::check(error.error().details_size() == 1 && !error.error().details(0).field().empty(),
                "a refusal names the parameter", response.body);
}

void check_time_text(const std::string& text) {
    if (const auto t = parse_date_or_time(text)) {
        // Years 0001-9999 in the text's own offset; in UTC an instant may fall a day outside (read_time's range
        // check refuses those), so only what lies inside must print and read back.
        if (*t >= Timestamp(std::chrono::sys_days(std::chrono::year(1) / 1 / 1)) &&
            *t < Timestamp(std::chrono::sys_days(std::chrono::year(10000) / 1 / 1)))
            check_printable(*t, "a parsed time");
    }
    if (const auto period = parse_period(text)) {
        fuzz::check(period->start < period->end, "a period starts before it ends", text);
        const auto again = parse_period(period->label);
        fuzz::check(again && *again == *period, "a period reads back from its label", period->label);
        for (const int count : {1, indicators::max_lag_periods}) {
            const auto back = shift_period(shift_period(*period, -count), count);
            fuzz::check(back == *period, "shifting a period back and forth is the identity", period->label);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view query(reinterpret_cast<const char*>(data), size);
    namespace http = server::http_detail::http;
    http::request<http::string_body> message{http::verb::get, "/api/v1/indicators?" + std::string(query), 11};
    std::string problem;
    const auto request = server::http_detail::to_request(std::move(message), "192.0.2.10", &problem);
    if (!request) {
        fuzz::check(!problem.empty(), "a target the transport cannot decode is refused with a reason");
        return 0;
    }
    for (const auto& [name, value] : request->query) check_time_text(value);

    IndicatorParams params;
    if (const auto refused = indicators::read_indicator_params(*request, now, params)) {
        check_refusal(*refused);
    } else {
        fuzz::check(params.window_days >= 1 && params.window_days <= indicators::max_window_days,
                    "windowDays is within 1..3650");
        check_printable(params.at, "an accepted at");
        check_printable(params.at - Days(params.window_days), "at minus the window");
        check_period(params.from, params.to);
    }

    indicators::SeriesParams series;
    if (const auto refused = indicators::read_series_params(*request, now, series)) {
        check_refusal(*refused);
    } else {
        check_period(series.from, series.to);
        fuzz::check(series.to - series.from <= Days(7 * indicators::max_series_weeks),
                    "a series spans at most 520 weeks");
        check_printable(iso_week_start(series.from) - Days(series.window_days), "a series' first window");
    }

    indicators::KpiParams kpi;
    if (const auto refused = indicators::read_kpi_params(*request, now, kpi)) {
        check_refusal(*refused);
    } else {
        check_period(kpi.from, kpi.to);
        fuzz::check(kpi.lag_periods >= 0 && kpi.lag_periods <= indicators::max_lag_periods,
                    "lagPeriods is within 0..60");
        fuzz::check(!request->param("metric") || !kpi.metric.empty(), "a metric given is not empty");
    }

    indicators::RoiParams roi;
    if (const auto refused = indicators::read_roi_params(*request, now, roi)) {
        check_refusal(*refused);
    } else {
        check_period(roi.from, roi.to);
        fuzz::check(!roi.benefit_metric.empty() && !roi.cost_metric.empty(), "ROI names both metrics");
    }
    return 0;
}
