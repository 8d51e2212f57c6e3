// The KPI perspective: PUT /admin/kpis, GET /indicators/kpi (pairs and correlations against values computed by
// hand, see the comments) and GET /indicators/roi.
#include "indicator_fixture.h"

#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <set>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

void import_fixture_kpis(IndicatorFixture& fixture) {
    const auto response =
        fixture.request("PUT", "/admin/kpis", {}, "admin", read_data("kpis.csv"), "text/csv");
    INFO(response.body);
    REQUIRE(response.status == 200);
    v1::ImportResponse imported;
    IndicatorFixture::decode_json(response, &imported);
    CHECK(imported.applied() == 24);
}

v1::ErrorResponse error_of(const server::Response& response) {
    v1::ErrorResponse error;
    std::string parse_error;
    REQUIRE(wire::from_json(response.body, &error, &parse_error));
    return error;
}

std::optional<double> value(const google::protobuf::Value& v) { return wire::get_value(v); }

}  // namespace

TEST_CASE("KPI pairs: rate at the period's end beside the KPI of the same period", "[indicators][kpi]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    import_fixture_kpis(fixture);
    const auto kpi = fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "nps"}}, "hq");
    CHECK(kpi.metric() == "nps");
    CHECK(kpi.lag_periods() == 0);
    CHECK(std::vector<std::string>(kpi.metrics().begin(), kpi.metrics().end()) ==
          std::vector<std::string>{"cost", "csat", "nps", "sales"});
    // Periods starting in the default range [2025-04-01, 2026-04-01): January to March, for North and South.
    REQUIRE(kpi.points_size() == 6);
    CHECK(kpi.points(0).unit_id() == "R1");
    CHECK(kpi.points(0).unit_name() == "North");
    CHECK(kpi.points(0).period() == "2026-01");
    CHECK(kpi.points(0).kpi_period() == "2026-01");
    CHECK_FALSE(value(kpi.points(0).transformation_rate()).has_value());  // nothing observed yet
    CHECK(kpi.points(3).unit_id() == "R2");
    CHECK(kpi.points(3).period() == "2026-02");
    CHECK(number(kpi.points(3).transformation_rate()) == Approx(1.0));  // e6 on 02-01
    CHECK(kpi.points(3).kpi_value() == 50);
    CHECK(number(kpi.points(4).transformation_rate()) == Approx(3.0 / 7.0));
    CHECK(number(kpi.points(5).transformation_rate()) == Approx(0.75));
    // x = (1, 3/7, 3/4), y = (50, 30, 45): r = 0.97824..., rho = 1 (same order).
    CHECK(kpi.n() == 3);
    CHECK(number(kpi.pearson()) == Approx(0.9782407485564633));
    CHECK(number(kpi.spearman()) == Approx(1.0));
}

TEST_CASE("KPI pairs with a lag take the KPI lagPeriods later", "[indicators][kpi]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    import_fixture_kpis(fixture);
    const auto kpi =
        fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "nps"}, {"lagPeriods", "1"}}, "hq");
    CHECK(kpi.lag_periods() == 1);
    REQUIRE(kpi.points_size() == 8);  // rate periods December to March
    CHECK(kpi.points(0).period() == "2025-12");
    CHECK(kpi.points(0).kpi_period() == "2026-01");
    CHECK(kpi.points(7).period() == "2026-03");
    CHECK(kpi.points(7).kpi_period() == "2026-04");
    CHECK(kpi.points(7).kpi_value() == 60);
    // x = (1, 3/7, 3/4), y = (45, 42, 60): r = 0.22624..., rho = 0.5.
    CHECK(kpi.n() == 3);
    CHECK(number(kpi.pearson()) == Approx(0.22624476930448575));
    CHECK(number(kpi.spearman()) == Approx(0.5));
}

TEST_CASE("weekly KPIs pair with the rate at the ISO week's end, hidden children are not counted",
          "[indicators][kpi]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    import_fixture_kpis(fixture);
    const Query query{{"metric", "csat"}, {"unitId", "R1"}};
    const auto kpi = fixture.get_json<v1::KpiResponse>("/indicators/kpi", query, "admin");
    REQUIRE(kpi.points_size() == 6);
    CHECK(kpi.points(0).period() == "2026-W11");
    CHECK(kpi.points(0).unit_id() == "S1");
    CHECK(number(kpi.points(0).transformation_rate()) == Approx(0.6));
    CHECK(kpi.points(1).unit_id() == "S2");
    CHECK(number(kpi.points(1).transformation_rate()) == Approx(0.0));
    // x = (.6, 0, .6, 0, .6, 0), y = (70, 50, 72, 55, 75, 52): r = 0.97953..., rho = 0.87831... (tied ranks).
    CHECK(kpi.n() == 6);
    CHECK(number(kpi.pearson()) == Approx(0.9795347226725089));
    CHECK(number(kpi.spearman()) == Approx(0.8783100656536799));

    // HQ may not see Lens (1 employee), nor Lille beside it (North - Lille = Lens): their pairs are listed as
    // hidden and left out.
    const auto hq = fixture.get_json<v1::KpiResponse>("/indicators/kpi", query, "hq");
    REQUIRE(hq.points_size() == 6);
    for (const auto& point : hq.points()) {
        INFO(point.unit_id() << " " << point.period());
        CHECK(point.hidden());
        CHECK(point.hidden_reason() == (point.unit_id() == "S2" ? v1::SMALL_GROUP : v1::COMPLEMENTARY));
        CHECK_FALSE(value(point.transformation_rate()).has_value());
        CHECK(point.kpi_value() > 0);  // the KPI itself describes the unit, not its employees
    }
    CHECK(hq.n() == 0);
    CHECK_FALSE(value(hq.pearson()).has_value());

    // At minGroupSize 1 no unit with an employee is small, and every pair counts for HQ too.
    fixture.set_min_group_size(1);
    CHECK(fixture.get_json<v1::KpiResponse>("/indicators/kpi", query, "hq").n() == 6);
}

TEST_CASE("KPI at any level: the root compares the kind that carries the metric, unitKind chooses another",
          "[indicators][kpi]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    import_fixture_kpis(fixture);
    fixture.set_min_group_size(1);

    // csat is recorded per store: the organisation's own page compares its stores (before, its regions: n 0).
    const auto root = fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "csat"}}, "admin");
    CHECK(root.unit_kind() == v1::STORE);
    CHECK(std::vector<int>(root.unit_kinds().begin(), root.unit_kinds().end()) ==
          std::vector<int>{v1::ORGANIZATION, v1::REGION, v1::STORE});
    const auto north = fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "csat"}, {"unitId", "R1"}},
                                                         "admin");
    // The stores below the root are Lille and Lens (Nice has no csat): the same pairs, rates and correlations as
    // North's page, whose figures are computed by hand in the test above.
    REQUIRE(root.points_size() == 6);
    REQUIRE(north.points_size() == 6);
    for (int i = 0; i < 6; ++i) {
        CHECK(root.points(i).unit_id() == north.points(i).unit_id());
        CHECK(root.points(i).period() == north.points(i).period());
        CHECK(value(root.points(i).transformation_rate()) == value(north.points(i).transformation_rate()));
    }
    CHECK(number(root.points(0).transformation_rate()) == Approx(0.6));
    CHECK(root.n() == 6);
    CHECK(number(root.pearson()) == Approx(0.9795347226725089));

    // nps is recorded per region: the root's default stays the regions.
    CHECK(fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "nps"}}, "hq").unit_kind() == v1::REGION);

    // Asking for stores where nps is recorded per region pairs nothing; asking for regions on csat neither.
    const auto stores = fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "nps"}, {"unitKind", "store"}},
                                                          "hq");
    CHECK(stores.unit_kind() == v1::STORE);
    CHECK(stores.points_size() == 0);
    CHECK(stores.n() == 0);
    CHECK(fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "csat"}, {"unitKind", "REGION"}}, "hq")
              .points_size() == 0);

    // A store's own page pairs the store itself over the weeks.
    const auto lille = fixture.get_json<v1::KpiResponse>("/indicators/kpi", {{"metric", "csat"}, {"unitId", "S1"}},
                                                         "admin");
    CHECK(lille.unit_kind() == v1::STORE);
    REQUIRE(lille.points_size() == 3);
    for (const auto& point : lille.points()) CHECK(point.unit_id() == "S1");
    CHECK(lille.n() == 3);
}

TEST_CASE("KPI at any level: an unknown unitKind is a 400 naming the kinds", "[indicators][kpi]") {
    IndicatorFixture fixture;
    import_fixture_kpis(fixture);
    const auto response = fixture.get("/indicators/kpi", {{"metric", "csat"}, {"unitKind", "shop"}}, "hq");
    CHECK(response.status == 400);
    const auto error = error_of(response);
    CHECK(error.error().details_size() == 1);
    CHECK(error.error().details(0).field() == "unitKind");
    CHECK(error.error().message().find("store") != std::string::npos);
}

TEST_CASE("KPI without a metric lists the metrics, an unknown metric is 404", "[indicators][kpi]") {
    IndicatorFixture fixture;
    import_fixture_kpis(fixture);
    const auto listing = fixture.get_json<v1::KpiResponse>("/indicators/kpi", {}, "hq");
    CHECK(listing.points_size() == 0);
    CHECK(listing.metrics_size() == 4);
    CHECK(listing.n() == 0);
    const auto unknown = fixture.get("/indicators/kpi", {{"metric", "nsp"}}, "hq");
    CHECK(unknown.status == 404);
    CHECK(error_of(unknown).error().code() == "metric_not_found");
    CHECK(error_of(unknown).error().message().find("cost, csat, nps, sales") != std::string::npos);
}

TEST_CASE("ROI sums the named metrics over the subtree and the periods starting in range", "[indicators][roi]") {
    IndicatorFixture fixture;
    import_fixture_kpis(fixture);
    const Query q1{{"unitId", "R1"}, {"benefitMetric", "sales"}, {"costMetric", "cost"},
                   {"from", "2026-01-01"}, {"to", "2026-04-01"}};
    const auto north = fixture.get_json<v1::RoiResponse>("/indicators/roi", q1, "hq");
    // benefit 1000 + 1200 + 500 (S1, S1, S2), cost 200 + 300 + 100 + 150 (R1's own March cost).
    CHECK(north.unit_id() == "R1");
    CHECK(north.benefit_metric() == "sales");
    CHECK(north.benefit() == 2700);
    CHECK(north.cost() == 750);
    CHECK(number(north.roi_percent()) == Approx(260.0));
    CHECK(wire::from_proto(north.from()) == at("2026-01-01"));

    const auto root = fixture.get_json<v1::RoiResponse>(
        "/indicators/roi", {{"benefitMetric", "sales"}, {"costMetric", "cost"}, {"from", "2026-01-01"}}, "hq");
    CHECK(root.unit_id() == "HQ");
    CHECK(root.benefit() == 3500);
    CHECK(number(root.roi_percent()) == Approx((3500.0 - 750.0) / 750.0 * 100.0));

    // December 2025 is inside the default year before now (2026-04-01).
    const auto year = fixture.get_json<v1::RoiResponse>(
        "/indicators/roi", {{"unitId", "S1"}, {"benefitMetric", "sales"}, {"costMetric", "cost"}}, "hq");
    CHECK(year.benefit() == 3199);
    CHECK(year.cost() == 500);

    const auto free = fixture.get_json<v1::RoiResponse>(
        "/indicators/roi", {{"unitId", "S3"}, {"benefitMetric", "sales"}, {"costMetric", "cost"}}, "hq");
    CHECK(free.cost() == 0);
    CHECK_FALSE(value(free.roi_percent()).has_value());
    CHECK(fixture.get("/indicators/roi", {{"unitId", "S3"}, {"benefitMetric", "sales"}, {"costMetric", "cost"}}, "hq")
              .body.find("\"roiPercent\":null") != std::string::npos);

    const auto unknown = fixture.get("/indicators/roi", {{"benefitMetric", "sales"}, {"costMetric", "training"}}, "hq");
    CHECK(unknown.status == 404);
    CHECK(fixture.get("/indicators/roi", {{"unitId", "S3"}, {"benefitMetric", "sales"}, {"costMetric", "cost"}}, "m1")
              .status == 403);
}

TEST_CASE("KPI import: JSON too, upserts by unit, period and metric", "[indicators][kpi][import]") {
    IndicatorFixture fixture;
    const auto response = fixture.request(
        "PUT", "/admin/kpis", {}, "admin",
        R"({"kpis": [{"unitId": "S1", "period": "2026-03", "metric": "nps", "value": 41.5},
                     {"unitId": "S2", "period": "2026-W10", "metric": "nps", "value": 12}]})",
        "application/json");
    INFO(response.body);
    REQUIRE(response.status == 200);
    auto kpis = fixture.store().kpis(fixture.organization_id());
    REQUIRE(kpis.size() == 2);

    const auto again = fixture.request("PUT", "/admin/kpis", {}, "admin",
                                       "\xEF\xBB\xBFunitId,period,metric,value\r\nS1,2026-03,nps,43\r\n", "text/csv");
    REQUIRE(again.status == 200);
    kpis = fixture.store().kpis(fixture.organization_id());
    REQUIRE(kpis.size() == 2);
    for (const auto& kpi : kpis)
        if (kpi.unit_id == "S1") CHECK(kpi.value == 43);
}

TEST_CASE("KPI import: bad rows are 400 with one detail each, and nothing is written", "[indicators][kpi][import]") {
    IndicatorFixture fixture;
    const std::string csv =
        "unitId,period,metric,value\n"
        "S1,2026-03,nps,40\n"
        "S9,2026-03,nps,40\n"
        "S1,2026-13,nps,40\n"
        "S1,2026-04,nps,forty\n"
        "S1,2026-03,nps,41\n";
    const auto response = fixture.request("PUT", "/admin/kpis", {}, "admin", csv, "text/csv");
    INFO(response.body);
    REQUIRE(response.status == 400);
    const auto error = error_of(response).error();
    CHECK(error.code() == "invalid_rows");
    REQUIRE(error.details_size() >= 4);
    std::set<int> rows;
    for (const auto& detail : error.details()) rows.insert(detail.row());
    CHECK(rows == std::set<int>{2, 3, 4, 5});
    CHECK(error.details(0).field() == "unitId");
    CHECK(fixture.store().kpis(fixture.organization_id()).empty());

    const auto missing = fixture.request("PUT", "/admin/kpis", {}, "admin", "unitId,period,value\nS1,2026-03,4\n",
                                         "text/csv");
    CHECK(missing.status == 400);
    // As every import answers a missing column: a detail on row 0 (the file as a whole) that names it.
    CHECK(error_of(missing).error().code() == "invalid_rows");
    REQUIRE(error_of(missing).error().details_size() == 1);
    CHECK(error_of(missing).error().details(0).row() == 0);
    CHECK(error_of(missing).error().details(0).message().find("metric") != std::string::npos);

    const auto empty = fixture.request("PUT", "/admin/kpis", {}, "admin", "unitId,period,metric,value\n", "text/csv");
    CHECK(empty.status == 400);
    const auto malformed =
        fixture.request("PUT", "/admin/kpis", {}, "admin", "unitId,period,metric,value\n\"S1,2026-03", "text/csv");
    CHECK(malformed.status == 400);
    const auto bad_json = fixture.request("PUT", "/admin/kpis", {}, "admin", "{\"kpis\": 3}", "application/json");
    CHECK(bad_json.status == 400);
    const auto wrong_type = fixture.request("PUT", "/admin/kpis", {}, "admin", "<kpis/>", "application/xml");
    CHECK(wrong_type.status == 415);
    CHECK(fixture.store().kpis(fixture.organization_id()).empty());
}
