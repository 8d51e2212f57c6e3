// A multiset of instants that stays cheap to insert into in any order and to count over a period: times are
// grouped by week, each week's times kept sorted. A manager's own records number in the tens of thousands and
// arrive in any order (phones sync late), where one sorted vector would move half of itself on every insert.
//
// Threading: not synchronised (see OrganizationIndex).
#pragma once

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

private:
    static constexpr Millis bucket_width = 7LL * 86'400'000;
    [[nodiscard]] static Millis bucket_of(Millis t);

    std::map<Millis, std::vector<Millis>> buckets_;  // bucket number -> its times, sorted
    std::size_t size_ = 0;
};

}  // namespace floorwalk::server::indicators
