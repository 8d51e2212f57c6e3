// The baseline without the server: the same rows written straight into a database of the same schema, and the
// indicators computed naively with SQL over the raw observations.
//
// Threading: one thread.
#pragma once

#include "bench_organization.h"
#include "floorwalk/indicators.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace floorwalk::bench {

// What the naive SQL computes for a unit: the counts behind its transformation and deployment rates.
struct NaiveFigures {
    int active_employees = 0;
    int accompanied_employees = 0;
    std::vector<std::pair<int, int>> dimensions;  // (assessed, mastered) per dimension, in model order
    [[nodiscard]] std::optional<double> transformation_rate() const;
};

class RawDatabase {
public:
    // Creates the schema (the server's migrations) and the organisation in data_dir, then keeps one plain
    // connection with the server's settings (WAL, synchronous=FULL, foreign keys on).
    RawDatabase(const std::filesystem::path& data_dir, const BenchOrganization& organization);
    ~RawDatabase();

    // Inserts a batch as the push does: revision, ratings and current row per observation, one transaction.
    void insert(const std::vector<Observation>& observations, int store, Timestamp now);

    [[nodiscard]] NaiveFigures naive(const std::string& unit_id, const IndicatorParams& params,
                                     const std::vector<std::string>& dimension_ids, int threshold);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace floorwalk::bench
