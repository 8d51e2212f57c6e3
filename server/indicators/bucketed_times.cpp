#include "indicators/bucketed_times.h"

#include <algorithm>

namespace floorwalk::server::indicators {

BucketedTimes::Millis BucketedTimes::bucket_of(Millis t) {
    // Floor division, so that times before 1970 fall in their own buckets too.
    return t >= 0 ? t / bucket_width : -((-t + bucket_width - 1) / bucket_width);
}

void BucketedTimes::insert(Millis t) {
    const auto bucket = bucket_of(t);
    const auto offset = static_cast<std::uint32_t>(t - bucket * bucket_width);
    auto& offsets = buckets_[bucket];
    offsets.insert(std::ranges::upper_bound(offsets, offset), offset);
    ++size_;
}

bool BucketedTimes::erase(Millis t) {
    const auto bucket = buckets_.find(bucket_of(t));
    if (bucket == buckets_.end()) return false;
    const auto offset = static_cast<std::uint32_t>(t - bucket->first * bucket_width);
    auto& offsets = bucket->second;
    const auto it = std::ranges::lower_bound(offsets, offset);
    if (it == offsets.end() || *it != offset) return false;
    offsets.erase(it);
    if (offsets.empty()) buckets_.erase(bucket);
    --size_;
    return true;
}

std::size_t BucketedTimes::count(Millis from, Millis to) const {
    if (from >= to) return 0;
    std::size_t count = 0;
    const auto last = bucket_of(to - 1);
    for (auto it = buckets_.lower_bound(bucket_of(from)); it != buckets_.end() && it->first <= last; ++it) {
        const Millis start = it->first * bucket_width;
        const auto& offsets = it->second;
        // The period's ends as offsets in this bucket, clamped to it.
        const auto low = static_cast<std::uint32_t>(std::clamp<Millis>(from - start, 0, bucket_width));
        const auto high = static_cast<std::uint32_t>(std::clamp<Millis>(to - start, 0, bucket_width));
        if (offsets.front() >= low && offsets.back() < high) {
            count += offsets.size();  // a whole week inside the period
        } else {
            count += static_cast<std::size_t>(std::ranges::lower_bound(offsets, high) -
                                              std::ranges::lower_bound(offsets, low));
        }
    }
    return count;
}

std::size_t BucketedTimes::memory() const {
    std::size_t bytes = sizeof *this;
    for (const auto& [bucket, offsets] : buckets_)
        bytes += 64 + offsets.capacity() * sizeof(std::uint32_t);  // a map node, its key and vector
    return bytes;
}

void BucketedTimes::save(SnapshotWriter& out) const {
    out.value<std::uint64_t>(buckets_.size());
    for (const auto& [bucket, offsets] : buckets_) {
        out.value(bucket);
        out.values(offsets);
    }
}

void BucketedTimes::load(SnapshotReader& in) {
    buckets_.clear();
    size_ = 0;
    const auto buckets = in.value<std::uint64_t>();
    for (std::uint64_t i = 0; i < buckets; ++i) {
        const auto bucket = in.value<Millis>();
        auto& offsets = buckets_[bucket];
        in.values(offsets);
        if (!std::ranges::is_sorted(offsets) || (!offsets.empty() && offsets.back() >= bucket_width))
            throw SnapshotError("the snapshot holds times out of order");
        size_ += offsets.size();
    }
}

}  // namespace floorwalk::server::indicators
