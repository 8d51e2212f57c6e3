// RFC 4180 CSV: parsing what spreadsheets write, and writing what they read.
#include "floorwalk/csv.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace floorwalk;

namespace {

csv::Table parse_ok(std::string_view text) {
    std::string error;
    auto table = csv::parse(text, &error);
    INFO(error);
    REQUIRE(table);
    CHECK(error.empty());
    return *table;
}

std::string parse_error(std::string_view text) {
    std::string error;
    CHECK_FALSE(csv::parse(text, &error));
    CHECK_FALSE(error.empty());
    return error;
}

std::string read_fixture(const std::string& name) {
    std::ifstream file(std::string(FLOORWALK_SHARED_TEST_DATA) + "/" + name, std::ios::binary);
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

using Rows = std::vector<csv::Row>;

}  // namespace

TEST_CASE("a plain table with LF or CRLF line ends, with or without a final newline") {
    for (const char* text : {"a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4"}) {
        INFO(text);
        const auto table = parse_ok(text);
        CHECK(table.header == csv::Row{"a", "b"});
        CHECK(table.rows == Rows{{"1", "2"}, {"3", "4"}});
    }
}

TEST_CASE("quoted fields hold separators, line ends and doubled quotes") {
    const auto table = parse_ok("name,note\r\n\"Smith, Jane\",\"said \"\"hi\"\"\"\r\n\"two\r\nlines\",\"a\nb\"\r\n");
    CHECK(table.rows == Rows{{"Smith, Jane", "said \"hi\""}, {"two\r\nlines", "a\nb"}});
}

TEST_CASE("empty fields, quoted or not, are kept") {
    const auto table = parse_ok("a,b,c\n,,\n\"\",x,\"\"\n1,,3\n");
    CHECK(table.rows == Rows{{"", "", ""}, {"", "x", ""}, {"1", "", "3"}});
    CHECK(parse_ok("a,b\n1,\"\"").rows == Rows{{"1", ""}});
}

TEST_CASE("a UTF-8 BOM is dropped, blank lines add no rows, ragged rows are kept for the caller to judge") {
    const auto table = parse_ok("\xEF\xBB\xBFid,name\n\n1,\xC3\x89lodie\n\n2\n\n");
    CHECK(table.header == csv::Row{"id", "name"});
    CHECK(table.rows == Rows{{"1", "\xC3\x89lodie"}, {"2"}});
}

TEST_CASE("a quote inside an unquoted field is kept as text") {
    CHECK(parse_ok("size\n5'10\"\n").rows == Rows{{"5'10\""}});
}

TEST_CASE("malformed input is an error that names the line") {
    CHECK(parse_error("a,b\n1,\"open\n2,3\n").find("line 2") != std::string::npos);
    CHECK(parse_error("a,b\n1,2\n\"x\"y,3\n").find("line 3") != std::string::npos);
    CHECK(parse_error("a,b\n\"multi\nline\" tail,2\n").find("line 3") != std::string::npos);
    CHECK(parse_error("").find("empty") != std::string::npos);
    CHECK(parse_error("\xEF\xBB\xBF").find("empty") != std::string::npos);
    CHECK_FALSE(csv::parse("\"", nullptr));  // no error sink is fine
}

TEST_CASE("format_row quotes only when needed and ends rows with CRLF") {
    CHECK(csv::format_row({"a", "b c", ""}) == "a,b c,\r\n");
    CHECK(csv::format_row({"x,y", "say \"hi\"", "l1\nl2", "r\r"}) ==
          "\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\",\"r\r\"\r\n");
    CHECK(csv::format_row({}) == "\r\n");
}

TEST_CASE("format_table writes a BOM, and parse reads back exactly what was written") {
    csv::Table table;
    table.header = {"unitId", "name", "rate"};
    table.rows = {{"S01", "Lyon, Part-Dieu", "0.25"},
                  {"S02", "Caf\xC3\xA9 \"Le Nord\"", ""},
                  {"S03", "two\r\nlines", "1"},
                  {"", "", ""}};
    const std::string text = csv::format_table(table);
    CHECK(text.rfind("\xEF\xBB\xBFunitId,name,rate\r\n", 0) == 0);
    const auto back = parse_ok(text);
    CHECK(back.header == table.header);
    CHECK(back.rows == table.rows);
}

TEST_CASE("an Excel export of units (fixture) parses and is written back byte for byte") {
    const std::string text = read_fixture("units_excel.csv");
    const auto table = parse_ok(text);
    CHECK(table.header == csv::Row{"id", "parentId", "name", "kind"});
    REQUIRE(table.rows.size() == 4);
    CHECK(table.rows[0] == csv::Row{"org", "", "Floorwalk Retail, SA", "organization"});
    CHECK(table.rows[1] == csv::Row{"north", "org", "R\xC3\xA9gion \"Nord\"", "region"});
    CHECK(table.rows[2] == csv::Row{"lille", "north", "Lille\r\nEuralille", "store"});
    CHECK(table.rows[3] == csv::Row{"nice", "org", "Nice", "store"});
    CHECK(csv::format_table(table) == text);
}

TEST_CASE("column finds a header by exact name") {
    const csv::Row header{"unitId", "period", "metric", "value"};
    CHECK(csv::column(header, "unitId") == 0u);
    CHECK(csv::column(header, "value") == 3u);
    CHECK_FALSE(csv::column(header, "unitid"));
    CHECK_FALSE(csv::column(header, "missing"));
    CHECK_FALSE(csv::column({}, "unitId"));
}

TEST_CASE("spreadsheet_text: a cell starting with = + - @ tab CR or NUL is read as text (OWASP CSV injection)") {
    CHECK(csv::spreadsheet_text("=HYPERLINK(\"http://x\",\"y\")") == "'=HYPERLINK(\"http://x\",\"y\")");
    CHECK(csv::spreadsheet_text("+33 1 23") == "'+33 1 23");
    CHECK(csv::spreadsheet_text("-2+3") == "'-2+3");
    CHECK(csv::spreadsheet_text("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv::spreadsheet_text("\t=1+1") == "'\t'=1+1");
    CHECK(csv::spreadsheet_text("\r=1+1") == "'\r'=1+1");
    CHECK(csv::spreadsheet_text(std::string_view("\0=1", 3)) == std::string("'\0=1", 4));
    // Text that starts otherwise is left alone, triggers inside it too.
    for (const std::string_view plain : {"Lille", "Saint-Etienne", "a=b", "x@y.z", "", "'=quoted", " =1"}) {
        INFO(plain);
        CHECK(csv::spreadsheet_text(plain) == plain);
    }
}

TEST_CASE("spreadsheet_text: a trigger after a separator another spreadsheet may split on is neutralised too") {
    // Excel in a French locale splits on ';', some readers on tabs: each part must not start a formula either.
    CHECK(csv::spreadsheet_text("Lille;=HYPERLINK(\"http://x\")") == "Lille;'=HYPERLINK(\"http://x\")");
    CHECK(csv::spreadsheet_text("a,+1") == "a,'+1");
    CHECK(csv::spreadsheet_text("a\t@x") == "a\t'@x");
    CHECK(csv::spreadsheet_text("two\r\n-lines") == "two\r\n'-lines");
    CHECK(csv::spreadsheet_text("a;\"=1+1\"") == "a;\"'=1+1\"");  // a quoted part after the separator
    CHECK(csv::spreadsheet_text("\"\"-1") == "\"\"'-1");          // quotes a reader may strip, at the start
    CHECK(csv::spreadsheet_text("a; =1") == "a; =1");            // a space first: not a formula
    CHECK(csv::spreadsheet_text("a;'=1") == "a;'=1");            // already text for a spreadsheet
}

TEST_CASE("a neutralised cell is quoted as RFC 4180 requires and reads back with its apostrophe") {
    const csv::Row row{csv::spreadsheet_text("=HYPERLINK(\"http://x\",\"y\")"), "-0.5"};
    // Numbers the program formats itself are not passed through spreadsheet_text: -0.5 stays a number.
    CHECK(csv::format_row(row) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.5\r\n");
    const auto back = parse_ok("a,b\r\n" + csv::format_row(row));
    CHECK(back.rows == Rows{{"'=HYPERLINK(\"http://x\",\"y\")", "-0.5"}});
}
