// Rows of one table written in multi-row INSERT statements. On PostgreSQL every statement is a round trip to the
// server, and a push of 500 observations used to cost about 3,500 of them while it held the organisation's change
// counter; written in chunks, the same rows take a few dozen statements on either engine.
//
// Chunks are 64, then 8, then 1 rows, so a table needs at most three statement texts, each prepared once per
// connection (an exact-size statement per flush would fill the prepared-statement cache with one text per size).
#pragma once

#include "database/database.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace floorwalk::server {

class RowBatch {
public:
    using Cell = std::variant<std::int64_t, std::string>;

    // `insert` is "INSERT INTO table (col, col...)"; `tail` follows the VALUES list (an ON CONFLICT clause, or
    // empty); every row has `columns` cells.
    RowBatch(std::string insert, int columns, std::string tail = {});

    void add(std::vector<Cell> row);
    // Writes the buffered rows, in the order they were added, and empties the batch.
    void flush(db::Connection& db);
    [[nodiscard]] bool empty() const { return rows_.empty(); }

private:
    [[nodiscard]] std::string statement_text(std::size_t rows) const;

    std::string insert_;
    int columns_;
    std::string tail_;
    std::vector<std::vector<Cell>> rows_;
};

}  // namespace floorwalk::server
