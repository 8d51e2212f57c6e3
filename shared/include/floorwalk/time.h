// Time formats of the API: RFC 3339 instants, plain dates, ISO weeks and months as KPI periods.
#pragma once

#include "floorwalk/domain.h"

#include <optional>
#include <string>
#include <string_view>

namespace floorwalk {

using Days = std::chrono::days;

// "2026-03-01T09:30:00Z", "2026-03-01T09:30:00.250+01:00"; nullopt when malformed or not a calendar date
// (February 30, hour 24, leap second 60), or outside years 0001-9999. An offset is required ("Z" or +hh:mm/-hh:mm);
// lower-case t and z are accepted; 1 to 9 fractional digits, truncated to the millisecond.
[[nodiscard]] std::optional<Timestamp> parse_rfc3339(std::string_view text);
// RFC 3339 or a plain date "YYYY-MM-DD" (= 00:00 UTC that day), as the indicator parameters accept.
[[nodiscard]] std::optional<Timestamp> parse_date_or_time(std::string_view text);
// Always UTC with milliseconds: "2026-03-01T09:30:00.000Z".
[[nodiscard]] std::string format_rfc3339(Timestamp t);

// ISO 8601 week: Monday 00:00 UTC of the week containing t.
[[nodiscard]] Timestamp iso_week_start(Timestamp t);
// "2026-W05" for the ISO week containing t (the ISO year may differ from the calendar year).
[[nodiscard]] std::string iso_week_label(Timestamp t);

// A KPI period: a calendar month "YYYY-MM" or an ISO week "YYYY-Www", as [start, end) in UTC. Week 53 parses only
// in ISO years that have one (2020-W53 does, 2021-W53 does not).
struct Period {
    enum class Kind { month, week } kind = Kind::month;
    Timestamp start{};
    Timestamp end{};
    std::string label;
    friend bool operator==(const Period&, const Period&) = default;
};
[[nodiscard]] std::optional<Period> parse_period(std::string_view text);
// The period of the same kind `count` periods later (negative: earlier).
[[nodiscard]] Period shift_period(const Period& period, int count);

}  // namespace floorwalk
