#include "bench_options.h"
#include "option_number.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string_view>

#ifndef FLOORWALK_SERVER_BINARY
#error "FLOORWALK_SERVER_BINARY must name the floorwalk-server the benchmark starts"
#endif
#ifndef FLOORWALK_SOURCE_DIR
#error "FLOORWALK_SOURCE_DIR must name the source tree (scripts/postgres-cluster.sh, docs/bench)"
#endif

namespace floorwalk::bench {
namespace {

constexpr const char* default_baseline = "docs/bench/indicators-2026-11-28.txt";

std::vector<std::string_view> split(std::string_view text) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto comma = text.find(',');
        parts.push_back(text.substr(0, comma));
        if (comma == std::string_view::npos) return parts;
        text.remove_prefix(comma + 1);
    }
}

template <typename Number>
std::vector<Number> number_list(std::string_view option, std::string_view text, Number low, Number high) {
    std::vector<Number> values;
    for (const auto part : split(text)) values.push_back(option_number(option, part, low, high));
    std::ranges::sort(values);
    if (std::ranges::adjacent_find(values) != values.end())
        throw std::invalid_argument(std::string(option) + " lists a value twice: '" + std::string(text) + "'");
    return values;
}

std::vector<BackendKind> backend_list(std::string_view text) {
    std::vector<BackendKind> backends;
    for (const auto part : split(text)) {
        BackendKind backend;
        if (part == "sqlite") backend = BackendKind::sqlite;
        else if (part == "postgresql" || part == "postgres") backend = BackendKind::postgresql;
        else throw std::invalid_argument("--backends takes sqlite and/or postgresql, not '" + std::string(part) + "'");
        if (std::ranges::find(backends, backend) != backends.end())
            throw std::invalid_argument("--backends lists " + std::string(part) + " twice");
        backends.push_back(backend);
    }
    std::ranges::sort(backends);  // SQLite first: it is the reference of every ratio
    return backends;
}

std::string first_line_of(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line) || line.empty())
        throw std::invalid_argument("--postgres-url-file " + file.string() + " holds no URL on its first line");
    return line;
}

}  // namespace

const char* backend_label(BackendKind backend) { return backend == BackendKind::sqlite ? "SQLite" : "PostgreSQL"; }

bool BenchOptions::has(BackendKind backend) const { return std::ranges::find(backends, backend) != backends.end(); }

std::string usage() {
    return std::string(R"(Usage: floorwalk-bench-indicators [options]

The scale-out benchmark. It starts real floorwalk-server processes (child processes on 127.0.0.1) and measures,
for each backend:
  ingest   observations pushed over HTTP (protobuf, batches, concurrent clients spread over the servers) through
           1 server on SQLite and 1, 2, 4... servers sharing one PostgreSQL database: obs/s and ratio to SQLite,
           beside the same rows written with the server's row writer without HTTP (raw);
  reads    the 1-server database filled in bulk (server stopped) to each size, then GET /indicators (root, a
           region, a store, the root 180 days ago) and the 52-week /indicators/series, p50/p99 over HTTP
           keep-alive, checked against naive SQL over the raw rows;
  start    time from exec to the first 200 of the root's /indicators, with a snapshot (normal restart) and
           without one (indicator_snapshots deleted);
  memory   VmRSS and VmHWM of the server process after the reads.
It prints the figures beside the issue's targets and the 2026-11-28 printout; it asserts no time. Exit code 1
when a push is refused, a request fails or the server's figures differ from the naive SQL's.

Options (defaults: the full scale of the issue):
  --backends LIST          sqlite,postgresql (both)
  --employees N            employees (10000)
  --teams N                teams (employees / 10)
  --stores N               stores (teams / 10)
  --regions N              regions (stores / 10)
  --dimensions N           dimensions of the experience model (8)
  --ingest-observations N  observations pushed through each ingest configuration (200000)
  --servers LIST           PostgreSQL server processes per ingest configuration (1,2,4)
  --clients N              concurrent push clients, spread over the servers (4)
  --batch N                observations per push (500)
  --no-raw                 no raw-insert baseline
  --sizes LIST             observations at which reads are timed (1000000,5000000); each at least the ingest
  --server-threads N       --threads of each server process (the server's default: CPUs, at least 2)
  --samples N              timed GET /indicators per unit, size and backend (200)
  --series-samples N       timed GET /indicators/series per size and backend (30)
  --naive-samples N        timed naive SQL computations per unit, size and backend (1; 0: none, no check)
  --seed N                 random seed (20260401)
  --postgres URL           a PostgreSQL server to use (postgresql://user@host:port/db): the benchmark creates
                           its own databases there (floorwalk_bench_*; the role needs CREATEDB) and drops them
                           at the end. Default: a throw-away cluster (scripts/postgres-cluster.sh) in the data
                           folder, stopped at the end, also on failure or Ctrl+C
  --postgres-url-file FILE the URL from the first line of FILE (keeps a password off the process list)
  --data DIR               work folder: SQLite databases, server logs, the throw-away cluster (a temporary
                           folder by default); must be empty or missing
  --keep                   keep the work folder (and the databases created with --postgres)
  --server-binary FILE     the floorwalk-server to start ()") +
           FLOORWALK_SERVER_BINARY + R"()
  --baseline FILE          the printout to compare with ()" + FLOORWALK_SOURCE_DIR + "/" + default_baseline +
           R"(; none: no comparison)
)";
}

BenchOptions parse_options(int argc, char** argv, bool* help) {
    BenchOptions options;
    options.server_binary = FLOORWALK_SERVER_BINARY;
    options.cluster_script = std::filesystem::path(FLOORWALK_SOURCE_DIR) / "scripts/postgres-cluster.sh";
    options.baseline = std::filesystem::path(FLOORWALK_SOURCE_DIR) / default_baseline;
    *help = false;
    bool url_given = false;
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
        if (option == "--no-raw") {
            options.raw_baseline = false;
            continue;
        }
        if (i + 1 >= argc) throw std::invalid_argument(std::string(option) + " needs a value (see --help)");
        const std::string_view value = argv[++i];
        if (option == "--backends") options.backends = backend_list(value);
        else if (option == "--employees") options.employees = option_number(option, value, 1, 10'000'000);
        else if (option == "--teams") options.teams = option_number(option, value, 1, 1'000'000);
        else if (option == "--stores") options.stores = option_number(option, value, 1, 100'000);
        else if (option == "--regions") options.regions = option_number(option, value, 1, 10'000);
        else if (option == "--dimensions") options.dimensions = option_number(option, value, 3, 100);
        else if (option == "--ingest-observations")
            options.ingest_observations = option_number(option, value, 1LL, 1'000'000'000LL);
        else if (option == "--servers") options.postgres_servers = number_list(option, value, 1, 16);
        else if (option == "--clients") options.clients = option_number(option, value, 1, 64);
        else if (option == "--batch") options.batch = option_number(option, value, 1, 500);
        else if (option == "--sizes") options.sizes = number_list(option, value, 1LL, 1'000'000'000LL);
        else if (option == "--server-threads") options.server_threads = option_number(option, value, 1, 256);
        else if (option == "--samples") options.samples = option_number(option, value, 1, 100'000);
        else if (option == "--series-samples") options.series_samples = option_number(option, value, 1, 10'000);
        else if (option == "--naive-samples") options.naive_samples = option_number(option, value, 0, 1000);
        else if (option == "--seed") options.seed = option_number(option, value, std::uint64_t{0}, UINT64_MAX);
        else if (option == "--postgres" || option == "--postgres-url-file") {
            if (url_given) throw std::invalid_argument("give --postgres or --postgres-url-file, once");
            url_given = true;
            options.postgres_url = option == "--postgres" ? std::string(value) : first_line_of(std::string(value));
        }
        else if (option == "--data") options.data = std::string(value);
        else if (option == "--server-binary") options.server_binary = std::string(value);
        else if (option == "--baseline") options.baseline = value == "none" ? "" : std::string(value);
        else throw std::invalid_argument("unknown option " + std::string(option) + " (see --help)");
    }
    if (options.teams == 0) options.teams = std::max(1, options.employees / 10);
    if (options.stores == 0) options.stores = std::max(1, options.teams / 10);
    if (options.regions == 0) options.regions = std::max(1, options.stores / 10);
    if (options.teams > options.employees || options.stores > options.teams || options.regions > options.stores)
        throw std::invalid_argument("need employees >= teams >= stores >= regions");
    if (options.sizes.front() < options.ingest_observations)
        throw std::invalid_argument("every --sizes value must be at least --ingest-observations (" +
                                    std::to_string(options.ingest_observations) +
                                    "): the reads continue the 1-server ingest's database");
    if (!std::filesystem::is_regular_file(options.server_binary))
        throw std::invalid_argument("no floorwalk-server at " + options.server_binary.string() +
                                    " (build it, or give --server-binary)");
    if (url_given && !options.has(BackendKind::postgresql))
        throw std::invalid_argument("--postgres is given but --backends leaves PostgreSQL out");
    return options;
}

}  // namespace floorwalk::bench
