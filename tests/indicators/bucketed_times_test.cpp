// BucketedTimes against a plain sorted multiset: random inserts and erases, counts over random periods.
#include "indicators/bucketed_times.h"

#include <catch2/catch.hpp>

#include <iterator>
#include <random>
#include <set>

using floorwalk::server::indicators::BucketedTimes;

TEST_CASE("bucketed times count like a sorted multiset", "[indicators][buckets]") {
    std::mt19937_64 random(7);
    constexpr long long day = 86'400'000;
    // Around the epoch, so that negative times and bucket edges are exercised; whole hours make duplicates.
    std::uniform_int_distribution<long long> hour(-24 * 60, 24 * 60);
    BucketedTimes times;
    std::multiset<long long> reference;
    for (int step = 0; step < 20'000; ++step) {
        const long long t = hour(random) * (day / 24);
        if (random() % 3 == 0) {
            const auto it = reference.find(t);
            CHECK(times.erase(t) == (it != reference.end()));
            if (it != reference.end()) reference.erase(it);
        } else {
            times.insert(t);
            reference.insert(t);
        }
        if (step % 97 == 0) {
            long long from = hour(random) * (day / 24) + static_cast<long long>(random() % 3) - 1;
            long long to = hour(random) * (day / 24) + static_cast<long long>(random() % 3) - 1;
            if (from > to) std::swap(from, to);
            const auto expected = std::distance(reference.lower_bound(from), reference.lower_bound(to));
            REQUIRE(times.count(from, to) == static_cast<std::size_t>(expected));
        }
    }
    CHECK(times.size() == reference.size());
    CHECK(times.count(5, 5) == 0);
    CHECK(times.count(10, 5) == 0);
    CHECK_FALSE(times.erase(123456789));
}
