#include "floorwalk/clock_skew.h"

#include "floorwalk/validation.h"

namespace floorwalk {

using std::chrono::milliseconds;

std::optional<milliseconds> clock_offset(std::optional<Timestamp> sent_at, Timestamp received_at) {
    if (!sent_at) return std::nullopt;
    // Binary protobuf carries any 64-bit seconds (wire::from_proto saturates): a difference that milliseconds cannot
    // hold names no clock, and corrects nothing.
    long long offset = 0;
    if (__builtin_sub_overflow(received_at.time_since_epoch().count(), sent_at->time_since_epoch().count(), &offset)) {
        return std::nullopt;
    }
    if (milliseconds(offset) <= clock_skew_tolerance && milliseconds(offset) >= -clock_skew_tolerance) {
        return std::nullopt;
    }
    return milliseconds(offset);
}

Timestamp corrected_record_time(Timestamp device_time, std::optional<milliseconds> offset,
                                const std::optional<StoredRecordTime>& earlier, Timestamp now) {
    if (earlier && (device_time == earlier->time || device_time == earlier->device_time)) return earlier->time;
    if (!offset) return device_time;
    long long corrected = 0;
    if (__builtin_add_overflow(device_time.time_since_epoch().count(), offset->count(), &corrected)) {
        return device_time;
    }
    const Timestamp result{milliseconds(corrected)};
    if (result < earliest_record_time || result > now) return device_time;
    return result;
}

}  // namespace floorwalk
