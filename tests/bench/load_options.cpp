#include "load_options.h"

#include "option_number.h"

#include <stdexcept>
#include <string>
#include <string_view>

#ifndef FLOORWALK_SERVER_BINARY
#error "FLOORWALK_SERVER_BINARY must name the floorwalk-server the benchmark starts"
#endif
#ifndef FLOORWALK_SOURCE_DIR
#error "FLOORWALK_SOURCE_DIR must name the source tree (scripts/postgres-cluster.sh)"
#endif

namespace floorwalk::bench {

const char* load_usage() {
    return R"(Usage: floorwalk-bench-load [options]

The load benchmark. It starts a real floorwalk-server (a child process on 127.0.0.1) on a fresh database with
an organisation of one store per phone, pushes --preload observations, then measures:
  baseline  the normal client alone for --baseline-seconds: one phone pushing and pulling, and one HQ reader
            of the root's /indicators, one round every --normal-think-ms;
  loaded    for --seconds: --phones phones (push a small batch of new observations, pull with their cursor,
            think), --slow connections held open (half idle after connecting, half slowloris sending one
            header byte every --slow-interval-ms; when the server cuts one at its deadline it reconnects and
            the cut is counted), --readers HQ readers of /indicators and the 52-week series, and the normal
            client measuring again.
It prints per client class the requests, throughput, p50/p99/max latency, errors by kind and the server's
cuts, the normal client's loaded/unloaded p99 against the goal (at most 2x) and the server's memory. It asserts
no time: the exit code is 1 only when a request failed (HTTP 5xx, 503 overload, refused or reset connection,
timeout, an unexpected answer) or a client class measured nothing.

Options (defaults: the full scale of issue 12's load item):
  --phones N              simulated phones (200)
  --slow N                idle or slowloris connections held open, half each (500)
  --readers N             HQ readers (4)
  --seconds N             length of the loaded phase (60)
  --baseline-seconds N    length of the unloaded baseline (15)
  --preload N             observations pushed before the phases (20000)
  --phone-batch N         new observations per push (5)
  --phone-think-ms N      mean pause of a phone between two syncs (500; each pause is drawn from 0.5x-1.5x)
  --reader-think-ms N     mean pause of an HQ reader between two reads (500)
  --normal-think-ms N     pause of the normal client between two rounds (200)
  --slow-interval-ms N    a slowloris connection sends one header byte this often (3000)
  --request-timeout-ms N  one request gives up after this and counts as a timeout (10000)
  --client-threads N      threads running the load's clients (2; the normal client has a thread of its own)
  --server-threads N      --threads of the server (its default: CPUs, at least 2)
  --postgres              a throw-away PostgreSQL cluster (scripts/postgres-cluster.sh) instead of SQLite
  --seed N                random seed (20261208)
  --data DIR              work folder: database, server log, cluster (a temporary folder by default); must be
                          empty or missing
  --keep                  keep the work folder
  --server-binary FILE    the floorwalk-server to start ()" FLOORWALK_SERVER_BINARY R"()
)";
}

LoadOptions parse_load_options(int argc, char** argv, bool* help) {
    LoadOptions options;
    options.server_binary = FLOORWALK_SERVER_BINARY;
    options.cluster_script = std::filesystem::path(FLOORWALK_SOURCE_DIR) / "scripts/postgres-cluster.sh";
    *help = false;
    using std::chrono::milliseconds;
    using std::chrono::seconds;
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
        if (option == "--postgres") {
            options.postgres = true;
            continue;
        }
        if (i + 1 >= argc) throw std::invalid_argument(std::string(option) + " needs a value (see --help)");
        const std::string_view value = argv[++i];
        if (option == "--phones") options.phones = option_number(option, value, 1, 2'000);
        else if (option == "--slow") options.slow = option_number(option, value, 0, 5'000);
        else if (option == "--readers") options.readers = option_number(option, value, 0, 100);
        else if (option == "--seconds") options.seconds = seconds(option_number(option, value, 1, 3'600));
        else if (option == "--baseline-seconds")
            options.baseline_seconds = seconds(option_number(option, value, 1, 3'600));
        else if (option == "--preload") options.preload = option_number(option, value, 0LL, 10'000'000LL);
        else if (option == "--phone-batch") options.phone_batch = option_number(option, value, 1, 500);
        else if (option == "--phone-think-ms")
            options.phone_think = milliseconds(option_number(option, value, 0, 60'000));
        else if (option == "--reader-think-ms")
            options.reader_think = milliseconds(option_number(option, value, 0, 60'000));
        else if (option == "--normal-think-ms")
            options.normal_think = milliseconds(option_number(option, value, 0, 60'000));
        else if (option == "--slow-interval-ms")
            options.slow_interval = milliseconds(option_number(option, value, 100, 60'000));
        else if (option == "--request-timeout-ms")
            options.request_timeout = milliseconds(option_number(option, value, 100, 120'000));
        else if (option == "--client-threads") options.client_threads = option_number(option, value, 1, 16);
        else if (option == "--server-threads") options.server_threads = option_number(option, value, 1, 256);
        else if (option == "--seed") options.seed = option_number(option, value, std::uint64_t{0}, UINT64_MAX);
        else if (option == "--data") options.data = std::string(value);
        else if (option == "--server-binary") options.server_binary = std::string(value);
        else throw std::invalid_argument("unknown option " + std::string(option) + " (see --help)");
    }
    if (!std::filesystem::is_regular_file(options.server_binary))
        throw std::invalid_argument("no floorwalk-server at " + options.server_binary.string() +
                                    " (build it, or give --server-binary)");
    return options;
}

}  // namespace floorwalk::bench
