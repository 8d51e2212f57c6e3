#include "baseline.h"

#include <fstream>
#include <regex>

namespace floorwalk::bench {
namespace {

// "5,615" -> 5615.
double plain(std::string text) {
    std::erase(text, ',');
    return std::stod(text);
}

}  // namespace

const BaselineSize* Baseline::at(long long observations) const {
    for (const auto& size : sizes)
        if (size.observations == observations) return &size;
    return nullptr;
}

std::optional<Baseline> read_baseline(const std::filesystem::path& file, std::string* warning) {
    std::ifstream in(file);
    if (!in) {
        *warning = "cannot read " + file.string() + ": no comparison";
        return std::nullopt;
    }
    static const std::regex size_heading(R"(^== ([\d,]+) observations ==)");
    static const std::regex ingest(R"(HTTP push ([\d,]+) obs/s .*ratio ([\d.]+) %)");
    static const std::regex query(R"(^(root|region \S+|store \S+|root, at = now - 180 d)\s+([\d.]+)\s+([\d.]+))");
    static const std::regex series(R"(^GET /indicators/series .*p50 ([\d.]+) ms, p99 ([\d.]+) ms)");
    static const std::regex resident(R"(^resident memory of the process.*: ([\d.]+) MiB)");
    static const std::regex built(R"(built its index from the store in ([\d.]+) s)");
    Baseline baseline;
    baseline.file = file;
    std::string line;
    std::smatch match;
    while (std::getline(in, line)) {
        if (std::regex_search(line, match, size_heading)) {
            baseline.sizes.push_back({.observations = static_cast<long long>(plain(match[1]))});
            continue;
        }
        if (baseline.sizes.empty()) continue;
        auto& size = baseline.sizes.back();
        if (std::regex_search(line, match, ingest)) {
            baseline.http_rate = plain(match[1]);
            baseline.http_percent = plain(match[2]);
        } else if (std::regex_search(line, match, query)) {
            size.queries.emplace_back(plain(match[2]), plain(match[3]));
        } else if (std::regex_search(line, match, series)) {
            size.series.emplace(plain(match[1]), plain(match[2]));
        } else if (std::regex_search(line, match, resident)) {
            size.resident_mib = plain(match[1]);
        } else if (std::regex_search(line, match, built)) {
            size.index_build_seconds = plain(match[1]);
        }
    }
    if (baseline.sizes.empty() || baseline.sizes.front().queries.size() != 4) {
        *warning = file.string() + " holds no figures this benchmark can read: no comparison";
        return std::nullopt;
    }
    return baseline;
}

}  // namespace floorwalk::bench
