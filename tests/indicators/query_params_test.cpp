// Bad parameters get a 400 naming the parameter and the rule; good ones in every accepted form work.
#include "indicator_fixture.h"

#include "floorwalk/wire.h"
#include "indicators/query_params.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

// The error body of a 400, checked for its code and the parameter it names.
void check_bad(const server::Response& response, const std::string& parameter) {
    INFO(response.body);
    CHECK(response.status == 400);
    v1::ErrorResponse error;
    std::string parse_error;
    REQUIRE(wire::from_json(response.body, &error, &parse_error));
    CHECK(error.error().code() == "invalid_argument");
    CHECK(error.error().message().find(parameter) != std::string::npos);
    REQUIRE(error.error().details_size() == 1);
    CHECK(error.error().details(0).field() == parameter);
}

}  // namespace

TEST_CASE("bad at, windowDays, from and to are 400 with the parameter named", "[indicators][params]") {
    IndicatorFixture fixture;
    for (const std::string path : {"/indicators", "/indicators/export.csv"}) {
        INFO(path);
        check_bad(fixture.get(path, {{"at", "yesterday"}}, "hq"), "at");
        check_bad(fixture.get(path, {{"at", "2026-02-30"}}, "hq"), "at");
        check_bad(fixture.get(path, {{"windowDays", "0"}}, "hq"), "windowDays");
        check_bad(fixture.get(path, {{"windowDays", "3651"}}, "hq"), "windowDays");
        check_bad(fixture.get(path, {{"windowDays", "ninety"}}, "hq"), "windowDays");
        check_bad(fixture.get(path, {{"windowDays", "9 0"}}, "hq"), "windowDays");
        check_bad(fixture.get(path, {{"windowDays", ""}}, "hq"), "windowDays");
        check_bad(fixture.get(path, {{"from", "2026-13-01"}}, "hq"), "from");
        check_bad(fixture.get(path, {{"to", "03/01/2026"}}, "hq"), "to");
        check_bad(fixture.get(path, {{"from", "2026-03-01"}, {"to", "2026-03-01"}}, "hq"), "from");
        check_bad(fixture.get(path, {{"from", "2026-03-10"}, {"to", "2026-03-01"}}, "hq"), "from");
    }
    // A `to` before the default `from`... is fine: from defaults to 30 days before to.
    CHECK(fixture.get("/indicators", {{"to", "2020-01-01"}}, "hq").status == 200);
}

TEST_CASE("instants outside years 1970 to 8999 are 400, never a 500 from printing them", "[indicators][params]") {
    IndicatorFixture fixture;
    for (const std::string path : {"/indicators", "/indicators/series", "/indicators/export.csv", "/indicators/kpi"}) {
        INFO(path);
        check_bad(fixture.get(path, {{"to", "0001-01-01"}}, "hq"), "to");
        check_bad(fixture.get(path, {{"to", "9999-12-31T23:59:59Z"}}, "hq"), "to");
        check_bad(fixture.get(path, {{"from", "1969-12-31"}}, "hq"), "from");
    }
    check_bad(fixture.get("/indicators", {{"at", "0001-01-01"}}, "hq"), "at");
    check_bad(fixture.get("/indicators/roi", {{"benefitMetric", "sales"}, {"costMetric", "cost"}, {"to", "0001-01-01"}},
                          "hq"),
              "to");
    CHECK(fixture.get("/indicators", {{"at", "1970-01-01"}}, "hq").status == 200);
}

TEST_CASE("series accepts only step=week and at most ten years", "[indicators][params]") {
    IndicatorFixture fixture;
    check_bad(fixture.get("/indicators/series", {{"step", "month"}}, "hq"), "step");
    check_bad(fixture.get("/indicators/series", {{"from", "2000-01-01"}, {"to", "2026-01-01"}}, "hq"), "from");
    check_bad(fixture.get("/indicators/series", {{"windowDays", "-5"}}, "hq"), "windowDays");
    const auto series =
        fixture.get_json<v1::SeriesResponse>("/indicators/series", {{"step", "week"}}, "hq");
    // Default: the 52 weeks before now (2026-04-01, a Wednesday): 53 ISO weeks intersect that range.
    CHECK(series.points_size() == 53);
}

TEST_CASE("KPI and ROI parameters", "[indicators][params]") {
    IndicatorFixture fixture;
    check_bad(fixture.get("/indicators/kpi", {{"lagPeriods", "-1"}}, "hq"), "lagPeriods");
    check_bad(fixture.get("/indicators/kpi", {{"lagPeriods", "61"}}, "hq"), "lagPeriods");
    check_bad(fixture.get("/indicators/kpi", {{"metric", ""}}, "hq"), "metric");
    check_bad(fixture.get("/indicators/roi", {{"costMetric", "cost"}}, "hq"), "benefitMetric");
    check_bad(fixture.get("/indicators/roi", {{"benefitMetric", "sales"}}, "hq"), "costMetric");
    check_bad(fixture.get("/indicators/roi", {{"benefitMetric", "sales"}, {"costMetric", "cost"}, {"from", "x"}}, "hq"),
              "from");
}

TEST_CASE("times are RFC 3339 with any offset, or plain dates at 00:00 UTC", "[indicators][params]") {
    IndicatorFixture fixture;
    const auto offset = fixture.get_json<v1::IndicatorsResponse>(
        "/indicators", {{"at", "2026-03-01T09:30:00+01:00"}, {"from", "2026-02-01"}, {"to", "2026-03-01T00:00:00.5Z"}},
        "hq");
    CHECK(wire::from_proto(offset.at()) == at("2026-03-01T08:30:00Z"));
    CHECK(wire::from_proto(offset.from()) == at("2026-02-01T00:00:00Z"));
    CHECK(wire::from_proto(offset.to()) == at("2026-03-01T00:00:00.500Z"));

    IndicatorParams params;
    server::Request request;
    request.query = {{"windowDays", "3650"}, {"at", "2026-01-01"}};
    REQUIRE_FALSE(server::indicators::read_indicator_params(request, at("2026-04-01"), params).has_value());
    CHECK(params.window_days == 3650);
    CHECK(params.at == at("2026-01-01T00:00:00Z"));
    CHECK(params.to == at("2026-04-01"));
    CHECK(params.from == at("2026-03-02"));
}
