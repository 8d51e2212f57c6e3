// Who reads what: roles and scopes (403/404), and minGroupSize hiding small units from HQ and DIRECTOR.
#include "indicator_fixture.h"

#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

const Query march{{"at", "2026-04-01T00:00:00Z"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}};

Query march_at(const std::string& unit_id) {
    auto query = march;
    query.emplace("unitId", unit_id);
    return query;
}

int status_of(IndicatorFixture& fixture, const std::string& path, const std::string& unit_id,
              const std::string& username) {
    return fixture.get(path, {{"unitId", unit_id}}, username).status;
}

}  // namespace

TEST_CASE("HQ and ADMIN read every unit of their organisation", "[indicators][access]") {
    IndicatorFixture fixture;
    for (const std::string user : {"hq", "admin"})
        for (const std::string unit : {"HQ", "R1", "S2", "R2", "S3"}) {
            INFO(user << " reads " << unit);
            CHECK(status_of(fixture, "/indicators", unit, user) == 200);
        }
}

TEST_CASE("DIRECTOR and MANAGER read only their units' subtrees", "[indicators][access]") {
    IndicatorFixture fixture;
    CHECK(status_of(fixture, "/indicators", "R1", "director-north") == 200);
    CHECK(status_of(fixture, "/indicators", "S2", "director-north") == 200);
    CHECK(status_of(fixture, "/indicators", "HQ", "director-north") == 403);
    CHECK(status_of(fixture, "/indicators", "R2", "director-north") == 403);
    CHECK(status_of(fixture, "/indicators", "S3", "director-north") == 403);
    CHECK(status_of(fixture, "/indicators", "S1", "m1") == 200);
    CHECK(status_of(fixture, "/indicators", "S2", "m1") == 403);
    CHECK(status_of(fixture, "/indicators", "R1", "m1") == 403);
    // The same rules on every read endpoint.
    for (const std::string path : {"/indicators/series", "/indicators/export.csv", "/indicators/kpi"}) {
        INFO(path);
        CHECK(status_of(fixture, path, "S3", "m1") == 403);
        CHECK(status_of(fixture, path, "S1", "m1") == 200);
    }
    const auto forbidden = fixture.get("/indicators", {{"unitId", "R2"}}, "director-north");
    CHECK(forbidden.body.find("\"code\":\"forbidden\"") != std::string::npos);
    CHECK(forbidden.body.find("R2") != std::string::npos);
}

TEST_CASE("an unknown unit is 404, also one of another organisation", "[indicators][access]") {
    IndicatorFixture fixture;
    const auto other = fixture.store().create_organization("globex");
    REQUIRE(fixture.store().import_units(other.id, {Unit{"G", "", "Globex", UnitKind::organization}}).errors.empty());
    const auto missing = fixture.get("/indicators", {{"unitId", "G"}}, "hq");
    CHECK(missing.status == 404);
    CHECK(missing.body.find("\"code\":\"unit_not_found\"") != std::string::npos);
    CHECK(status_of(fixture, "/indicators/export.csv", "nowhere", "admin") == 404);
}

TEST_CASE("a caller without a role or without units reads nothing", "[indicators][access]") {
    IndicatorFixture fixture;
    auto nobody = fixture.caller("hq");
    nobody.role = Role::unspecified;
    server::Request request;
    request.method = "GET";
    request.path = "/api/v1/indicators";
    CHECK(fixture.service().handle(request, nobody)->status == 403);

    auto unassigned = fixture.caller("m1");
    unassigned.unit_ids.clear();
    CHECK(fixture.service().handle(request, unassigned)->status == 403);
}

TEST_CASE("minGroupSize hides small units from HQ and DIRECTOR, and the totals still count them",
          "[indicators][access][hidden]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    // Default minGroupSize 3: Lens (1 employee) is hidden, Lille (4) and Nice (3) are not.
    const auto north = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("R1"), "director-north");
    CHECK_FALSE(north.hidden());
    CHECK(number(north.transformation_rate()) == Approx(3.0 / 7.0));  // e5 still counts
    REQUIRE(north.children_size() == 2);
    const auto& lille = north.children(0);
    const auto& lens = north.children(1);
    CHECK_FALSE(lille.hidden());
    CHECK(number(lille.transformation_rate()) == Approx(0.6));
    CHECK(lille.dimensions_size() == 2);
    CHECK(lens.unit_id() == "S2");
    CHECK(lens.hidden());
    CHECK(lens.active_employees() == 1);
    CHECK_FALSE(wire::get_value(lens.transformation_rate()).has_value());
    CHECK_FALSE(wire::get_value(lens.deployment_rate()).has_value());
    CHECK(lens.dimensions_size() == 0);

    // The requested unit itself.
    const auto hidden = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S2"), "hq");
    CHECK(hidden.hidden());
    CHECK(hidden.active_employees() == 1);
    CHECK(hidden.dimensions_size() == 0);
    CHECK(hidden.assessed_employees() == 0);
    CHECK_FALSE(wire::get_value(hidden.transformation_rate()).has_value());
    const auto series = fixture.get_json<v1::SeriesResponse>(
        "/indicators/series", {{"unitId", "S2"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}}, "hq");
    CHECK(series.hidden());
    REQUIRE(series.points_size() > 0);
    for (const auto& point : series.points()) {
        CHECK_FALSE(wire::get_value(point.transformation_rate()).has_value());
        CHECK(point.dimensions_size() == 0);
    }

    // His own manager and the admin see it.
    for (const std::string user : {"m2", "admin"}) {
        const auto open = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S2"), user);
        CHECK_FALSE(open.hidden());
        CHECK(number(open.transformation_rate()) == Approx(0.0));
        CHECK(open.dimensions_size() == 2);
    }

    // The setting is the organisation's: at 5, Nice (3) and Lille (4) are hidden too, the root (8) is not.
    fixture.set_min_group_size(5);
    const auto root = fixture.get_json<v1::IndicatorsResponse>("/indicators", march, "hq");
    CHECK_FALSE(root.hidden());
    CHECK(number(root.transformation_rate()) == Approx(6.0 / 11.0));
    CHECK_FALSE(root.children(0).hidden());  // North has 5
    CHECK(root.children(1).hidden());        // South has 3
    fixture.set_min_group_size(1);
    const auto lens_open = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S2"), "hq");
    CHECK_FALSE(lens_open.hidden());
}

TEST_CASE("only an ADMIN imports KPIs", "[indicators][access]") {
    IndicatorFixture fixture;
    for (const std::string user : {"hq", "director-north", "m1"}) {
        const auto response =
            fixture.request("PUT", "/admin/kpis", {}, user, "unitId,period,metric,value\nS1,2026-03,nps,40\n", "text/csv");
        CHECK(response.status == 403);
    }
    CHECK(fixture.store().kpis(fixture.organization_id()).empty());
}
