// Who reads what: roles and scopes (403/404), and minGroupSize hiding small units from HQ and DIRECTOR.
#include "indicator_fixture.h"

#include "floorwalk/csv.h"
#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <map>
#include <vector>

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
    CHECK(fixture.call(request, nobody)->status == 403);

    auto unassigned = fixture.caller("m1");
    unassigned.unit_ids.clear();
    CHECK(fixture.call(request, unassigned)->status == 403);
}

TEST_CASE("minGroupSize hides small units from HQ and DIRECTOR, and the totals still count them",
          "[indicators][access][hidden]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    // Default minGroupSize 3: Lens (1 employee) is hidden, and Lille (4) beside it, since North - Lille = Lens.
    const auto north = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("R1"), "director-north");
    CHECK_FALSE(north.hidden());
    CHECK(north.hidden_reason() == v1::HIDDEN_REASON_UNSPECIFIED);
    CHECK(number(north.transformation_rate()) == Approx(3.0 / 7.0));  // e5 still counts
    REQUIRE(north.children_size() == 2);
    const auto& lille = north.children(0);
    const auto& lens = north.children(1);
    CHECK(lens.unit_id() == "S2");
    CHECK(lens.hidden());
    CHECK(lens.hidden_reason() == v1::SMALL_GROUP);
    CHECK(lens.active_employees() == 1);
    CHECK_FALSE(wire::get_value(lens.transformation_rate()).has_value());
    CHECK_FALSE(wire::get_value(lens.deployment_rate()).has_value());
    CHECK(lens.dimensions_size() == 0);
    CHECK(lille.unit_id() == "S1");
    CHECK(lille.hidden());
    CHECK(lille.hidden_reason() == v1::COMPLEMENTARY);
    CHECK(lille.active_employees() == 4);
    CHECK_FALSE(wire::get_value(lille.transformation_rate()).has_value());
    CHECK_FALSE(wire::get_value(lille.deployment_rate()).has_value());
    CHECK(lille.dimensions_size() == 0);

    // The requested unit itself, with the counts that describe its employees (observations and activities tell
    // whether one employee was accompanied).
    const auto hidden = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S2"), "hq");
    CHECK(hidden.hidden());
    CHECK(hidden.hidden_reason() == v1::SMALL_GROUP);
    CHECK(hidden.active_employees() == 1);
    CHECK(hidden.dimensions_size() == 0);
    CHECK(hidden.assessed_employees() == 0);
    CHECK(hidden.accompanied_employees() == 0);
    CHECK(hidden.observations() == 0);
    CHECK(hidden.activities() == 0);
    CHECK_FALSE(wire::get_value(hidden.transformation_rate()).has_value());
    CHECK_FALSE(wire::get_value(hidden.coverage()).has_value());
    const auto series = fixture.get_json<v1::SeriesResponse>(
        "/indicators/series", {{"unitId", "S2"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}}, "hq");
    CHECK(series.hidden());
    CHECK(series.hidden_reason() == v1::SMALL_GROUP);
    REQUIRE(series.points_size() > 0);
    for (const auto& point : series.points()) {
        CHECK_FALSE(wire::get_value(point.transformation_rate()).has_value());
        CHECK(point.dimensions_size() == 0);
        CHECK(point.observations() == 0);
    }

    // His own manager and the admin see it, and Lille.
    for (const std::string user : {"m2", "admin"}) {
        const auto open = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S2"), user);
        CHECK_FALSE(open.hidden());
        CHECK(open.hidden_reason() == v1::HIDDEN_REASON_UNSPECIFIED);
        CHECK(number(open.transformation_rate()) == Approx(0.0));
        CHECK(open.dimensions_size() == 2);
        CHECK(open.observations() == 1);
    }
    const auto lille_open = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("R1"), "admin");
    CHECK_FALSE(lille_open.children(0).hidden());
    CHECK(number(lille_open.children(0).transformation_rate()) == Approx(0.6));

    // The setting is the organisation's: at 5, Nice (3) and Lille (4) are small too, and North (5) is hidden
    // beside South, since HQ - North = South. The root (8) is not.
    fixture.set_min_group_size(5);
    const auto root = fixture.get_json<v1::IndicatorsResponse>("/indicators", march, "hq");
    CHECK_FALSE(root.hidden());
    CHECK(number(root.transformation_rate()) == Approx(6.0 / 11.0));
    CHECK(root.children(0).hidden_reason() == v1::COMPLEMENTARY);  // North has 5
    CHECK(root.children(1).hidden_reason() == v1::SMALL_GROUP);    // South has 3
    fixture.set_min_group_size(1);
    const auto lens_open = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S2"), "hq");
    CHECK_FALSE(lens_open.hidden());
    CHECK_FALSE(fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("R1"), "hq").children(0).hidden());
}

namespace {

// What one caller reads of every unit it may open, through GET /indicators.
struct Seen {
    std::map<std::string, v1::IndicatorsResponse> units;
    std::map<std::string, std::vector<std::string>> children;
};

Seen read_all(IndicatorFixture& fixture, const std::string& username, const std::string& top) {
    Seen seen;
    std::vector<std::string> queue{top};
    while (!queue.empty()) {
        const auto unit_id = queue.back();
        queue.pop_back();
        const auto response = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at(unit_id), username);
        for (const auto& child : response.children()) {
            seen.children[unit_id].push_back(child.unit_id());
            queue.push_back(child.unit_id());
        }
        seen.units.emplace(unit_id, response);
    }
    return seen;
}

// The additive figures of a response: per dimension assessed, mastered and the sum of levels, then assessed,
// accompanied employees and observations. Arithmetic on visible figures works on these.
std::vector<double> additive(const v1::IndicatorsResponse& r) {
    std::vector<double> out;
    for (const auto& d : r.dimensions()) {
        out.push_back(d.assessed());
        out.push_back(d.mastered());
        out.push_back(d.assessed() * wire::get_value(d.average_level()).value_or(0.0));
    }
    out.push_back(r.assessed_employees());
    out.push_back(r.accompanied_employees());
    out.push_back(r.observations());
    return out;
}

}  // namespace

TEST_CASE("no visible unit minus the visible units below it leaves a group below minGroupSize",
          "[indicators][access][hidden]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    for (const int size : {2, 3, 4, 5, 6, 9}) {
        fixture.set_min_group_size(size);
        for (const auto& [username, top] :
             {std::pair<std::string, std::string>{"hq", "HQ"}, {"director-north", "R1"}}) {
            const auto seen = read_all(fixture, username, top);
            for (const auto& [unit_id, response] : seen.units) {
                INFO("minGroupSize " << size << ", " << username << " reads " << unit_id);
                if (response.hidden()) continue;
                // The nearest visible units below: what a reader subtracts from this unit's figures.
                std::vector<std::string> below;
                std::vector<std::string> queue = seen.children.count(unit_id) ? seen.children.at(unit_id)
                                                                              : std::vector<std::string>{};
                while (!queue.empty()) {
                    const auto id = queue.back();
                    queue.pop_back();
                    if (!seen.units.at(id).hidden()) {
                        below.push_back(id);
                    } else if (seen.children.count(id)) {
                        queue.insert(queue.end(), seen.children.at(id).begin(), seen.children.at(id).end());
                    }
                }
                int residual = response.active_employees();
                auto figures = additive(response);
                for (const auto& id : below) {
                    residual -= seen.units.at(id).active_employees();
                    const auto part = additive(seen.units.at(id));
                    REQUIRE(part.size() == figures.size());
                    for (std::size_t i = 0; i < part.size(); ++i) figures[i] -= part[i];
                }
                INFO("residual of " << residual << " employee(s)");
                CHECK((residual == 0 || residual >= size));
                if (residual == 0) {
                    // Nothing is left to learn: the subtraction gives zeros.
                    for (const double figure : figures) CHECK(figure == Approx(0.0));
                }
            }
        }
    }
}

TEST_CASE("a unit gets the same decision in every endpoint and for every caller who sees it",
          "[indicators][access][hidden]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    REQUIRE(fixture.request("PUT", "/admin/kpis", {}, "admin", read_data("kpis.csv"), "text/csv").status == 200);
    // At 4: Lens and South are small; Lille is hidden beside Lens, and North beside South (HQ - North = South).
    // Decided on North's subtree alone, North (5) would be shown to its director, and HQ - North would give South.
    fixture.set_min_group_size(4);
    const std::map<std::string, v1::HiddenReason> expected{{"HQ", v1::HIDDEN_REASON_UNSPECIFIED},
                                                           {"R1", v1::COMPLEMENTARY},
                                                           {"S1", v1::COMPLEMENTARY},
                                                           {"S2", v1::SMALL_GROUP},
                                                           {"R2", v1::SMALL_GROUP},
                                                           {"S3", v1::SMALL_GROUP}};
    const std::map<std::string, std::string> parents{{"HQ", ""},  {"R1", "HQ"}, {"S1", "R1"},
                                                     {"S2", "R1"}, {"R2", "HQ"}, {"S3", "R2"}};
    const auto csv_reason = [](v1::HiddenReason reason) {
        return reason == v1::SMALL_GROUP ? "small_group" : reason == v1::COMPLEMENTARY ? "complementary" : "";
    };
    for (const std::string username : {"hq", "director-north"}) {
        const std::string top = username == "hq" ? "HQ" : "R1";
        const auto export_csv = fixture.get("/indicators/export.csv", march_at(top), username);
        REQUIRE(export_csv.status == 200);
        std::string error;
        const auto table = csv::parse(export_csv.body, &error);
        REQUIRE(table);
        const auto unit_column = *csv::column(table->header, "unitId");
        const auto hidden_column = *csv::column(table->header, "hidden");
        const auto reason_column = *csv::column(table->header, "hiddenReason");
        for (const auto& [unit_id, reason] : expected) {
            if (fixture.get("/indicators", march_at(unit_id), username).status != 200) continue;  // out of scope
            INFO(username << " reads " << unit_id);
            const bool hidden = reason != v1::HIDDEN_REASON_UNSPECIFIED;
            const auto self = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at(unit_id), username);
            CHECK(self.hidden() == hidden);
            CHECK(self.hidden_reason() == reason);
            const auto series = fixture.get_json<v1::SeriesResponse>(
                "/indicators/series", {{"unitId", unit_id}, {"from", "2026-03-01"}, {"to", "2026-04-01"}}, username);
            CHECK(series.hidden() == hidden);
            CHECK(series.hidden_reason() == reason);
            for (const auto& row : table->rows) {
                if (row[unit_column] != unit_id) continue;
                CHECK(row[hidden_column] == (hidden ? "true" : "false"));
                CHECK(row[reason_column] == csv_reason(reason));
            }
            const auto& parent = parents.at(unit_id);
            if (parent.empty() || fixture.get("/indicators", march_at(parent), username).status != 200) continue;
            const auto from_parent =
                fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at(parent), username);
            for (const auto& child : from_parent.children()) {
                if (child.unit_id() != unit_id) continue;
                CHECK(child.hidden() == hidden);
                CHECK(child.hidden_reason() == reason);
            }
            const auto kpi = fixture.get_json<v1::KpiResponse>(
                "/indicators/kpi", {{"metric", "csat"}, {"unitId", parent}}, username);
            for (const auto& point : kpi.points()) {
                if (point.unit_id() != unit_id) continue;
                CHECK(point.hidden() == hidden);
                CHECK(point.hidden_reason() == reason);
                CHECK(wire::get_value(point.transformation_rate()).has_value() == !hidden);
            }
        }
    }
}

TEST_CASE("the learning curve of a unit hidden beside a small one is withheld at every point",
          "[indicators][access][hidden][series]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const Query weeks{{"from", "2026-03-01"}, {"to", "2026-04-01"}};
    auto of = [&](const std::string& unit_id, const std::string& username) {
        auto query = weeks;
        query.emplace("unitId", unit_id);
        return fixture.get_json<v1::SeriesResponse>("/indicators/series", query, username);
    };
    // North's curve is shown; Lille's would give Lens' week by week (North - Lille): it is withheld.
    const auto north = of("R1", "hq");
    CHECK_FALSE(north.hidden());
    REQUIRE(north.points_size() > 0);
    CHECK(wire::get_value(north.points(north.points_size() - 1).transformation_rate()).has_value());
    const auto lille = of("S1", "hq");
    CHECK(lille.hidden());
    CHECK(lille.hidden_reason() == v1::COMPLEMENTARY);
    REQUIRE(lille.points_size() == north.points_size());
    for (const auto& point : lille.points()) {
        INFO(point.week());
        CHECK_FALSE(wire::get_value(point.transformation_rate()).has_value());
        CHECK_FALSE(wire::get_value(point.deployment_rate()).has_value());
        CHECK(point.dimensions_size() == 0);
        CHECK(point.observations() == 0);
        CHECK(point.active_employees() == 4);
    }
    // Lille's manager still reads his own store's curve.
    const auto own = of("S1", "m1");
    CHECK_FALSE(own.hidden());
    CHECK(wire::get_value(own.points(own.points_size() - 1).transformation_rate()).has_value());
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
