// GET /api/v1/indicators/export.csv: RFC 4180 shape, BOM, quoting, one row per (unit, dimension), hidden rows.
#include "indicator_fixture.h"

#include "floorwalk/csv.h"
#include "indicators/csv_export.h"

#include <catch2/catch.hpp>

#include <tuple>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

const Query march{{"at", "2026-04-01T00:00:00Z"}, {"from", "2026-03-01"}, {"to", "2026-04-01"}};

csv::Table parse_csv(const std::string& body) {
    std::string error;
    auto table = csv::parse(body, &error);
    INFO(error);
    REQUIRE(table);
    return *table;
}

const csv::Row& row_of(const csv::Table& table, const std::string& unit_id, const std::string& dimension_id) {
    for (const auto& row : table.rows)
        if (row.at(0) == unit_id && row.at(4) == dimension_id) return row;
    FAIL("no row for " << unit_id << "/" << dimension_id);
    throw std::logic_error("unreachable");
}

std::size_t col(const csv::Table& table, const std::string& name) {
    const auto index = csv::column(table.header, name);
    REQUIRE(index);
    return *index;
}

}  // namespace

TEST_CASE("the export is RFC 4180 CSV with a BOM, CRLF rows and a fixed header", "[indicators][csv]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto response = fixture.get("/indicators/export.csv", march, "admin");
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "text/csv; charset=utf-8");
    bool attachment = false;
    for (const auto& [name, value] : response.headers)
        if (name == "Content-Disposition")
            attachment = value == "attachment; filename=\"floorwalk-indicators-HQ-2026-04-01.csv\"";
    CHECK(attachment);

    const std::string& body = response.body;
    REQUIRE(body.size() > 3);
    CHECK(body.substr(0, 3) == "\xEF\xBB\xBF");
    const std::string header =
        "unitId,unitName,unitKind,parentId,dimensionId,dimensionName,masteryRate,coverage,assessed,mastered,"
        "averageLevel,transformationRate,deploymentRate,activeEmployees,hidden,hiddenReason\r\n";
    CHECK(body.substr(3, header.size()) == header);
    // Every line ends with CRLF, and no bare LF appears.
    std::size_t lines = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\n') continue;
        CHECK(i > 0);
        CHECK(body[i - 1] == '\r');
        ++lines;
    }
    CHECK(lines == 1 + 6 * 2);  // the header, then 6 units x 2 dimensions
    // A name with a quote and a comma is quoted, its quotes doubled.
    CHECK(body.find("S3,\"Nice \"\"Centre\"\", Sud\",store,R2,d1,Greeting,") != std::string::npos);

    const auto table = parse_csv(body);
    CHECK(table.header == server::indicators::export_columns());
    REQUIRE(table.rows.size() == 12);
    // Depth-first: each unit's rows, dimensions in model order.
    const std::vector<std::string> order{"HQ", "HQ", "R1", "R1", "S1", "S1", "S2", "S2", "R2", "R2", "S3", "S3"};
    for (std::size_t i = 0; i < order.size(); ++i) {
        CHECK(table.rows[i].size() == table.header.size());
        CHECK(table.rows[i][0] == order[i]);
        CHECK(table.rows[i][4] == (i % 2 == 0 ? "d1" : "d2"));
    }
}

TEST_CASE("export rows carry the same figures as GET /indicators", "[indicators][csv]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    const auto table = parse_csv(fixture.get("/indicators/export.csv", march, "admin").body);

    const auto& lille = row_of(table, "S1", "d1");
    CHECK(lille[col(table, "unitName")] == "Lille");
    CHECK(lille[col(table, "unitKind")] == "store");
    CHECK(lille[col(table, "parentId")] == "R1");
    CHECK(lille[col(table, "dimensionName")] == "Greeting");
    CHECK(std::stod(lille[col(table, "masteryRate")]) == Approx(2.0 / 3.0));
    CHECK(std::stod(lille[col(table, "coverage")]) == Approx(0.75));
    CHECK(lille[col(table, "assessed")] == "3");
    CHECK(lille[col(table, "mastered")] == "2");
    CHECK(std::stod(lille[col(table, "averageLevel")]) == Approx(8.0 / 3.0));
    CHECK(lille[col(table, "transformationRate")] == "0.6");
    CHECK(lille[col(table, "deploymentRate")] == "1");
    CHECK(lille[col(table, "activeEmployees")] == "4");
    CHECK(lille[col(table, "hidden")] == "false");

    const auto& root = row_of(table, "HQ", "d2");
    CHECK(root[col(table, "parentId")].empty());
    CHECK(root[col(table, "unitKind")] == "organization");
    CHECK(std::stod(root[col(table, "transformationRate")]) == Approx(6.0 / 11.0));
    CHECK(root[col(table, "assessed")] == "5");

    // Undefined rates are empty cells, never 0: once Lens has no employee left, its rates are undefined.
    fixture.move_employee("e5", "S1");
    const auto after = parse_csv(fixture.get("/indicators/export.csv", march, "admin").body);
    const auto& lens = row_of(after, "S2", "d1");
    CHECK(lens[col(after, "masteryRate")].empty());
    CHECK(lens[col(after, "coverage")].empty());
    CHECK(lens[col(after, "averageLevel")].empty());
    CHECK(lens[col(after, "transformationRate")].empty());
    CHECK(lens[col(after, "assessed")] == "0");
    CHECK(lens[col(after, "activeEmployees")] == "0");
}

TEST_CASE("export of a subtree has its units only, and hides small units from HQ", "[indicators][csv]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    auto query = march;
    query.emplace("unitId", "R1");
    const auto table = parse_csv(fixture.get("/indicators/export.csv", query, "hq").body);
    REQUIRE(table.rows.size() == 3 * 2);  // North, Lille, Lens
    // Lens (1 employee) is small; Lille is hidden beside it, or North - Lille would give Lens row by row.
    for (const auto& [unit_id, reason, employees] :
         {std::tuple<std::string, std::string, std::string>{"S2", "small_group", "1"}, {"S1", "complementary", "4"}}) {
        for (const std::string dimension : {"d1", "d2"}) {
            const auto& row = row_of(table, unit_id, dimension);
            INFO(unit_id << " " << dimension);
            CHECK(row[col(table, "hidden")] == "true");
            CHECK(row[col(table, "hiddenReason")] == reason);
            CHECK(row[col(table, "activeEmployees")] == employees);
            for (const std::string column : {"masteryRate", "coverage", "assessed", "mastered", "averageLevel",
                                             "transformationRate", "deploymentRate"}) {
                INFO(column);
                CHECK(row[col(table, column)].empty());
            }
        }
    }
    // The parent still counts their employees.
    CHECK(std::stod(row_of(table, "R1", "d1")[col(table, "transformationRate")]) == Approx(3.0 / 7.0));
    CHECK(row_of(table, "R1", "d1")[col(table, "hidden")] == "false");
    CHECK(row_of(table, "R1", "d1")[col(table, "hiddenReason")].empty());
}

namespace {

// Imports units and a model whose names and ids are hostile, and returns the export HQ downloads.
csv::Table export_with_hostile_names(IndicatorFixture& fixture, const std::vector<std::string>& names) {
    std::vector<Unit> units = fixture.store().units(fixture.organization_id());
    for (std::size_t i = 0; i < names.size(); ++i) {
        Unit unit{"hostile-" + std::to_string(i), "R2", names[i], UnitKind::store};
        units.push_back(unit);
    }
    const auto result = fixture.store().import_units(fixture.organization_id(), units);
    INFO(result.errors.size() << " import errors");
    REQUIRE(result.errors.empty());
    return parse_csv(fixture.get("/indicators/export.csv", march, "hq").body);
}

}  // namespace

TEST_CASE("names that start with a formula character are written as text (CSV injection)", "[indicators][csv]") {
    IndicatorFixture fixture;
    const std::vector<std::string> names{"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1:A9)",
                                         "Lille;=HYPERLINK(\"http://x\")"};
    const auto body = export_with_hostile_names(fixture, names);
    const std::vector<std::string> expected{"'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1:A9)",
                                            "Lille;'=HYPERLINK(\"http://x\")"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(names[i]);
        const auto& row = row_of(body, "hostile-" + std::to_string(i), "d1");
        CHECK(row[col(body, "unitName")] == expected[i]);
    }
    // The raw bytes: the neutralised cell is quoted as RFC 4180 requires.
    const auto raw = fixture.get("/indicators/export.csv", march, "hq").body;
    CHECK(raw.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",store,R2,") != std::string::npos);
    CHECK(raw.find(",=") == std::string::npos);
    CHECK(raw.find(",+") == std::string::npos);
    CHECK(raw.find(",@") == std::string::npos);
}

TEST_CASE("ids and dimension names are neutralised too, the numbers the server writes are not",
          "[indicators][csv]") {
    IndicatorFixture fixture;
    fixture.push_march_records();
    auto model = *fixture.store().model(fixture.organization_id());
    model.dimensions[0].name = "=cmd|' /C calc'!A0";
    REQUIRE(fixture.store().import_model(fixture.organization_id(), model).errors.empty());
    std::vector<Unit> units = fixture.store().units(fixture.organization_id());
    units.push_back(Unit{"-store", "R2", "Minus", UnitKind::store});
    units.push_back(Unit{"@child", "-store", "Below minus", UnitKind::team});
    REQUIRE(fixture.store().import_units(fixture.organization_id(), units).errors.empty());

    const auto table = parse_csv(fixture.get("/indicators/export.csv", march, "admin").body);
    const auto& minus = row_of(table, "'-store", "d1");
    CHECK(minus[col(table, "unitName")] == "Minus");
    CHECK(minus[col(table, "dimensionName")] == "'=cmd|' /C calc'!A0");
    CHECK(row_of(table, "'@child", "d2")[col(table, "parentId")] == "'-store");
    // Figures stay numbers: the export's own cells are never prefixed.
    CHECK(std::stod(row_of(table, "S1", "d1")[col(table, "masteryRate")]) == Approx(2.0 / 3.0));
    for (const auto& row : table.rows)
        for (std::size_t c = col(table, "masteryRate"); c < row.size(); ++c) {
            INFO(row[0] << " column " << table.header[c]);
            CHECK((row[c].empty() || row[c].front() != '\''));
        }
}

TEST_CASE("numbers are written as the shortest text that reads back exactly", "[indicators][csv]") {
    using server::indicators::format_number;
    CHECK(format_number(std::nullopt).empty());
    CHECK(format_number(0.0) == "0");
    CHECK(format_number(0.75) == "0.75");
    CHECK(format_number(1.0) == "1");
    CHECK(std::stod(format_number(6.0 / 11.0)) == 6.0 / 11.0);
}
