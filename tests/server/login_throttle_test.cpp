// Login throttling over the database: keys, windows, atomic counting, and what a success takes back.
#include "auth/login_throttle.h"
#include "sync/sql_store.h"
#include "test_database.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using namespace std::chrono_literals;

namespace {

const Timestamp t0{std::chrono::milliseconds(1'800'000'000'000)};

struct ThrottleFixture {
    TempDir dir;
    std::unique_ptr<Store> store = floorwalk::test::test_database(dir.path()).open();
};

ThrottleKeys keys(const std::string& user, const std::string& address = "10.0.0.1") {
    return {account_key(std::string("org-1"), "acme", user), address_key(address)};
}

}  // namespace

TEST_CASE("the account key is the resolved organisation, however it was typed") {
    CHECK(account_key(std::string("org-1"), "demo", "ana") == account_key(std::string("org-1"), "DEMO", "ana"));
    CHECK(account_key(std::string("org-1"), "demo", "ana") == account_key(std::string("org-1"), "org-1", "ana"));
    CHECK(account_key(std::string("org-1"), "demo", "ana") != account_key(std::string("org-1"), "demo", "ben"));
    // No organisation matched: the name as names are compared, so "Ghost" and "GHOST" share an allowance too.
    CHECK(account_key(std::nullopt, "Ghost", "ana") == account_key(std::nullopt, "GHOST", "ana"));
    CHECK(account_key(std::nullopt, "org-1", "ana") != account_key(std::string("org-1"), "org-1", "ana"));
    // The separator cannot be forged from the parts.
    CHECK(account_key(std::string("a"), "x", "b\nc") != account_key(std::string("a\nb"), "x", "c"));
}

TEST_CASE("addresses: IPv4 as is, IPv6 by /64, IPv4-mapped as IPv4, anything else as one shared address") {
    CHECK(address_key("10.0.0.1") == "address\n10.0.0.1");
    CHECK(address_key("::ffff:10.0.0.1") == address_key("10.0.0.1"));
    CHECK(address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff:eeee:dddd:cccc"));
    CHECK(address_key("2001:db8:1:2::1") == "address\n2001:db8:1:2::/64");
    CHECK(address_key("[2001:db8:1:2::1]") == address_key("2001:db8:1:2::9"));
    CHECK(address_key("fe80::1%eth0") == address_key("fe80::2"));
    CHECK(address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1"));
    CHECK(address_key("") == "address\nunknown");
    CHECK(address_key("not an address") == "address\nunknown");
}

TEST_CASE_METHOD(ThrottleFixture, "five attempts for one account block the sixth for the rest of the window") {
    LoginThrottle throttle(*store);
    for (int i = 0; i < 5; ++i) REQUIRE_FALSE(throttle.admit(keys("ana"), t0 + std::chrono::minutes(i)));
    const auto wait = throttle.admit(keys("ana", "10.0.0.2"), t0 + 5min);
    REQUIRE(wait);
    CHECK(*wait == 10min);  // the window opened at t0 and lasts 15 minutes
    CHECK_FALSE(throttle.admit(keys("ben", "10.0.0.2"), t0 + 5min));
    CHECK_FALSE(throttle.admit(keys("ana", "10.0.0.2"), t0 + 15min));  // a new window
}

TEST_CASE_METHOD(ThrottleFixture, "Retry-After rounds up to whole seconds") {
    LoginThrottle throttle(*store, ThrottleConfig{1, 100, 60s});
    REQUIRE_FALSE(throttle.admit(keys("a"), t0));
    const auto wait = throttle.admit(keys("a"), t0 + 59'500ms);
    REQUIRE(wait);
    CHECK(*wait == 1s);
}

TEST_CASE_METHOD(ThrottleFixture, "a success clears the account's attempts and takes back the address's one") {
    LoginThrottle throttle(*store, ThrottleConfig{3, 4, 15min});
    for (int i = 0; i < 3; ++i) REQUIRE_FALSE(throttle.admit(keys("ana"), t0));
    throttle.succeeded(keys("ana"));  // the third was the right password
    CHECK_FALSE(throttle.admit(keys("ana", "10.0.0.9"), t0));  // the account starts afresh
    // The address counted two failures of ana and the one just now from another address did not count: two more
    // are allowed from 10.0.0.1, the third is refused.
    CHECK_FALSE(throttle.admit(keys("ben"), t0 + 1min));
    CHECK_FALSE(throttle.admit(keys("carl"), t0 + 1min));
    const auto wait = throttle.admit(keys("dora"), t0 + 1min);
    REQUIRE(wait);
    CHECK(*wait == 14min);
}

TEST_CASE_METHOD(ThrottleFixture, "many attempts from one address block every account tried from it") {
    LoginThrottle throttle(*store);
    for (int i = 0; i < 20; ++i) REQUIRE_FALSE(throttle.admit(keys("user" + std::to_string(i), "10.6.6.6"), t0));
    CHECK(throttle.admit(keys("someone-else", "10.6.6.6"), t0));
    CHECK_FALSE(throttle.admit(keys("someone-else", "10.0.0.1"), t0));
    // The neighbours of an IPv6 guesser share its /64.
    for (int i = 0; i < 20; ++i)
        REQUIRE_FALSE(throttle.admit(keys("v6-" + std::to_string(i), "2001:db8::" + std::to_string(i + 1)), t0));
    CHECK(throttle.admit(keys("v6-next", "2001:db8::ffff"), t0));
}

TEST_CASE_METHOD(ThrottleFixture, "an unknown remote address is counted, not skipped") {
    LoginThrottle throttle(*store);
    for (int i = 0; i < 20; ++i) REQUIRE_FALSE(throttle.admit(keys("user" + std::to_string(i), ""), t0));
    CHECK(throttle.admit(keys("next", ""), t0));
}

TEST_CASE_METHOD(ThrottleFixture, "rows of windows that ended are deleted as attempts come") {
    LoginThrottle throttle(*store, ThrottleConfig{5, 1'000'000, 15min});
    for (int i = 0; i < 200; ++i) REQUIRE_FALSE(throttle.admit(keys("user" + std::to_string(i)), t0));
    // Much later, one attempt: every earlier window has ended, so only its two rows remain.
    REQUIRE_FALSE(throttle.admit(keys("late"), t0 + 1h));
    const auto counted = store->count_login_attempt(keys("user0").account, t0 + 1h, 15min);
    CHECK(counted.attempts == 1);  // user0's old window was gone: this attempt starts a new one
    CHECK(counted.window_start == t0 + 1h);
}

TEST_CASE("two stores on one database count the same attempts (several servers)") {
    TempDir dir;
    const auto a = floorwalk::test::test_database(dir.path()).open();
    const auto b = floorwalk::test::test_database(dir.path()).open();
    LoginThrottle through_a(*a);
    LoginThrottle through_b(*b);
    for (int i = 0; i < 3; ++i) REQUIRE_FALSE(through_a.admit(keys("ana"), t0));
    for (int i = 0; i < 2; ++i) REQUIRE_FALSE(through_b.admit(keys("ana"), t0));
    CHECK(through_a.admit(keys("ana"), t0));
    CHECK(through_b.admit(keys("ana"), t0));
}
