#include "reads.h"

#include "floorwalk/time.h"
#include "floorwalk/wire.h"
#include "interruption.h"

#include <chrono>
#include <ostream>
#include <stdexcept>

namespace floorwalk::bench {
namespace {

namespace pb = ::floorwalk::v1;
using SteadyClock = std::chrono::steady_clock;

}  // namespace

std::vector<Query> indicator_queries(const BenchOrganization& organization, Timestamp now) {
    const IndicatorParams current{.at = now, .window_days = 90, .from = now - Days(30), .to = now};
    const Timestamp earlier = now - Days(180);
    const IndicatorParams past{.at = earlier, .window_days = 90, .from = earlier - Days(30), .to = earlier};
    return {
        {"root", organization.root_id(), current},
        {"region " + organization.region_id(0), organization.region_id(0), current},
        {"store " + organization.store_id(0), organization.store_id(0), current},
        {"root, at = now - 180 d", organization.root_id(), past},
    };
}

std::string indicators_target(const Query& query) {
    return "/api/v1/indicators?unitId=" + url_encode(query.unit_id) +
           "&at=" + url_encode(format_rfc3339(query.params.at)) +
           "&windowDays=" + std::to_string(query.params.window_days) +
           "&from=" + url_encode(format_rfc3339(query.params.from)) + "&to=" + url_encode(format_rfc3339(query.params.to));
}

std::string series_target(const BenchOrganization& organization, Timestamp now) {
    const Timestamp from = iso_week_start(now) - Days(7 * 51);
    return "/api/v1/indicators/series?unitId=" + url_encode(organization.root_id()) +
           "&from=" + url_encode(format_rfc3339(from)) + "&to=" + url_encode(format_rfc3339(now)) + "&step=week";
}

std::vector<double> time_get(HttpClient& client, const std::string& target, const std::string& token, int samples,
                             std::string* body) {
    const std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token},
                                                                   {"Accept", "application/json"}};
    std::vector<double> latencies;
    for (int i = -3; i < samples; ++i) {
        throw_if_interrupted();
        const auto start = SteadyClock::now();
        auto reply = client.request("GET", target, headers);
        const double elapsed = std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
        if (reply.status != 200)
            throw std::runtime_error("GET " + target + " answered HTTP " + std::to_string(reply.status) + ": " +
                                     reply.body.substr(0, 300));
        if (i >= 0) latencies.push_back(elapsed);
        *body = std::move(reply.body);
    }
    return latencies;
}

bool same_figures(const std::string& indicators_json, const NaiveFigures& naive, std::ostream& log,
                  const std::string& label) {
    pb::IndicatorsResponse served;
    std::string error;
    if (!wire::from_json(indicators_json, &served, &error)) throw std::runtime_error("unreadable indicators: " + error);
    bool same = served.active_employees() == naive.active_employees &&
                served.accompanied_employees() == naive.accompanied_employees &&
                served.dimensions_size() == static_cast<int>(naive.dimensions.size());
    for (int d = 0; same && d < served.dimensions_size(); ++d) {
        same = served.dimensions(d).assessed() == naive.dimensions[static_cast<std::size_t>(d)].first &&
               served.dimensions(d).mastered() == naive.dimensions[static_cast<std::size_t>(d)].second;
    }
    if (!same) {
        log << "MISMATCH at " << label << ": server active " << served.active_employees() << " accompanied "
            << served.accompanied_employees() << "; naive active " << naive.active_employees << " accompanied "
            << naive.accompanied_employees << "\n";
        for (int d = 0; d < served.dimensions_size() && d < static_cast<int>(naive.dimensions.size()); ++d)
            log << "  " << served.dimensions(d).dimension_id() << ": server " << served.dimensions(d).assessed()
                << "/" << served.dimensions(d).mastered() << ", naive "
                << naive.dimensions[static_cast<std::size_t>(d)].first << "/"
                << naive.dimensions[static_cast<std::size_t>(d)].second << "\n";
    }
    return same;
}

int series_points(const std::string& series_json) {
    pb::SeriesResponse points;
    std::string error;
    if (!wire::from_json(series_json, &points, &error)) throw std::runtime_error("unreadable series: " + error);
    return points.points_size();
}

}  // namespace floorwalk::bench
