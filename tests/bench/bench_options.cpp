#include "bench_options.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace floorwalk::bench {
namespace {

template <typename Number>
Number number(std::string_view option, std::string_view text, Number low, Number high) {
    Number value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
        throw std::invalid_argument(std::string(option) + " must be a whole number from " + std::to_string(low) +
                                    " to " + std::to_string(high) + ", not '" + std::string(text) + "'");
    return value;
}

}  // namespace

const char* usage() {
    return R"(Usage: floorwalk-bench-indicators [options]

Generates an organisation, ingests observations through the real HTTP push endpoint, then times
GET /api/v1/indicators (root, a region, a store) and /indicators/series against naive SQL over the raw rows,
at two sizes. Prints a table; exits non-zero if any push is refused or the two computations disagree.

Options (defaults: the full scale of the indicators issue):
  --employees N           employees (10000)
  --teams N               teams (employees / 10)
  --stores N              stores (teams / 10)
  --regions N             regions (stores / 10)
  --dimensions N          dimensions of the experience model (8)
  --observations N        observations of the first size (1000000)
  --large-observations N  observations of the second size (5 x the first; 0 skips it)
  --clients N             concurrent push clients (4)
  --batch N               observations per push (500)
  --server-threads N      HTTP server threads (the number of CPUs, at least 2)
  --samples N             timed GET /indicators per unit and size (200)
  --naive-samples N       timed naive SQL computations per unit and size (5)
  --series-samples N      timed GET /indicators/series per size (30)
  --seed N                random seed (20260401)
  --data DIR              folder for the two databases (default: a temporary folder)
  --keep                  keep the data folder
  --large-over-http       fill the second size over HTTP too; by default it is written in bulk with the
                          server's row writer while the server is stopped, then the server starts again on it
                          (the second size measures how queries grow, not ingest)
)";
}

BenchOptions parse_options(int argc, char** argv, bool* help) {
    BenchOptions options;
    *help = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            *help = true;
            return options;
        }
        if (option == "--keep") {
            options.keep = true;
            continue;
        }
        if (option == "--large-over-http") {
            options.large_over_http = true;
            continue;
        }
        if (i + 1 >= argc) throw std::invalid_argument(std::string(option) + " needs a value (see --help)");
        const std::string_view value = argv[++i];
        if (option == "--employees") options.employees = number(option, value, 1, 10'000'000);
        else if (option == "--teams") options.teams = number(option, value, 1, 1'000'000);
        else if (option == "--stores") options.stores = number(option, value, 1, 100'000);
        else if (option == "--regions") options.regions = number(option, value, 1, 10'000);
        else if (option == "--dimensions") options.dimensions = number(option, value, 3, 100);
        else if (option == "--observations") options.observations = number(option, value, 1LL, 1'000'000'000LL);
        else if (option == "--large-observations")
            options.large_observations = number(option, value, 0LL, 1'000'000'000LL);
        else if (option == "--clients") options.clients = number(option, value, 1, 64);
        else if (option == "--batch") options.batch = number(option, value, 1, 500);
        else if (option == "--server-threads") options.server_threads = number(option, value, 1, 256);
        else if (option == "--samples") options.samples = number(option, value, 1, 100'000);
        else if (option == "--naive-samples") options.naive_samples = number(option, value, 1, 1000);
        else if (option == "--series-samples") options.series_samples = number(option, value, 1, 10'000);
        else if (option == "--seed") options.seed = number(option, value, std::uint64_t{0}, UINT64_MAX);
        else if (option == "--data") options.data = std::string(value);
        else throw std::invalid_argument("unknown option " + std::string(option) + " (see --help)");
    }
    if (options.teams == 0) options.teams = std::max(1, options.employees / 10);
    if (options.stores == 0) options.stores = std::max(1, options.teams / 10);
    if (options.regions == 0) options.regions = std::max(1, options.stores / 10);
    if (options.teams > options.employees || options.stores > options.teams || options.regions > options.stores)
        throw std::invalid_argument("need employees >= teams >= stores >= regions");
    if (options.large_observations < 0) options.large_observations = 5 * options.observations;
    if (options.large_observations != 0 && options.large_observations <= options.observations)
        throw std::invalid_argument("--large-observations must exceed --observations (or be 0 to skip it)");
    return options;
}

}  // namespace floorwalk::bench
