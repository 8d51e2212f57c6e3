// The clock-skew correction rule (docs/indicators.md, "Record times and phone clocks"), on hand-computed cases:
// the server's clock reads 2026-12-08T10:00:00Z when the push arrives.
#include "floorwalk/clock_skew.h"
#include "floorwalk/time.h"
#include "floorwalk/validation.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace std::chrono;

namespace {

Timestamp at(std::string_view text) {
    const auto t = parse_rfc3339(text);
    REQUIRE(t);
    return *t;
}

const Timestamp server_now = parse_rfc3339("2026-12-08T10:00:00Z").value();

}  // namespace

TEST_CASE("the offset is the server's reception time minus the phone's sentAt", "[clock_skew]") {
    CHECK(clock_offset(at("2026-12-07T09:00:00Z"), server_now) == hours(25));  // a phone 25 h behind
    CHECK(clock_offset(at("2026-12-09T11:00:00Z"), server_now) == -hours(25));  // 25 h ahead
    CHECK(clock_offset(at("2027-12-08T10:00:00Z"), server_now) == -hours(24 * 365));  // a year ahead
    CHECK(clock_offset(at("2026-12-08T10:05:00Z"), server_now) == -minutes(5));
    CHECK(clock_offset(at("2026-12-08T06:59:59.5Z"), server_now) == milliseconds(3 * 3'600'000 + 500));
}

TEST_CASE("no sentAt, or a gap within the tolerance, corrects nothing", "[clock_skew]") {
    CHECK_FALSE(clock_offset(std::nullopt, server_now));
    CHECK_FALSE(clock_offset(server_now, server_now));
    CHECK_FALSE(clock_offset(at("2026-12-08T10:01:00Z"), server_now));  // exactly the tolerance
    CHECK_FALSE(clock_offset(at("2026-12-08T09:59:00Z"), server_now));
    CHECK(clock_offset(at("2026-12-08T10:01:00.001Z"), server_now) == -milliseconds(60'001));
    CHECK(clock_offset(at("2026-12-08T09:58:59.999Z"), server_now) == milliseconds(60'001));
}

TEST_CASE("a sentAt milliseconds cannot subtract corrects nothing", "[clock_skew]") {
    CHECK_FALSE(clock_offset(Timestamp::min(), server_now));
    CHECK_FALSE(clock_offset(Timestamp::max(), at("1960-01-01T00:00:00Z")));
    CHECK(clock_offset(Timestamp::max(), server_now) ==
          milliseconds(server_now.time_since_epoch().count() - Timestamp::max().time_since_epoch().count()));
}

TEST_CASE("a record's time moves by the offset onto the server's clock", "[clock_skew]") {
    // The phone was 25 h ahead: it stamped 2026-12-09T08:30 for what happened at 07:30 the day before.
    CHECK(corrected_record_time(at("2026-12-09T08:30:00Z"), -hours(25), std::nullopt, server_now) ==
          at("2026-12-08T07:30:00Z"));
    // A year behind (its clock reset to last year): stamped 2025-12-08T09:00, made on 2026-12-08T09:00.
    CHECK(corrected_record_time(at("2025-12-08T09:00:00Z"), hours(24 * 365), std::nullopt, server_now) ==
          at("2026-12-08T09:00:00Z"));
    // Offline for three days with a clock 3 h slow: stamped 2026-12-05T06:00 for 09:00.
    CHECK(corrected_record_time(at("2026-12-05T06:00:00Z"), hours(3), std::nullopt, server_now) ==
          at("2026-12-05T09:00:00Z"));
    // No offset: the phone's time as it is.
    CHECK(corrected_record_time(at("2026-12-05T06:00:00Z"), std::nullopt, std::nullopt, server_now) ==
          at("2026-12-05T06:00:00Z"));
}

TEST_CASE("a correction never lands a record in the future nor before the earliest record time", "[clock_skew]") {
    // Stamped after the phone's own sentAt (its clock was set back before sending): corrected, it would be 2 h
    // after the server's now, so the phone's time is kept for validation to judge.
    CHECK(corrected_record_time(at("2026-12-08T14:00:00Z"), -hours(2), std::nullopt, server_now) ==
          at("2026-12-08T14:00:00Z"));
    // Landing exactly at now is allowed.
    CHECK(corrected_record_time(at("2026-12-08T12:00:00Z"), -hours(2), std::nullopt, server_now) == server_now);
    // 1999-12-31T23:00 + 30 min is before 2000-01-01: kept as sent (and refused as time_too_early).
    CHECK(corrected_record_time(at("1999-12-31T23:00:00Z"), minutes(30), std::nullopt, server_now) ==
          at("1999-12-31T23:00:00Z"));
    CHECK(corrected_record_time(earliest_record_time - hours(1), hours(1), std::nullopt, server_now) ==
          earliest_record_time);
    // A sum milliseconds cannot hold keeps the phone's time.
    CHECK(corrected_record_time(Timestamp::max(), hours(1), std::nullopt, server_now) == Timestamp::max());
}

TEST_CASE("a resend or an edit that keeps a stored revision's time keeps its stored time", "[clock_skew]") {
    const StoredRecordTime replaced{at("2026-12-08T07:30:00Z"), at("2026-12-09T08:30:00Z")};
    // The phone sends back the time it pulled (the corrected one): not corrected a second time.
    CHECK(corrected_record_time(at("2026-12-08T07:30:00Z"), -hours(25), replaced, server_now) == replaced.time);
    // The phone sends back the time it stamped (never pulled in between): the correction made then stays.
    CHECK(corrected_record_time(at("2026-12-09T08:30:00Z"), -hours(25), replaced, server_now) == replaced.time);
    // Even after the phone's clock was fixed (no offset now): a resend lands where the first send did.
    CHECK(corrected_record_time(at("2026-12-09T08:30:00Z"), std::nullopt, replaced, server_now) == replaced.time);
    // A new time in the edit is the phone's again: corrected by today's offset.
    CHECK(corrected_record_time(at("2026-12-09T09:00:00Z"), -hours(25), replaced, server_now) ==
          at("2026-12-08T08:00:00Z"));
}
