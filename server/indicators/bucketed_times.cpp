#include "indicators/bucketed_times.h"

#include <algorithm>

namespace floorwalk::server::indicators {

BucketedTimes::Millis BucketedTimes::bucket_of(Millis t) {
    // Floor division, so that times before 1970 fall in their own buckets too.
    return t >= 0 ? t / bucket_width : -((-t + bucket_width - 1) / bucket_width);
}

void BucketedTimes::insert(Millis t) {
    auto& times = buckets_[bucket_of(t)];
    times.insert(std::ranges::upper_bound(times, t), t);
    ++size_;
}

bool BucketedTimes::erase(Millis t) {
    const auto bucket = buckets_.find(bucket_of(t));
    if (bucket == buckets_.end()) return false;
    auto& times = bucket->second;
    const auto it = std::ranges::lower_bound(times, t);
    if (it == times.end() || *it != t) return false;
    times.erase(it);
    if (times.empty()) buckets_.erase(bucket);
    --size_;
    return true;
}

std::size_t BucketedTimes::count(Millis from, Millis to) const {
    if (from >= to) return 0;
    std::size_t count = 0;
    const auto last = bucket_of(to - 1);
    for (auto it = buckets_.lower_bound(bucket_of(from)); it != buckets_.end() && it->first <= last; ++it) {
        const auto& times = it->second;
        if (times.front() >= from && times.back() < to) {
            count += times.size();  // a whole week inside the period
        } else {
            count += static_cast<std::size_t>(std::ranges::lower_bound(times, to) - std::ranges::lower_bound(times, from));
        }
    }
    return count;
}

}  // namespace floorwalk::server::indicators
