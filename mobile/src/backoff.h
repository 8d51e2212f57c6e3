// Exponential backoff with jitter, capped: how long the sync engine waits after each consecutive failure, so that
// a fleet of phones coming back online does not hit the server in step.
#pragma once

#include <chrono>
#include <functional>

class Backoff
{
public:
    using Random = std::function<double()>;  // uniform in [0, 1)

    Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, Random random = {});

    // The wait before the next attempt after one more failure: a random point in [d/2, d], d = min(cap,
    // base * 2^(failures-1)).
    [[nodiscard]] std::chrono::milliseconds nextDelay();
    void reset() { m_failures = 0; }
    [[nodiscard]] int failures() const { return m_failures; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    Random m_random;
    int m_failures = 0;
};
