// The baselines without the server, on either engine:
// - RawWriter: the same rows as a push, written with the server's row writer (storage/record_writer.h) into a
//   database of the same schema, one transaction per batch on one connection, with no HTTP, protobuf,
//   authentication or validation: what ingest costs the database alone;
// - naive_figures: the indicators computed naively with SQL over the raw observations, the check of what the
//   server answers (and the scan its index saves).
//
// Threading: one thread.
#pragma once

#include "bench_database.h"
#include "bench_organization.h"
#include "floorwalk/indicators.h"

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
};

class RawWriter {
public:
    // Creates the organisation in `database` (which must be empty) and opens one engine on it.
    RawWriter(const BenchDatabase& database, const BenchOrganization& organization);
    ~RawWriter();

    // Inserts a batch as the push does: revision, ratings and current row per observation, one transaction.
    void insert(const std::vector<Observation>& observations, int store, Timestamp now);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The naive SQL over `database`'s rows for the organisation `organization_id`.
[[nodiscard]] NaiveFigures naive_figures(server::db::Engine& engine, const std::string& organization_id,
                                         const std::string& unit_id, const IndicatorParams& params,
                                         const std::vector<std::string>& dimension_ids, int threshold);

}  // namespace floorwalk::bench
