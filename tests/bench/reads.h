// Reads: the timed indicator requests, over HTTP keep-alive against a server process, and the naive SQL check.
#pragma once

#include "bench_organization.h"
#include "floorwalk/indicators.h"
#include "http_client.h"
#include "raw_database.h"

#include <string>
#include <vector>

namespace floorwalk::bench {

// One timed GET /indicators.
struct Query {
    std::string label;
    std::string unit_id;
    IndicatorParams params;
};

// root, a region, a store (window 90 days, period the last 30), and the root 180 days ago.
[[nodiscard]] std::vector<Query> indicator_queries(const BenchOrganization& organization, Timestamp now);
[[nodiscard]] std::string indicators_target(const Query& query);
// The root's 52-week learning curve ending now (default window).
[[nodiscard]] std::string series_target(const BenchOrganization& organization, Timestamp now);

// Times `samples` GETs (milliseconds, client side) after 3 untimed ones; the last body goes to `body`. Throws on
// any status but 200.
[[nodiscard]] std::vector<double> time_get(HttpClient& client, const std::string& target, const std::string& token,
                                           int samples, std::string* body);

// The counts behind every rate in the JSON answer of GET /indicators against the naive SQL's; false (and what
// differs written to `log`) when they differ.
[[nodiscard]] bool same_figures(const std::string& indicators_json, const NaiveFigures& naive, std::ostream& log,
                                const std::string& label);
// Points of a JSON /indicators/series answer.
[[nodiscard]] int series_points(const std::string& series_json);

}  // namespace floorwalk::bench
