// The figures of an earlier printout of this benchmark (docs/bench/indicators-2026-11-28.txt: one process holding
// the server in-process over SQLite and every observation in one index), read back to print beside today's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace floorwalk::bench {

struct BaselineSize {
    long long observations = 0;
    std::vector<std::pair<double, double>> queries;  // (p50, p99) ms of root, region, store, root 180 days ago
    std::optional<std::pair<double, double>> series;  // (p50, p99) ms
    std::optional<double> resident_mib;               // the whole process (server, index, clients)
    std::optional<double> index_build_seconds;        // the index built from the store when the server started
};

struct Baseline {
    std::filesystem::path file;
    std::optional<double> http_rate;     // obs/s pushed over HTTP
    std::optional<double> http_percent;  // of the raw insert rate
    std::vector<BaselineSize> sizes;

    [[nodiscard]] const BaselineSize* at(long long observations) const;
};

// Reads the printout; nullopt (with `warning` set) when the file cannot be read or holds none of its figures.
[[nodiscard]] std::optional<Baseline> read_baseline(const std::filesystem::path& file, std::string* warning);

}  // namespace floorwalk::bench
