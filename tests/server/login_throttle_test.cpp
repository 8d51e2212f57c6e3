#include "auth/login_throttle.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace std::chrono_literals;

namespace {
const Timestamp t0{std::chrono::milliseconds(1'800'000'000'000)};
}

TEST_CASE("five failures for one account block it for the rest of the window") {
    LoginThrottle throttle;
    for (int i = 0; i < 4; ++i) {
        REQUIRE_FALSE(throttle.retry_after("acme\nana", "10.0.0.1", t0 + std::chrono::minutes(i)));
        throttle.record_failure("acme\nana", "10.0.0.1", t0 + std::chrono::minutes(i));
    }
    CHECK_FALSE(throttle.retry_after("acme\nana", "10.0.0.1", t0 + 4min));
    throttle.record_failure("acme\nana", "10.0.0.1", t0 + 4min);

    const auto wait = throttle.retry_after("acme\nana", "10.0.0.2", t0 + 5min);
    REQUIRE(wait);
    CHECK(*wait == 10min);  // the window opened at t0 and lasts 15 minutes
    // Other accounts are not affected.
    CHECK_FALSE(throttle.retry_after("acme\nben", "10.0.0.2", t0 + 5min));
    // The window ends.
    CHECK_FALSE(throttle.retry_after("acme\nana", "10.0.0.2", t0 + 15min));
}

TEST_CASE("Retry-After rounds up to whole seconds") {
    LoginThrottle throttle(ThrottleConfig{1, 100, 60s, 100});
    throttle.record_failure("a", "x", t0);
    const auto wait = throttle.retry_after("a", "x", t0 + 59'500ms);
    REQUIRE(wait);
    CHECK(*wait == 1s);
}

TEST_CASE("a success clears the account's failures but not the address's") {
    LoginThrottle throttle(ThrottleConfig{3, 4, 15min, 100});
    for (int i = 0; i < 3; ++i) throttle.record_failure("acme\nana", "10.0.0.1", t0);
    REQUIRE(throttle.retry_after("acme\nana", "10.0.0.9", t0));
    throttle.record_success("acme\nana");
    CHECK_FALSE(throttle.retry_after("acme\nana", "10.0.0.9", t0));

    throttle.record_failure("acme\nben", "10.0.0.1", t0);  // fourth failure from this address
    const auto wait = throttle.retry_after("acme\ncarl", "10.0.0.1", t0 + 1min);
    REQUIRE(wait);
    CHECK(*wait == 14min);
}

TEST_CASE("many failures from one address block every account tried from it") {
    LoginThrottle throttle;
    for (int i = 0; i < 20; ++i) throttle.record_failure("acme\nuser" + std::to_string(i), "10.6.6.6", t0);
    CHECK(throttle.retry_after("acme\nsomeone-else", "10.6.6.6", t0));
    CHECK_FALSE(throttle.retry_after("acme\nsomeone-else", "10.0.0.1", t0));
}

TEST_CASE("the counters stay within their bound under a spray of usernames") {
    LoginThrottle throttle(ThrottleConfig{5, 1'000'000, 15min, 50});
    for (int i = 0; i < 1000; ++i) throttle.record_failure("acme\nuser" + std::to_string(i), "", t0 + std::chrono::seconds(i));
    CHECK(throttle.tracked_entries() <= 50);
}
