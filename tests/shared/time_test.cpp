// RFC 3339 instants, plain dates, ISO weeks and KPI periods. The tables in tests/data/shared/ were checked against
// Python's datetime (fromisoformat, isocalendar), an implementation independent of this one.
#include "floorwalk/csv.h"
#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace floorwalk;
using namespace std::chrono;

namespace {

csv::Table load_table(const std::string& name) {
    std::ifstream file(std::string(FLOORWALK_SHARED_TEST_DATA) + "/" + name, std::ios::binary);
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    std::string error;
    auto table = csv::parse(text.str(), &error);
    INFO(error);
    REQUIRE(table);
    return *table;
}

Timestamp at(std::string_view text) {
    const auto t = parse_rfc3339(text);
    REQUIRE(t);
    return *t;
}

Timestamp date_of(int y, unsigned m, unsigned d) { return Timestamp{sys_days{year{y} / month{m} / d}}; }

}  // namespace

TEST_CASE("parse_rfc3339 accepts offsets and fractions and rejects what RFC 3339 or the calendar forbid") {
    const auto table = load_table("rfc3339.csv");
    REQUIRE(table.rows.size() > 30);
    for (const auto& row : table.rows) {
        REQUIRE(row.size() == 3);
        INFO(row[0] << " (" << row[2] << ")");
        const auto parsed = parse_rfc3339(row[0]);
        if (row[1].empty()) {
            CHECK_FALSE(parsed);
        } else {
            REQUIRE(parsed);
            CHECK(format_rfc3339(*parsed) == row[1]);
        }
    }
}

TEST_CASE("format_rfc3339 always writes UTC with milliseconds and Z") {
    CHECK(format_rfc3339(Timestamp{}) == "1970-01-01T00:00:00.000Z");
    CHECK(format_rfc3339(Timestamp{milliseconds{1772357400250}}) == "2026-03-01T09:30:00.250Z");
    CHECK(format_rfc3339(Timestamp{milliseconds{-1}}) == "1969-12-31T23:59:59.999Z");
    const Timestamp t = at("2026-03-01T09:30:00.250+01:00");
    CHECK(t.time_since_epoch().count() == 1772353800250);
    CHECK(parse_rfc3339(format_rfc3339(t)) == t);
}

TEST_CASE("parse_date_or_time reads a plain date as 00:00 UTC that day, or an RFC 3339 instant") {
    CHECK(parse_date_or_time("2026-03-01") == date_of(2026, 3, 1));
    CHECK(parse_date_or_time("2024-02-29") == date_of(2024, 2, 29));
    CHECK(parse_date_or_time("2026-03-01T09:30:00Z") == at("2026-03-01T09:30:00Z"));
    CHECK_FALSE(parse_date_or_time("2026-02-30"));
    CHECK_FALSE(parse_date_or_time("2026-3-1"));
    CHECK_FALSE(parse_date_or_time("2026/03/01"));
    CHECK_FALSE(parse_date_or_time("2026-03-01T"));
    CHECK_FALSE(parse_date_or_time(""));
}

TEST_CASE("ISO weeks: Monday start and label, ISO year edges included") {
    const auto table = load_table("iso_weeks.csv");
    REQUIRE(table.rows.size() >= 20);
    for (const auto& row : table.rows) {
        INFO(row[0]);
        const auto date = parse_date_or_time(row[0]);
        const auto monday = parse_date_or_time(row[1]);
        REQUIRE(date);
        REQUIRE(monday);
        // Any instant of the day, first or last millisecond, is in the same week.
        for (const Timestamp t : {*date, *date + days{1} - milliseconds{1}}) {
            CHECK(iso_week_start(t) == *monday);
            CHECK(iso_week_label(t) == row[2]);
        }
    }
    // The cases the specification names, spelled out.
    CHECK(iso_week_label(date_of(2026, 1, 1)) == "2026-W01");
    CHECK(iso_week_label(date_of(2021, 1, 3)) == "2020-W53");
    CHECK(iso_week_label(date_of(2024, 12, 30)) == "2025-W01");
    CHECK(iso_week_start(at("2026-03-08T23:59:59.999Z")) == date_of(2026, 3, 2));
    CHECK(iso_week_start(at("2026-03-09T00:00:00Z")) == date_of(2026, 3, 9));
}

TEST_CASE("ISO week labels over 40 years: change only on Mondays, count up by one, week 1 holds January 4") {
    std::string previous = iso_week_label(date_of(1999, 12, 31));
    for (sys_days d = sys_days{year{2000} / 1 / 1}; d < sys_days{year{2040} / 1 / 1}; d += days{1}) {
        const std::string label = iso_week_label(Timestamp{d});
        const year_month_day date{d};
        REQUIRE(label.size() == 8);
        const int iso_year = std::stoi(label.substr(0, 4));
        const int week = std::stoi(label.substr(6, 2));
        if (weekday{d} != Monday) {
            REQUIRE(label == previous);
        } else {
            const int previous_year = std::stoi(previous.substr(0, 4));
            const int previous_week = std::stoi(previous.substr(6, 2));
            if (week == 1) {
                REQUIRE(iso_year == previous_year + 1);
                REQUIRE((previous_week == 52 || previous_week == 53));
            } else {
                REQUIRE(iso_year == previous_year);
                REQUIRE(week == previous_week + 1);
            }
        }
        if (date.month() == January && date.day() == std::chrono::day{4}) {
            REQUIRE(week == 1);
            REQUIRE(iso_year == static_cast<int>(date.year()));
        }
        previous = label;
    }
}

TEST_CASE("parse_period reads months and ISO weeks as half-open intervals") {
    const auto march = parse_period("2026-03");
    REQUIRE(march);
    CHECK(march->kind == Period::Kind::month);
    CHECK(march->start == date_of(2026, 3, 1));
    CHECK(march->end == date_of(2026, 4, 1));
    CHECK(march->label == "2026-03");

    const auto december = parse_period("2026-12");
    REQUIRE(december);
    CHECK(december->end == date_of(2027, 1, 1));

    const auto w53 = parse_period("2020-W53");
    REQUIRE(w53);
    CHECK(w53->kind == Period::Kind::week);
    CHECK(w53->start == date_of(2020, 12, 28));
    CHECK(w53->end == date_of(2021, 1, 4));
    CHECK(w53->label == "2020-W53");

    const auto w01 = parse_period("2026-W01");
    REQUIRE(w01);
    CHECK(w01->start == date_of(2025, 12, 29));
    CHECK(w01->end == date_of(2026, 1, 5));

    CHECK(parse_period("2026-W53"));  // 2026 starts on a Thursday: 53 weeks
    CHECK(parse_period("2015-W53"));
    for (const char* bad : {"2021-W53", "2025-W53", "2026-W00", "2026-W54", "2026-w05", "2026-W5", "2026-13",
                            "2026-00", "2026-3", "26-03", "2026-03-01", "2026-W05-1", "0000-01", "", "2026_03"}) {
        INFO(bad);
        CHECK_FALSE(parse_period(bad));
    }
}

TEST_CASE("shift_period moves by whole months or weeks across year ends") {
    const auto shifted = [](const char* text, int count) {
        const auto period = parse_period(text);
        REQUIRE(period);
        return shift_period(*period, count);
    };
    CHECK(shifted("2026-11", 2).label == "2027-01");
    CHECK(shifted("2026-01", -1).label == "2025-12");
    CHECK(shifted("2026-01", -13).label == "2024-12");
    CHECK(shifted("2026-03", 0) == *parse_period("2026-03"));
    CHECK(shifted("2026-01", 1) == *parse_period("2026-02"));
    CHECK(shifted("2020-W53", 1).label == "2021-W01");
    CHECK(shifted("2021-W01", -1).label == "2020-W53");
    CHECK(shifted("2026-W01", 52).label == "2026-W53");
    CHECK(shifted("2026-W01", 53).label == "2027-W01");
    CHECK(shifted("2026-W10", 1) == *parse_period("2026-W11"));
    const Period week = shifted("2026-W10", -2);
    CHECK(week.kind == Period::Kind::week);
    CHECK(week.start == date_of(2026, 2, 16));
    CHECK(week.end == date_of(2026, 2, 23));
}
