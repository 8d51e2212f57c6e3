// The RFC 4180 reader every CSV import starts with (shared/csv.h). Every input is parsed or refused with a message;
// a parsed table written back with format_table must parse to the same table, since exports and imports meet in
// the same spreadsheets.
#include "floorwalk/csv.h"
#include "support/fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// Whether format_table can write the table so that parse reads it back unchanged. One shape cannot survive, by
// the format's definition rather than by a fault: a record of one empty field is written as an empty line, which
// the reader skips as blank.
bool representable(const floorwalk::csv::Table& table) {
    const auto blank = [](const floorwalk::csv::Row& row) { return row.size() == 1 && row[0].empty(); };
    if (blank(table.header)) return false;
    for (const auto& row : table.rows)
        if (blank(row)) return false;
    return true;
}

bool starts_formula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\0';
}
bool splits_cells(char c) { return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n'; }

// spreadsheet_text's promise (csv.h): no character that makes a spreadsheet read a formula where a cell may start,
// that is at the start or after a splitting character, double quotes between them allowed. Its ' in front is what
// makes such a character safe, and it ends the place where a cell may start.
void check_spreadsheet_text(std::string_view cell) {
    const auto out = floorwalk::csv::spreadsheet_text(cell);
    bool cell_may_start = true;
    for (const char c : out) {
        if (cell_may_start && starts_formula(c))
            floorwalk::fuzz::fail("spreadsheet_text leaves no formula character where a cell may start", out);
        if (splits_cells(c))
            cell_may_start = true;
        else if (c != '"')
            cell_may_start = false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace floorwalk;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    const auto table = csv::parse(text, &error);
    if (!table) {
        fuzz::check(!error.empty(), "a refused CSV comes with a message", text);
        return 0;
    }
    for (const auto& cell : table->header) check_spreadsheet_text(cell);
    for (const auto& row : table->rows)
        for (const auto& cell : row) check_spreadsheet_text(cell);
    if (!representable(*table)) return 0;
    const auto written = csv::format_table(*table);
    std::string again_error;
    const auto again = csv::parse(written, &again_error);
    fuzz::check(again.has_value(), "what format_table writes parses again", again_error);
    fuzz::check(again->header == table->header && again->rows == table->rows,
                "parse(format_table(t)) == t for every parsed table t", written);
    return 0;
}
