// The ISO weeks of the learning curve, numbered from the first week the index keeps weekly state for.
//
// The series asks, for each ISO week, the figures at its last millisecond. For the default window and period,
// the index keeps each employee's answer per week as records arrive (see OrganizationIndex::Weekly), so that a
// year of weekly points reads a few kilobytes per employee whatever the number of observations. That state
// covers the weeks from `first` on: two years before the index was built, which every dashboard curve and the
// default 52-week series fall into; an older series is computed from the records instead.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace floorwalk::server::indicators {

class WeekGrid {
public:
    using Millis = std::int64_t;
    static constexpr Millis week = 7LL * 86'400'000;
    static constexpr int history_weeks = 104;

    // `now`: when the index is built; the grid starts history_weeks ISO weeks before the week holding it.
    explicit WeekGrid(Millis now) : first_monday_(monday_of(now) - history_weeks * week) {}
    // A grid read back from a snapshot, which names its first Monday.
    [[nodiscard]] static WeekGrid starting_on(Millis first_monday) {
        WeekGrid grid(0);
        grid.first_monday_ = first_monday;
        return grid;
    }
    [[nodiscard]] Millis first_monday() const { return first_monday_; }

    // The last millisecond of week `index` (the series' instant for it).
    [[nodiscard]] Millis instant(std::size_t index) const {
        return first_monday_ + static_cast<Millis>(index + 1) * week - 1;
    }
    // True when the week whose last millisecond is `instant` is on the grid.
    [[nodiscard]] bool covers(Millis instant) const { return instant >= first_monday_ + week - 1; }
    // The index of the week whose last millisecond is `instant` (covers(instant) must hold).
    [[nodiscard]] std::size_t index_of_instant(Millis instant) const {
        return static_cast<std::size_t>((instant + 1 - first_monday_) / week - 1);
    }
    // The index of the week holding t, or -1 when t lies before the grid.
    [[nodiscard]] std::int64_t index_holding(Millis t) const {
        return t < first_monday_ ? -1 : (t - first_monday_) / week;
    }
    // Indexes [first, end) of the weeks whose last millisecond lies in [from, to).
    struct Range {
        std::size_t first = 0;
        std::size_t end = 0;
    };
    [[nodiscard]] Range weeks_with_instant_in(Millis from, Millis to) const {
        // Week i's instant is first_monday_ + (i + 1) * week - 1: the first i with instant >= t is
        // ceil((t + 1 - first_monday_) / week) - 1, never below 0.
        auto first_at_or_after = [this](Millis t) -> std::size_t {
            const Millis offset = t + 1 - first_monday_;
            if (offset <= week) return 0;
            return static_cast<std::size_t>((offset + week - 1) / week - 1);
        };
        if (from >= to) return {};
        const auto first = first_at_or_after(from);
        return {first, std::max(first, first_at_or_after(to))};
    }

private:
    // ISO weeks start on Monday; 1970-01-01 was a Thursday, so Mondays fall 4 days after a multiple of 7 days.
    static Millis monday_of(Millis t) {
        constexpr Millis monday_offset = 4LL * 86'400'000;
        const Millis shifted = t - monday_offset;
        const Millis floored = shifted >= 0 ? shifted / week : -((-shifted + week - 1) / week);
        return floored * week + monday_offset;
    }

    Millis first_monday_;
};

}  // namespace floorwalk::server::indicators
