#include "deviceclock.h"

#include <atomic>

namespace DeviceClock {
namespace {

std::atomic<qint64> skewMsecs{0};

}  // namespace

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc().addMSecs(skewMsecs.load());
}

void setSkewForTesting(std::chrono::milliseconds skew)
{
    skewMsecs.store(skew.count());
}

}  // namespace DeviceClock
