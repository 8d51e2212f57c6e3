// Phones with wrong clocks (docs/indicators.md, "Record times and phone clocks"): a phone whose clock is off by
// minutes, hours, a day or a year stamps its records with its own clock and sends its clock reading (sentAt) with
// the push; the server puts the records on its own clock, so they count in the week they were made, none is
// refused, a resend is still a duplicate, and pulls never depend on the phone's clock.
//
// The server's clock reads Monday 2026-04-06T00:10:00Z (ISO week 2026-W15). Each record was really made at
// 00:02, eight minutes earlier: a phone 5 minutes or 3 hours slow stamps it on Sunday (2026-W14), a year slow in
// 2025, 25 hours or a year fast after the 24 hours of tolerated clock drift.
#include "indicator_fixture.h"

#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace floorwalk;
using namespace floorwalk::test;
using namespace std::chrono;

namespace {

constexpr auto server_now = "2026-04-06T00:10:00Z";
constexpr auto made_at = "2026-04-06T00:02:00Z";

struct Skew {
    const char* name;
    milliseconds phone_minus_server;
};

const Skew skews[] = {
    {"5 minutes slow", -minutes(5)}, {"5 minutes fast", minutes(5)},      {"3 hours slow", -hours(3)},
    {"25 hours fast", hours(25)},    {"a year slow", -hours(24 * 365)}, {"a year fast", hours(24 * 365)},
};

v1::SeriesPoint week_point(const v1::SeriesResponse& series, const std::string& week) {
    for (const auto& point : series.points()) {
        if (point.week() == week) return point;
    }
    FAIL("no point for week " << week);
    return {};
}

std::vector<CoachingActivity> stored_activities(Store& store, const std::string& organization_id) {
    std::vector<CoachingActivity> out;
    store.for_each_activity(organization_id, [&out](const CoachingActivity& a) { out.push_back(a); });
    return out;
}

}  // namespace

TEST_CASE("records from a phone with a wrong clock land at the time they were made, none refused") {
    for (const auto& skew : skews) {
        SECTION(skew.name) {
            IndicatorFixture fixture(server_now);
            fixture.set_min_group_size(1);
            const auto now = fixture.now();
            const auto phone_now = now + skew.phone_minus_server;
            auto observed = observation(uuid(1), "e1", made_at, {{"d1", 3}, {"d2", 4}});
            observed.observed_at += skew.phone_minus_server;  // the phone's clock stamped it
            auto coached = activity(uuid(2), made_at, {"e1"});
            coached.occurred_at += skew.phone_minus_server;

            const auto outcomes = fixture.store().push(fixture.caller("m1"), {observed}, {coached}, now, phone_now);
            REQUIRE(outcomes.size() == 2);
            for (const auto& outcome : outcomes) {
                INFO(outcome.error_code << ": " << outcome.error_message);
                CHECK(outcome.status == server::PushStatus::accepted);
            }

            // Stored and pulled at the server's time of the event.
            const auto page = fixture.store().pull(fixture.caller("m1"), "", 100);
            REQUIRE(page.observations.size() == 1);
            CHECK(format_rfc3339(page.observations[0].observed_at) == "2026-04-06T00:02:00.000Z");
            const auto activities = stored_activities(fixture.store(), fixture.organization_id());
            REQUIRE(activities.size() == 1);
            CHECK(format_rfc3339(activities[0].occurred_at) == "2026-04-06T00:02:00.000Z");

            // Counted in the week it was made: 2026-W15, not the Sunday before nor a year away.
            const auto series = fixture.get_json<v1::SeriesResponse>(
                "/indicators/series", {{"unitId", "S1"}, {"from", "2026-03-30"}, {"to", "2026-04-13"}}, "hq");
            REQUIRE_FALSE(series.hidden());
            CHECK(week_point(series, "2026-W14").observations() == 0);
            CHECK(week_point(series, "2026-W15").observations() == 1);

            // The retry of a lost answer, sent a minute and a half later by the same wrong clock: the same record.
            const auto resent = fixture.store().push(fixture.caller("m1"), {observed}, {coached},
                                                     now + seconds(90), phone_now + seconds(90));
            for (const auto& outcome : resent) {
                INFO(outcome.error_code << ": " << outcome.error_message);
                CHECK(outcome.status == server::PushStatus::duplicate);
            }
        }
    }
}

TEST_CASE("a resend after the phone's clock was fixed is still a duplicate, and an edit is not corrected twice") {
    IndicatorFixture fixture(server_now);
    const auto now = fixture.now();
    const auto fast = hours(25);
    auto observed = observation(uuid(1), "e1", made_at, {{"d1", 3}});
    observed.observed_at += fast;
    REQUIRE(fixture.store().push(fixture.caller("m1"), {observed}, {}, now, now + fast)[0].status ==
            server::PushStatus::accepted);

    // Clock fixed, no correction any more: the record as the phone sent it is the stored revision.
    CHECK(fixture.store().push(fixture.caller("m1"), {observed}, {}, now + minutes(3), now + minutes(3))[0].status ==
          server::PushStatus::duplicate);

    // An edit of the phone's own copy (its time still the one the fast clock stamped), sent while the clock is
    // still fast, keeps the corrected time.
    auto edit = observed;
    edit.revision = 2;
    edit.base_revision = 1;
    edit.comment = "Second look";
    REQUIRE(fixture.store().push(fixture.caller("m1"), {edit}, {}, now + minutes(5), now + minutes(5) + fast)[0]
                .status == server::PushStatus::accepted);
    // An edit of the pulled copy (its time the corrected one), sent while the clock is still fast, keeps it too.
    auto page = fixture.store().pull(fixture.caller("m1"), "", 100);
    REQUIRE(page.observations.size() == 1);
    CHECK(format_rfc3339(page.observations[0].observed_at) == "2026-04-06T00:02:00.000Z");
    auto pulled_edit = page.observations[0];
    pulled_edit.revision = 3;
    pulled_edit.base_revision = 2;
    pulled_edit.comment = "Third look";
    REQUIRE(fixture.store().push(fixture.caller("m1"), {pulled_edit}, {}, now + minutes(6), now + minutes(6) + fast)[0]
                .status == server::PushStatus::accepted);
    page = fixture.store().pull(fixture.caller("m1"), "", 100);
    REQUIRE(page.observations.size() == 1);
    CHECK(page.observations[0].revision == 3);
    CHECK(format_rfc3339(page.observations[0].observed_at) == "2026-04-06T00:02:00.000Z");
}

TEST_CASE("a record stamped before the phone's clock was set back keeps its time and is refused as in the future") {
    // Stamped by a clock 25 h fast, sent after the clock was fixed: the offset is zero, nothing tells the server
    // the record's clock was wrong, and 25 h ahead is beyond the tolerated drift.
    IndicatorFixture fixture(server_now);
    const auto now = fixture.now();
    auto observed = observation(uuid(1), "e1", made_at, {{"d1", 3}});
    observed.observed_at += hours(25);
    const auto outcome = fixture.store().push(fixture.caller("m1"), {observed}, {}, now, now)[0];
    CHECK(outcome.status == server::PushStatus::rejected);
    CHECK(outcome.error_code == "time_in_future");
}

TEST_CASE("a phone whose clock is off pulls every record other phones pushed meanwhile") {
    // Pull positions are the server's change counter: the phone's clock appears nowhere in a pull, so records
    // made at any time (last year, a minute ago) and pushed by another phone after this one's last pull all come.
    IndicatorFixture fixture(server_now);
    const auto now = fixture.now();
    auto skewed = fixture.store().pull(fixture.caller("m1"), "", 100);  // whatever its clock: a pull carries none
    REQUIRE_FALSE(skewed.reset);
    const std::string cursor = skewed.cursor;

    std::vector<Observation> others;
    const char* times[] = {"2025-04-06T09:00:00Z", "2026-03-01T09:00:00Z", "2026-04-05T23:59:00Z",
                           "2026-04-06T00:09:00Z"};
    int n = 10;
    for (const auto* when : times) others.push_back(observation(uuid(n++), "e2", when, {{"d1", 2}}));
    // Pushed by the director's phone, whose clock is right, and two by a phone a day slow.
    const auto director = fixture.caller("director-north");
    for (const auto& outcome : fixture.store().push(director, {others[0], others[1]}, {}, now)) {
        CHECK(outcome.status == server::PushStatus::accepted);
    }
    auto slow = others[2];
    slow.observed_at -= hours(24);
    auto slow_recent = others[3];
    slow_recent.observed_at -= hours(24);
    for (const auto& outcome : fixture.store().push(director, {slow, slow_recent}, {},
                                                    now, now - hours(24))) {
        CHECK(outcome.status == server::PushStatus::accepted);
    }

    std::vector<std::string> pulled;
    auto page = fixture.store().pull(fixture.caller("m1"), cursor, 2);
    for (;;) {
        for (const auto& o : page.observations) pulled.push_back(o.id);
        if (!page.has_more) break;
        page = fixture.store().pull(fixture.caller("m1"), page.cursor, 2);
    }
    std::sort(pulled.begin(), pulled.end());
    CHECK(pulled == std::vector<std::string>{uuid(10), uuid(11), uuid(12), uuid(13)});
}
