// GET /api/v1/indicators and /indicators/series against hand-computed figures on the fixture organisation.
//
// After push_march_records, with at = 2026-04-01, W = 90 days, [from, to) = March 2026 (levels d1/d2):
//   S1 Lille: e1 4/2, e2 3/3, e3 1/-, e4 -/- (coached 03-20)     -> d1 2 of 3 mastered, d2 1 of 2: 3/5
//   S2 Lens:  e5 2/1                                               -> 0/2
//   S3 Nice:  e6 4/4 (observed 02-01), e7 2/4 (an edit of 3/-), e8 deleted, e9 inactive -> 3/4
//   North (S1+S2): 3/7, never the mean of 3/5 and 0/2; root: 6/11.
#include "indicator_fixture.h"

#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

const Query march{{"at", "2026-04-01T00:00:00Z"}, {"windowDays", "90"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}};

Query march_at(const std::string& unit_id) {
    auto query = march;
    query.emplace("unitId", unit_id);
    return query;
}

std::optional<double> value(const google::protobuf::Value& v) { return wire::get_value(v); }

const v1::ChildIndicator& child(const v1::IndicatorsResponse& response, const std::string& unit_id) {
    for (const auto& c : response.children())
        if (c.unit_id() == unit_id) return c;
    FAIL("no child " << unit_id);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("root indicators match the hand-computed figures", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto r = fixture.get_json<v1::IndicatorsResponse>("/indicators", march, "hq");

    CHECK(r.unit_id() == "HQ");
    CHECK(r.unit_name() == "Acme");
    CHECK(r.window_days() == 90);
    CHECK(wire::from_proto(r.at()) == at("2026-04-01T00:00:00Z"));
    CHECK(wire::from_proto(r.from()) == at("2026-03-01T00:00:00Z"));
    CHECK(r.active_employees() == 8);  // e9 is inactive
    CHECK(r.assessed_employees() == 6);
    CHECK(r.accompanied_employees() == 6);  // e1 e2 e3 e5 e7 observed, e4 coached
    CHECK(number(r.transformation_rate()) == Approx(6.0 / 11.0));
    CHECK(number(r.deployment_rate()) == Approx(0.75));
    CHECK(number(r.coverage()) == Approx(0.75));
    CHECK(r.observations() == 5);  // o5 is February, o7 deleted, o8 about an inactive employee
    CHECK(r.activities() == 1);
    CHECK_FALSE(r.hidden());

    REQUIRE(r.dimensions_size() == 2);
    const auto& greeting = r.dimensions(0);
    CHECK(greeting.dimension_id() == "d1");
    CHECK(greeting.name() == "Greeting");
    CHECK(greeting.assessed() == 6);
    CHECK(greeting.mastered() == 3);
    CHECK(number(greeting.mastery_rate()) == Approx(0.5));
    CHECK(number(greeting.coverage()) == Approx(0.75));
    CHECK(number(greeting.average_level()) == Approx(16.0 / 6.0));
    const auto& listening = r.dimensions(1);
    CHECK(listening.assessed() == 5);
    CHECK(listening.mastered() == 3);
    CHECK(number(listening.average_level()) == Approx(2.8));

    REQUIRE(r.children_size() == 2);
    CHECK(r.children(0).unit_id() == "R1");
    CHECK(r.children(0).unit_name() == "North");
    CHECK(r.children(0).kind() == v1::REGION);
    CHECK(r.children(0).active_employees() == 5);
    CHECK(number(r.children(0).transformation_rate()) == Approx(3.0 / 7.0));
    CHECK(number(r.children(0).deployment_rate()) == Approx(1.0));
    CHECK(r.children(1).unit_id() == "R2");
    CHECK(number(r.children(1).transformation_rate()) == Approx(0.75));
    CHECK(number(r.children(1).deployment_rate()) == Approx(1.0 / 3.0));

    // Managers in name order; m3's observation of e9 counts: animation is the manager's effort.
    REQUIRE(r.managers_size() == 3);
    CHECK(r.managers(0).display_name() == "Lena Lens");
    CHECK(r.managers(0).observations() == 1);
    CHECK(r.managers(1).display_name() == "Marc Lille");
    CHECK(r.managers(1).observations() == 3);
    CHECK(r.managers(1).activities() == 1);
    CHECK(r.managers(2).display_name() == "Nico Nice");
    CHECK(r.managers(2).observations() == 2);
    CHECK(number(r.active_manager_rate()) == Approx(1.0));
}

TEST_CASE("a region's rate rolls up its employees, never its stores' rates (the roll-up trap)", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto north = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("R1"), "admin");
    const double lille = *value(child(north, "S1").transformation_rate());
    const double lens = *value(child(north, "S2").transformation_rate());
    CHECK(lille == Approx(0.6));
    CHECK(lens == Approx(0.0));
    CHECK(child(north, "S1").active_employees() == 4);
    CHECK(child(north, "S2").active_employees() == 1);
    CHECK(number(north.transformation_rate()) == Approx(3.0 / 7.0));
    CHECK(*value(north.transformation_rate()) != Approx((lille + lens) / 2));
}

TEST_CASE("revisions replace and tombstones remove what counts", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto nice = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S3"), "admin");
    // e7's edit turned d1 3 into 2 and added d2 4; e8's observation was deleted.
    CHECK(nice.dimensions(0).assessed() == 2);
    CHECK(nice.dimensions(0).mastered() == 1);
    CHECK(nice.dimensions(1).assessed() == 2);
    CHECK(nice.dimensions(1).mastered() == 2);
    CHECK(nice.accompanied_employees() == 1);
    CHECK(nice.observations() == 1);

    // A second edit moves the observation out of the period; deleting it leaves e7 unassessed.
    auto edit = observation(uuid(6), "e7", "2026-02-20T10:00:00Z", {{"d1", 4}});
    edit.revision = 3;
    edit.base_revision = 2;
    fixture.push("m3", {edit});
    auto after_edit = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S3"), "admin");
    CHECK(after_edit.dimensions(0).mastered() == 2);
    CHECK(after_edit.dimensions(1).assessed() == 1);
    CHECK(after_edit.accompanied_employees() == 0);
    CHECK(after_edit.observations() == 0);

    auto tombstone = edit;
    tombstone.revision = 4;
    tombstone.base_revision = 3;
    tombstone.deleted = true;
    fixture.push("m3", {tombstone});
    auto after_delete = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S3"), "admin");
    CHECK(after_delete.dimensions(0).assessed() == 1);
    CHECK(after_delete.assessed_employees() == 1);
}

TEST_CASE("a moved employee counts in his new unit at once", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    fixture.move_employee("e6", "S2");  // from South to North, with his February observation
    const auto root = fixture.get_json<v1::IndicatorsResponse>("/indicators", march, "admin");
    CHECK(number(root.transformation_rate()) == Approx(6.0 / 11.0));  // the organisation is unchanged
    CHECK(child(root, "R1").active_employees() == 6);
    CHECK(number(child(root, "R1").transformation_rate()) == Approx(5.0 / 9.0));
    CHECK(number(child(root, "R1").deployment_rate()) == Approx(5.0 / 6.0));
    CHECK(child(root, "R2").active_employees() == 2);
    CHECK(number(child(root, "R2").transformation_rate()) == Approx(0.5));
    CHECK(number(child(root, "R2").deployment_rate()) == Approx(0.5));

    fixture.move_employee("e5", "S1");
    const auto north = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("R1"), "admin");
    CHECK(child(north, "S1").active_employees() == 5);
    CHECK(child(north, "S2").active_employees() == 1);  // e6 now
    CHECK(number(child(north, "S1").transformation_rate()) == Approx(3.0 / 7.0));
    CHECK(number(child(north, "S2").transformation_rate()) == Approx(1.0));
}

TEST_CASE("an empty unit has null rates, never 0", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    fixture.move_employee("e5", "S1");
    const auto lens = fixture.get(
        "/indicators", {{"unitId", "S2"}, {"at", "2026-04-01"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}}, "admin");
    REQUIRE(lens.status == 200);
    CHECK(lens.body.find("\"transformationRate\":null") != std::string::npos);
    CHECK(lens.body.find("\"deploymentRate\":null") != std::string::npos);
    v1::IndicatorsResponse r;
    IndicatorFixture::decode_json(lens, &r);
    CHECK(r.active_employees() == 0);
    CHECK_FALSE(value(r.dimensions(0).mastery_rate()).has_value());
}

TEST_CASE("the assessment window excludes exactly at - W and includes exactly at", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    auto d1_assessed = [&](const std::string& when) {
        const auto r = fixture.get_json<v1::IndicatorsResponse>(
            "/indicators", {{"unitId", "S3"}, {"at", when}, {"windowDays", "90"}}, "admin");
        return r.dimensions(0).assessed();
    };
    // e6 was observed on 2026-02-01T10:00Z; 90 days later is 2026-05-02T10:00Z.
    CHECK(d1_assessed("2026-05-02T09:59:59.999Z") == 2);
    CHECK(d1_assessed("2026-05-02T10:00:00Z") == 1);
    // e7 was observed on 2026-03-25T10:00Z.
    CHECK(d1_assessed("2026-03-25T10:00:00Z") == 2);
    CHECK(d1_assessed("2026-03-25T09:59:59.999Z") == 1);
    CHECK(d1_assessed("2026-02-01T09:00:00Z") == 0);
}

TEST_CASE("observations at the same instant: the greater id gives the assessment", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    // Pushed greater id first, so arrival order cannot be what decides.
    fixture.push("m1", {observation(uuid(21), "e3", "2026-03-28T12:00:00Z", {{"d1", 4}}),
                        observation(uuid(20), "e3", "2026-03-28T12:00:00Z", {{"d1", 1}})});
    auto lille = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S1"), "admin");
    CHECK(lille.dimensions(0).mastered() == 3);

    auto tombstone = observation(uuid(21), "e3", "2026-03-28T12:00:00Z", {{"d1", 4}});
    tombstone.revision = 2;
    tombstone.base_revision = 1;
    tombstone.deleted = true;
    fixture.push("m1", {tombstone});
    lille = fixture.get_json<v1::IndicatorsResponse>("/indicators", march_at("S1"), "admin");
    CHECK(lille.dimensions(0).mastered() == 2);
    CHECK(lille.dimensions(0).assessed() == 3);
}

TEST_CASE("defaults: at and to are now, the period the last 30 days, the window 90 days", "[indicators]") {
    IndicatorFixture fixture("2026-03-31T00:00:00Z");
    fixture.push_march_records();
    const auto r = fixture.get_json<v1::IndicatorsResponse>("/indicators", {}, "hq");
    CHECK(r.unit_id() == "HQ");
    CHECK(wire::from_proto(r.at()) == at("2026-03-31T00:00:00Z"));
    CHECK(wire::from_proto(r.to()) == at("2026-03-31T00:00:00Z"));
    CHECK(wire::from_proto(r.from()) == at("2026-03-01T00:00:00Z"));
    CHECK(r.window_days() == 90);
    CHECK(r.observations() == 5);

    // A manager's default unit is his own.
    const auto m1 = fixture.get_json<v1::IndicatorsResponse>("/indicators", {}, "m1");
    CHECK(m1.unit_id() == "S1");
    const auto director = fixture.get_json<v1::IndicatorsResponse>("/indicators", {}, "director-north");
    CHECK(director.unit_id() == "R1");
}

TEST_CASE("the index rebuilt from the store gives the same figures", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto before = fixture.get("/indicators", march, "admin");
    fixture.restart_service();
    const auto after = fixture.get("/indicators", march, "admin");
    CHECK(before.body == after.body);
}

TEST_CASE("protobuf and JSON carry the same figures", "[indicators]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    Request request;
    request.method = "GET";
    request.path = "/api/v1/indicators";
    request.query = march;
    request.accept = "application/x-protobuf";
    const auto response = fixture.call(request, fixture.caller("admin"));
    REQUIRE(response);
    CHECK(response->content_type == "application/x-protobuf");
    v1::IndicatorsResponse r;
    REQUIRE(r.ParseFromString(response->body));
    CHECK(number(r.transformation_rate()) == Approx(6.0 / 11.0));
    CHECK(r.children_size() == 2);
}

TEST_CASE("series: one point per ISO week with the figures at its end", "[indicators][series]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto series = fixture.get_json<v1::SeriesResponse>(
        "/indicators/series", {{"unitId", "S1"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}, {"step", "week"}},
        "admin");
    CHECK(series.unit_id() == "S1");
    CHECK(series.window_days() == 90);
    // 2026-03-01 is a Sunday (week 9); 2026-03-31 lies in week 14.
    REQUIRE(series.points_size() == 6);
    CHECK(series.points(0).week() == "2026-W09");
    CHECK(series.points(5).week() == "2026-W14");
    const auto& w10 = series.points(1);
    CHECK(wire::from_proto(w10.at()) == at("2026-03-08T23:59:59.999Z"));
    CHECK_FALSE(value(w10.transformation_rate()).has_value());
    CHECK(w10.observations() == 0);
    const auto& w11 = series.points(2);
    CHECK(number(w11.transformation_rate()) == Approx(0.6));
    CHECK(number(w11.deployment_rate()) == Approx(0.75));  // e1 e2 e3 observed; e4 is coached on 03-20
    CHECK(w11.observations() == 3);
    CHECK(w11.active_employees() == 4);
    CHECK(number(series.points(3).deployment_rate()) == Approx(1.0));

    // The same as the shared reference computation from the store's records.
    const auto input = fixture.naive_input();
    const auto expected = compute_series(input, "S1", at("2026-03-01"), at("2026-04-01"), 90);
    REQUIRE(expected.size() == 6);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        v1::SeriesPoint point;
        wire::to_proto(expected[i], &point);
        CHECK(point.SerializeAsString() == series.points(static_cast<int>(i)).SerializeAsString());
    }
}

TEST_CASE("unknown paths under /api/v1 are left to the router, wrong methods get 405", "[indicators]") {
    IndicatorFixture fixture;
    Request request;
    request.method = "GET";
    request.path = "/api/v1/indicators/unknown";
    CHECK_FALSE(fixture.call(request, fixture.caller("hq")).has_value());
    request.path = "/api/v1/sync/pull";
    CHECK_FALSE(fixture.call(request, fixture.caller("hq")).has_value());

    const auto post = fixture.request("POST", "/indicators", {}, "hq");
    CHECK(post.status == 405);
    CHECK(post.body.find("method_not_allowed") != std::string::npos);
    const auto get_kpis = fixture.request("GET", "/admin/kpis", {}, "admin");
    CHECK(get_kpis.status == 405);
}

TEST_CASE("queries run while pushes are applied, and end on the exact figures", "[indicators][concurrency]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    std::atomic<bool> pushing{true};
    std::atomic<int> answered{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            // Each reader keeps asking until the pushes are over (bounded: a few hundred pushes at most).
            while (pushing.load()) {
                Request request;
                request.method = "GET";
                request.path = "/api/v1/indicators";
                request.query = march;
                if (fixture.call(request, fixture.caller("hq"))->status == 200) ++answered;
            }
        });
    }
    for (int i = 0; i < 60; ++i) {
        const auto id = uuid(1000 + i);
        fixture.push("m1", {observation(id, i % 2 ? "e1" : "e4", "2026-03-" + std::to_string(10 + i % 18) + "T08:00:00Z",
                                        {{"d1", 1 + i % 4}, {"d2", 4 - i % 4}})});
        if (i % 3 == 0) {
            auto tombstone = observation(id, i % 2 ? "e1" : "e4", "2026-03-" + std::to_string(10 + i % 18) + "T08:00:00Z",
                                         {{"d1", 1 + i % 4}, {"d2", 4 - i % 4}});
            tombstone.revision = 2;
            tombstone.base_revision = 1;
            tombstone.deleted = true;
            fixture.push("m1", {tombstone});
        }
    }
    pushing = false;
    for (auto& reader : readers) reader.join();
    CHECK(answered.load() > 0);

    const IndicatorParams params{.at = at("2026-04-01"), .window_days = 90, .from = at("2026-03-01"), .to = at("2026-04-01")};
    v1::IndicatorsResponse expected;
    wire::to_proto(compute_indicators(fixture.naive_input(), "HQ", params), params, &expected);
    const auto actual = fixture.get_json<v1::IndicatorsResponse>("/indicators", march, "admin");
    CHECK(actual.SerializeAsString() == expected.SerializeAsString());
}
