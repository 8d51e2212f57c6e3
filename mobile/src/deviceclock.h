#pragma once

#include <QDateTime>

#include <chrono>

// The phone's own clock: what records are stamped with and the sentAt of each push. The server puts the records of
// a phone whose clock is wrong on its own clock from that sentAt (docs/indicators.md, "Record times and phone
// clocks"), so the two must come from the same clock. Elsewhere (ages, "due" flags) the app reads the system clock.
namespace DeviceClock {

[[nodiscard]] QDateTime nowUtc();
// Makes nowUtc() read `skew` ahead of the system clock (negative: behind), as a phone whose clock is wrong would;
// for tests. Thread-safe.
void setSkewForTesting(std::chrono::milliseconds skew);

}  // namespace DeviceClock
