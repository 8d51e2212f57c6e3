// RFC 4180 CSV with the tolerances real spreadsheet files need (LF line ends, a BOM, no final newline).
#include "floorwalk/csv.h"

namespace floorwalk::csv {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

bool needs_quotes(std::string_view field) { return field.find_first_of(",\"\r\n") != std::string_view::npos; }

// Characters that make a spreadsheet read a cell as a formula when they come first.
bool starts_formula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\0';
}

// Where a spreadsheet splitting on something other than ',' may start a new cell.
bool splits_cells(char c) { return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::optional<Table> parse(std::string_view text, std::string* error) {
    const auto fail = [&](std::string message) -> std::optional<Table> {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    if (text.starts_with(bom)) text.remove_prefix(bom.size());

    std::vector<Row> records;
    Row row;
    std::string field;
    std::size_t line = 1;  // physical line, for messages
    std::size_t i = 0;
    // A record that has started (any character, even an empty quoted field) ends at the next line end or at the
    // end of the text. A line with no character at all is skipped, so a trailing blank line adds no row.
    bool record_started = false;

    const auto end_record = [&] {
        row.push_back(std::move(field));
        field.clear();
        records.push_back(std::move(row));
        row.clear();
        record_started = false;
    };
    // Consumes a line end (CRLF, LF or a lone CR) at `i`; false when there is none.
    const auto take_line_end = [&] {
        if (text[i] == '\r') {
            i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        } else if (text[i] == '\n') {
            ++i;
        } else {
            return false;
        }
        ++line;
        return true;
    };

    while (i < text.size()) {
        if (text[i] == '"' && field.empty()) {
            // A quoted field: everything up to the closing quote, with "" standing for one quote.
            record_started = true;
            const std::size_t opened_on = line;
            ++i;
            bool closed = false;
            while (i < text.size()) {
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++line;
                field.push_back(text[i++]);
            }
            if (!closed) {
                return fail("line " + std::to_string(opened_on) +
                            ": a quoted field is never closed (a \" is missing before the end of the file)");
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                return fail("line " + std::to_string(line) +
                            ": text after the closing quote of a field (a field's quotes must enclose all of it; "
                            "write a quote inside a quoted field as \"\")");
            }
            // The separator or line end is handled below; a quoted empty field must still count as a field.
            if (i >= text.size()) break;
            continue;
        }
        if (text[i] == ',') {
            record_started = true;
            row.push_back(std::move(field));
            field.clear();
            ++i;
            continue;
        }
        if (take_line_end()) {
            if (record_started || !field.empty() || !row.empty()) end_record();
            continue;
        }
        // An unquoted character (a quote inside an unquoted field is kept as it is, as spreadsheets do).
        record_started = true;
        field.push_back(text[i++]);
    }
    if (record_started || !field.empty() || !row.empty()) end_record();

    if (records.empty()) return fail("line 1: the file is empty; the first line must name the columns");
    Table table;
    table.header = std::move(records.front());
    table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
    return table;
}

std::string format_row(const Row& row) {
    std::string text;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) text.push_back(',');
        const std::string& field = row[i];
        if (!needs_quotes(field)) {
            text += field;
            continue;
        }
        text.push_back('"');
        for (const char c : field) {
            if (c == '"') text.push_back('"');
            text.push_back(c);
        }
        text.push_back('"');
    }
    text += "\r\n";
    return text;
}

std::string format_table(const Table& table) {
    std::string text(bom);
    text += format_row(table.header);
    for (const auto& row : table.rows) text += format_row(row);
    return text;
}

std::string spreadsheet_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 1);
    // True at the start and after a splitting character, as long as only double quotes (which a reader may take
    // for the quotes around a cell) follow.
    bool cell_may_start = true;
    for (const char c : text) {
        if (cell_may_start && starts_formula(c)) out.push_back('\'');
        out.push_back(c);
        if (splits_cells(c))
            cell_may_start = true;
        else if (c != '"')
            cell_may_start = false;
    }
    return out;
}

std::optional<std::size_t> column(const Row& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    return std::nullopt;
}

}  // namespace floorwalk::csv
