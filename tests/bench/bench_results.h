// What one run of the benchmark measured, and how it is printed beside the targets and the baseline.
#pragma once

#include "baseline.h"
#include "bench_options.h"
#include "bench_report.h"
#include "server_process.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace floorwalk::bench {

struct IngestResult {
    BackendKind backend = BackendKind::sqlite;
    int servers = 1;
    long long observations = 0;
    double http_seconds = 0;
    std::optional<double> raw_seconds;  // the raw baseline, beside the first configuration of each backend
};

// From exec to the first 200 of the root's /indicators.
struct StartResult {
    double first_answer_seconds = 0;
    double listening_seconds = 0;
    std::optional<IndexLoad> load;  // what the server logged about its index load
    ProcessMemory memory;           // at the first answer
};

struct QueryResult {
    std::string label;
    double p50 = 0;
    double p99 = 0;
    std::optional<double> naive_ms;  // the median of the naive SQL computations, when there were any
    std::optional<bool> equal;       // the server's counts against the naive SQL's
};

struct ReadResult {
    BackendKind backend = BackendKind::sqlite;
    long long observations = 0;
    long long filled = 0;  // observations added in bulk before this size
    double fill_seconds = 0;
    StartResult without_snapshot;
    double shutdown_seconds = 0;  // SIGTERM to exit after the start without a snapshot (the snapshot is saved)
    long long snapshot_bytes = 0;
    StartResult with_snapshot;
    std::vector<QueryResult> queries;
    double series_p50 = 0;
    double series_p99 = 0;
    int series_points = 0;
    ProcessMemory after_reads;
};

struct BenchResults {
    std::string load_at_start;
    std::string postgres_description;  // empty without PostgreSQL
    std::optional<Baseline> baseline;
    std::vector<IngestResult> ingest;
    std::vector<ReadResult> reads;
};

void print_report(std::ostream& out, const BenchOptions& options, const BenchResults& results, int managers);

}  // namespace floorwalk::bench
