// A multiset of instants that stays cheap to insert into in any order and to count over a period: times are
// grouped by week, each week's times kept sorted as 32-bit offsets from the week's start (a week is 604,800,000
// ms, well within 32 bits), half the memory of whole times. A manager's own records number in the tens of
// thousands and arrive in any order (phones sync late), where one sorted vector would move half of itself on
// every insert.
//
// Threading: not synchronised (see OrganizationIndex).
#pragma once

#include "indicators/snapshot_io.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace floorwalk::server::indicators {

class BucketedTimes {
public:
    using Millis = std::int64_t;

    void insert(Millis t);
    // Removes one occurrence of t; false when there is none.
    bool erase(Millis t);
    // How many times lie in [from, to).
    [[nodiscard]] std::size_t count(Millis from, Millis to) const;
    [[nodiscard]] std::size_t size() const { return size_; }
    // Bytes held, for the cache's memory budget (an estimate: allocator overhead is not known).
    [[nodiscard]] std::size_t memory() const;

    void save(SnapshotWriter& out) const;
    void load(SnapshotReader& in);

private:
    static constexpr Millis bucket_width = 7LL * 86'400'000;
    [[nodiscard]] static Millis bucket_of(Millis t);

    std::map<Millis, std::vector<std::uint32_t>> buckets_;  // bucket number -> offsets in the bucket, sorted
    std::size_t size_ = 0;
};

}  // namespace floorwalk::server::indicators
