// RFC 3339 instants, ISO weeks and KPI periods, on std::chrono's calendar (all in UTC).
#include "floorwalk/time.h"

#include <cstdio>

namespace floorwalk {
namespace {

using namespace std::chrono;

// Reads exactly `count` ASCII digits at `pos`; nullopt when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "YYYY-MM-DD" at the start of `text`, checked against the calendar (no February 30). Years 1..9999 are what
// protobuf's Timestamp can carry.
std::optional<sys_days> parse_date_prefix(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text, 0, 4);
    const auto m = digits(text, 5, 2);
    const auto d = digits(text, 8, 2);
    if (!y || !m || !d || *y < 1) return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return sys_days{date};
}

// Monday 00:00 of ISO week 1 of `iso_year`: the week that holds January 4.
sys_days iso_year_start(int iso_year) {
    const sys_days jan4{year{iso_year} / January / 4};
    return jan4 - (weekday{jan4} - Monday);
}

// The ISO year a day belongs to is the calendar year of its week's Thursday.
int iso_year_of(sys_days day) {
    const sys_days monday = day - (weekday{day} - Monday);
    return static_cast<int>(year_month_day{monday + days{3}}.year());
}

int iso_weeks_in_year(int iso_year) {
    return static_cast<int>((iso_year_start(iso_year + 1) - iso_year_start(iso_year)).count() / 7);
}

std::string two_digits(unsigned value) {
    char buffer[3];
    std::snprintf(buffer, sizeof buffer, "%02u", value % 100);
    return buffer;
}

std::string week_label(int iso_year, int week) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-W%02d", iso_year, week);
    return buffer;
}

Period month_period(year_month ym) {
    Period period;
    period.kind = Period::Kind::month;
    period.start = Timestamp{sys_days{ym / 1}};
    period.end = Timestamp{sys_days{(ym + months{1}) / 1}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%s", static_cast<int>(ym.year()),
                  two_digits(static_cast<unsigned>(ym.month())).c_str());
    period.label = buffer;
    return period;
}

Period week_period(sys_days monday) {
    Period period;
    period.kind = Period::Kind::week;
    period.start = Timestamp{monday};
    period.end = Timestamp{monday + days{7}};
    period.label = iso_week_label(period.start);
    return period;
}

}  // namespace

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
    // date "T" hh:mm:ss [.fraction] ("Z" | ("+" | "-") hh:mm); RFC 3339 allows lower-case t and z.
    const auto date = parse_date_prefix(text);
    if (!date || text.size() < 20) return std::nullopt;
    if (text[10] != 'T' && text[10] != 't') return std::nullopt;
    if (text[13] != ':' || text[16] != ':') return std::nullopt;
    const auto hh = digits(text, 11, 2);
    const auto mm = digits(text, 14, 2);
    const auto ss = digits(text, 17, 2);
    // No leap second: neither chrono's sys_time nor protobuf's Timestamp can hold 23:59:60.
    if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) return std::nullopt;

    std::size_t pos = 19;
    milliseconds fraction{0};
    if (text[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        int millis = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (pos - first < 3) millis = millis * 10 + (text[pos] - '0');
            ++pos;
        }
        const std::size_t count = pos - first;
        if (count == 0 || count > 9) return std::nullopt;  // protobuf's limit is nanoseconds
        for (std::size_t i = count; i < 3; ++i) millis *= 10;
        fraction = milliseconds{millis};  // digits beyond the millisecond are dropped (truncation)
    }

    minutes offset{0};
    if (pos >= text.size()) return std::nullopt;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        if (pos + 6 != text.size() || text[pos + 3] != ':') return std::nullopt;
        const auto oh = digits(text, pos + 1, 2);
        const auto om = digits(text, pos + 4, 2);
        if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
        offset = hours{*oh} + minutes{*om};
        if (text[pos] == '-') offset = -offset;
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    // Local time minus its offset is UTC.
    return Timestamp{*date} + hours{*hh} + minutes{*mm} + seconds{*ss} + fraction - offset;
}

std::optional<Timestamp> parse_date_or_time(std::string_view text) {
    if (text.size() == 10) {
        if (const auto date = parse_date_prefix(text)) return Timestamp{*date};
        return std::nullopt;
    }
    return parse_rfc3339(text);
}

std::string format_rfc3339(Timestamp t) {
    const sys_days day = floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> time{t - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02lld.%03lldZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<long long>(time.seconds().count()), static_cast<long long>(time.subseconds().count()));
    return buffer;
}

Timestamp iso_week_start(Timestamp t) {
    const sys_days day = floor<days>(t);
    return Timestamp{day - (weekday{day} - Monday)};
}

std::string iso_week_label(Timestamp t) {
    const sys_days day = floor<days>(t);
    const int iso_year = iso_year_of(day);
    const auto week = (sys_days{floor<days>(iso_week_start(t))} - iso_year_start(iso_year)).count() / 7 + 1;
    return week_label(iso_year, static_cast<int>(week));
}

std::optional<Period> parse_period(std::string_view text) {
    if (text.size() == 7 && text[4] == '-') {
        const auto y = digits(text, 0, 4);
        const auto m = digits(text, 5, 2);
        if (!y || !m || *y < 1 || *m < 1 || *m > 12) return std::nullopt;
        return month_period(year{*y} / month{static_cast<unsigned>(*m)});
    }
    if (text.size() == 8 && text[4] == '-' && text[5] == 'W') {
        const auto y = digits(text, 0, 4);
        const auto w = digits(text, 6, 2);
        // Week 53 exists only in ISO years that have it (2020 does, 2021 does not).
        if (!y || !w || *y < 1 || *w < 1 || *w > iso_weeks_in_year(*y)) return std::nullopt;
        return week_period(iso_year_start(*y) + days{7 * (*w - 1)});
    }
    return std::nullopt;
}

Period shift_period(const Period& period, int count) {
    const sys_days start = floor<days>(period.start);
    if (period.kind == Period::Kind::month) {
        const year_month_day date{start};
        return month_period(date.year() / date.month() + months{count});
    }
    return week_period(start + days{7 * static_cast<long long>(count)});
}

}  // namespace floorwalk
