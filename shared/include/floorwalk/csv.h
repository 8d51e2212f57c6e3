// RFC 4180 CSV: what admin imports read and indicator exports write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::csv {

using Row = std::vector<std::string>;

struct Table {
    Row header;
    std::vector<Row> rows;  // data rows, without the header
};

// Parses quoted fields, doubled quotes, CRLF or LF line ends, a UTF-8 BOM, and a final line without a newline.
// The first record is the header. Lines with no character at all are skipped (a trailing blank line adds no row);
// a quote inside an unquoted field is kept as text. Empty input is an error (there is no header).
// On malformed input (an unterminated quote, text after a closing quote) returns nullopt and sets `error`
// to a message naming the line.
[[nodiscard]] std::optional<Table> parse(std::string_view text, std::string* error);

// Quotes a field only when it holds a comma, a quote, CR or LF; rows end with CRLF as RFC 4180 says.
[[nodiscard]] std::string format_row(const Row& row);
// A whole table with a UTF-8 BOM, so that Excel reads accents right.
[[nodiscard]] std::string format_table(const Table& table);

// Text from people (names, ids) as a cell of a file meant for spreadsheets: a leading =, +, -, @, tab, CR or NUL
// would make Excel, LibreOffice or Google Sheets read the cell as a formula (CSV injection, OWASP; ASVS 1.2.10),
// so it gets a single quote (') in front, which spreadsheets show as text. The same goes for such a character
// after leading double quotes, which a reader may take for the quotes around a cell, and right after a ',', ';',
// tab, CR or LF (double quotes between them allowed), where a spreadsheet splitting on another separator (Excel in
// a French locale splits on ';') would start a cell. format_row then quotes the result as RFC 4180 requires. Apply
// it to text cells only: numbers the program formats itself (-0.5) must stay numbers.
[[nodiscard]] std::string spreadsheet_text(std::string_view text);

// Index of a header column (case-sensitive), or nullopt.
[[nodiscard]] std::optional<std::size_t> column(const Row& header, std::string_view name);

}  // namespace floorwalk::csv
