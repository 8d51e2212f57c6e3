#include "backoff.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("the wait doubles per failure within [d/2, d] and stops at the cap")
{
    double jitter = 0.0;
    Backoff backoff(1000ms, 30000ms, [&] { return jitter; });
    // Lowest jitter: half of each step.
    CHECK(backoff.nextDelay() == 500ms);
    CHECK(backoff.nextDelay() == 1000ms);
    CHECK(backoff.nextDelay() == 2000ms);
    jitter = 1.0;  // highest jitter: the full step
    CHECK(backoff.nextDelay() == 8000ms);
    CHECK(backoff.nextDelay() == 16000ms);
    CHECK(backoff.nextDelay() == 30000ms);  // capped
    for (int i = 0; i < 100; ++i)
        CHECK(backoff.nextDelay() <= 30000ms);  // and never overflows
    CHECK(backoff.failures() == 106);
}

TEST_CASE("a success resets the backoff")
{
    Backoff backoff(2000ms, 60000ms, [] { return 1.0; });
    (void)backoff.nextDelay();
    (void)backoff.nextDelay();
    backoff.reset();
    CHECK(backoff.failures() == 0);
    CHECK(backoff.nextDelay() == 2000ms);
}

TEST_CASE("real jitter stays within bounds")
{
    Backoff backoff(1000ms, 5000ms);
    for (int i = 0; i < 50; ++i) {
        const auto d = backoff.nextDelay();
        CHECK(d >= 500ms);
        CHECK(d <= 5000ms);
    }
}
