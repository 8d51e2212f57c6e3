// Command-line options of floorwalk-bench-indicators; defaults are the full scale of the indicators issue.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace floorwalk::bench {

struct BenchOptions {
    int employees = 10'000;
    int teams = 0;    // 0: employees / 10
    int stores = 0;   // 0: teams / 10
    int regions = 0;  // 0: stores / 10
    int dimensions = 8;
    long long observations = 1'000'000;
    long long large_observations = -1;  // -1: 5 x observations; 0: skip the second size
    int clients = 4;
    int batch = 500;
    int server_threads = 0;  // 0: the number of CPUs, at least 2
    int samples = 200;        // GET /indicators per unit and size
    int naive_samples = 5;    // naive SQL per unit and size
    int series_samples = 30;
    std::uint64_t seed = 20260401;
    std::filesystem::path data;  // empty: a temporary folder, removed at the end
    bool keep = false;
    bool large_over_http = false;  // fill the second size through HTTP too (hours at full scale), not in bulk
};

// Parses argv; throws std::invalid_argument with a message naming the option. `help` is set for --help.
[[nodiscard]] BenchOptions parse_options(int argc, char** argv, bool* help);
[[nodiscard]] const char* usage();

}  // namespace floorwalk::bench
