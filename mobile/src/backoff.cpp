#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, Random random)
    : m_base(base)
    , m_cap(std::max(cap, base))
    , m_random(random ? std::move(random) : Random([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

std::chrono::milliseconds Backoff::nextDelay()
{
    // Doubling stops long before it could overflow: 2^20 times any sensible base is beyond any sensible cap.
    const int exponent = std::min(m_failures, 20);
    ++m_failures;
    const auto full = std::min<std::chrono::milliseconds::rep>(m_cap.count(), m_base.count() << exponent);
    const double jitter = std::clamp(m_random(), 0.0, 1.0);
    return std::chrono::milliseconds(full / 2 + std::chrono::milliseconds::rep(double(full - full / 2) * jitter));
}
