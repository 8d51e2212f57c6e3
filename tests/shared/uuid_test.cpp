// UUIDv7 layout (RFC 9562): 48-bit Unix milliseconds, version 7, variant 10, random bits.
#include "floorwalk/uuid.h"
#include "floorwalk/validation.h"

#include <catch2/catch.hpp>

#include <set>

using namespace floorwalk;
using namespace std::chrono;

TEST_CASE("RFC 9562's example UUIDv7 is reproduced bit for bit") {
    // Appendix A.6: unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, var 0b10, rand_b 0x18C4DC0C0C07398F.
    const Timestamp when{milliseconds{0x017F22E279B0}};
    const std::array<std::uint8_t, 10> random{0x0C, 0xC3, 0x18, 0xC4, 0xDC, 0x0C, 0x0C, 0x07, 0x39, 0x8F};
    CHECK(make_uuid_v7(when, random) == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
}

TEST_CASE("version and variant bits override the random bytes") {
    const std::array<std::uint8_t, 10> ones{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const std::array<std::uint8_t, 10> zeros{};
    CHECK(make_uuid_v7(Timestamp{}, ones) == "00000000-0000-7fff-bfff-ffffffffffff");
    CHECK(make_uuid_v7(Timestamp{}, zeros) == "00000000-0000-7000-8000-000000000000");
    // Before 1970 there is no 48-bit time: 0 rather than a wrapped far-future value.
    CHECK(make_uuid_v7(Timestamp{milliseconds{-5}}, zeros) == "00000000-0000-7000-8000-000000000000");
}

TEST_CASE("the timestamp is the first 48 bits, so ids sort by creation time") {
    const std::array<std::uint8_t, 10> high{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const std::array<std::uint8_t, 10> low{};
    const Timestamp t{milliseconds{1772357400250}};  // 2026-03-01T09:30:00.250Z
    const std::string id = make_uuid_v7(t, low);
    CHECK(id.substr(0, 13) == "019ca8bb-b6ba");
    CHECK(make_uuid_v7(t, high) < make_uuid_v7(t + milliseconds{1}, low));
}

TEST_CASE("random UUIDv7s are canonical, version 7, variant 10, and distinct") {
    const Timestamp t{milliseconds{1772357400250}};
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = make_uuid_v7(t);
        REQUIRE(is_uuid(id));
        CHECK(id[14] == '7');
        CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
        CHECK(id.substr(0, 13) == "019ca8bb-b6ba");
        seen.insert(id);
    }
    CHECK(seen.size() == 1000);
}
