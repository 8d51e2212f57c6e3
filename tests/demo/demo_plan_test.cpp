// The demo's plan in memory: deterministic, dated up to `now`, and telling the intended story.
#include "demo/demo_plan.h"
#include "demo/demo_catalogue.h"
#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace floorwalk;
using namespace floorwalk::server::demo;

namespace {

const Timestamp now = *parse_rfc3339("2026-03-04T15:00:00Z");

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
    const auto n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TEST_CASE("the plan is the same for the same seed and time, and differs for another seed", "[demo]") {
    const auto a = plan_demo(now, 7, 1);
    const auto b = plan_demo(now, 7, 1);
    const auto c = plan_demo(now, 8, 1);
    CHECK(a.units == b.units);
    CHECK(a.employees == b.employees);
    CHECK(a.kpis == b.kpis);
    REQUIRE(a.managers.size() == b.managers.size());
    for (std::size_t i = 0; i < a.managers.size(); ++i) {
        CHECK(a.managers[i].observations == b.managers[i].observations);
        CHECK(a.managers[i].activities == b.managers[i].activities);
        CHECK(a.managers[i].revisions == b.managers[i].revisions);
    }
    CHECK(a.units == c.units);  // the organisation is fixed
    CHECK(a.managers[0].observations != c.managers[0].observations);
}

TEST_CASE("the history covers 26 weeks up to now, never after", "[demo]") {
    const auto plan = plan_demo(now, 20261128, 3);
    const Timestamp first_week = iso_week_start(now) - std::chrono::days(7 * 25);
    std::size_t observations = 0;
    for (const auto& manager : plan.managers) {
        for (const auto& o : manager.observations) {
            CHECK(o.observed_at <= now);
            CHECK(o.observed_at >= first_week);
            CHECK(o.model_version == 3);
            CHECK(o.ratings.size() >= 3);
            CHECK(o.ratings.size() <= 6);
        }
        for (const auto& a : manager.activities) CHECK(a.occurred_at <= now);
        observations += manager.observations.size();
    }
    // 12 managers x 26 weeks x 2..5 observations.
    CHECK(observations >= 12 * 25 * 2);
    CHECK(observations <= 12 * 26 * 5);
}

TEST_CASE("stores learn along different curves", "[demo]") {
    // The pilot store is ahead of the latest starter at every week, and every curve rises.
    for (double week = 0; week < weeks_of_history; week += 1) {
        CHECK(store_progress(0, week) > store_progress(7, week));
        for (std::size_t s = 0; s < stores().size(); ++s) CHECK(store_progress(s, week + 1) > store_progress(s, week));
    }
    CHECK(store_progress(4, 25) - store_progress(7, 25) > 0.4);
}

TEST_CASE("monthly KPIs follow each store's mastery one month earlier", "[demo]") {
    const auto plan = plan_demo(now, 20261128, 1);
    std::map<std::string, int> per_metric;
    for (const auto& kpi : plan.kpis) ++per_metric[kpi.metric];
    CHECK(per_metric.size() == 4);
    CHECK(per_metric["nps"] == 12 * 6);  // September to February for a 4 March "now"
    CHECK(per_metric["averageBasket"] == 12 * 6);

    const Timestamp first_week = iso_week_start(now) - std::chrono::days(7 * 25);
    std::vector<double> mastery;
    std::vector<double> nps;
    for (const auto& kpi : plan.kpis) {
        if (kpi.metric != "nps") continue;
        const auto period = parse_period(kpi.period);
        REQUIRE(period);
        std::size_t store = 0;
        while (stores()[store].id != kpi.unit_id) ++store;
        mastery.push_back(
            store_progress(store, static_cast<double>((period->start - first_week) / std::chrono::hours(24)) / 7.0));
        nps.push_back(kpi.value);
    }
    CHECK(pearson(mastery, nps) > 0.8);
}
