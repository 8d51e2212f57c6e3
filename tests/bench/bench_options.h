// Command-line options of floorwalk-bench-indicators; defaults are the full scale of the scale-out issue.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace floorwalk::bench {

enum class BackendKind { sqlite, postgresql };

[[nodiscard]] const char* backend_label(BackendKind backend);  // "SQLite", "PostgreSQL"

struct BenchOptions {
    int employees = 10'000;
    int teams = 0;    // 0: employees / 10
    int stores = 0;   // 0: teams / 10
    int regions = 0;  // 0: stores / 10
    int dimensions = 8;
    std::vector<BackendKind> backends{BackendKind::sqlite, BackendKind::postgresql};
    // Ingest: this many observations through each configuration (rounded up to whole batches).
    long long ingest_observations = 200'000;
    std::vector<int> postgres_servers{1, 2, 4};  // server processes sharing one PostgreSQL database
    int clients = 4;
    int batch = 500;
    bool raw_baseline = true;  // the same rows with the row writer, no HTTP, beside the 1-server ingests
    // Reads: the database of the 1-server ingest is filled in bulk up to each size in turn.
    std::vector<long long> sizes{1'000'000, 5'000'000};
    int server_threads = 0;  // --threads of each server process; 0: the server's default (CPUs, at least 2)
    int samples = 200;        // GET /indicators per unit, size and backend
    int series_samples = 30;
    int naive_samples = 1;    // naive SQL per unit, size and backend; 0: no naive SQL
    std::uint64_t seed = 20260401;
    std::string postgres_url;  // empty: a throw-away cluster of scripts/postgres-cluster.sh
    std::filesystem::path data;  // empty: a temporary folder, removed at the end
    bool keep = false;
    std::filesystem::path server_binary;
    std::filesystem::path cluster_script;
    std::filesystem::path baseline;  // empty: no comparison

    [[nodiscard]] bool has(BackendKind backend) const;
};

// Parses argv; throws std::invalid_argument with a message naming the option. `help` is set for --help.
[[nodiscard]] BenchOptions parse_options(int argc, char** argv, bool* help);
[[nodiscard]] std::string usage();

}  // namespace floorwalk::bench
