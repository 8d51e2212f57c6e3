#include "storage/row_batch.h"

#include <array>
#include <stdexcept>

namespace floorwalk::server {
namespace {

// Largest first. 64 rows of the widest table (13 columns) are 832 parameters, far below both engines' limits.
constexpr std::array<std::size_t, 3> chunk_sizes{64, 8, 1};

}  // namespace

RowBatch::RowBatch(std::string insert, int columns, std::string tail)
    : insert_(std::move(insert)), columns_(columns), tail_(std::move(tail)) {}

void RowBatch::add(std::vector<Cell> row) {
    if (row.size() != static_cast<std::size_t>(columns_)) {
        throw std::logic_error("RowBatch: a row of " + std::to_string(row.size()) + " cells for " +
                               std::to_string(columns_) + " columns in \"" + insert_ + "\"");
    }
    rows_.push_back(std::move(row));
}

std::string RowBatch::statement_text(std::size_t rows) const {
    std::string sql = insert_ + " VALUES ";
    int parameter = 0;
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (int column = 0; column < columns_; ++column) {
            if (column > 0) sql += ", ";
            sql += "?" + std::to_string(++parameter);
        }
        sql += ")";
    }
    if (!tail_.empty()) sql += " " + tail_;
    return sql;
}

void RowBatch::flush(db::Connection& db) {
    std::size_t next = 0;
    for (const auto size : chunk_sizes) {
        if (rows_.size() - next < size) continue;
        auto statement = db.prepare(statement_text(size));
        while (rows_.size() - next >= size) {
            int parameter = 0;
            for (std::size_t row = next; row < next + size; ++row) {
                for (const auto& cell : rows_[row]) {
                    ++parameter;
                    if (const auto* number = std::get_if<std::int64_t>(&cell)) {
                        statement.bind(parameter, *number);
                    } else {
                        statement.bind(parameter, std::get<std::string>(cell));
                    }
                }
            }
            statement.run();
            statement.reset();
            next += size;
        }
    }
    rows_.clear();
}

}  // namespace floorwalk::server
