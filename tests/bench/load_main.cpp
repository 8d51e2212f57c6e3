// floorwalk-bench-load: the load item of issue 12 (see load_options.cpp's --help and README.md).
#include "bench_database.h"
#include "bench_organization.h"
#include "bench_report.h"
#include "ingest.h"
#include "interruption.h"
#include "load_clients.h"
#include "load_options.h"
#include "load_report.h"
#include "postgres_server.h"
#include "reads.h"
#include "server_process.h"
#include "work_folder.h"

#include <unistd.h>

#include <chrono>
#include <exception>
#include <iostream>

namespace floorwalk::bench {
namespace {

// Per store: two teams of ten employees, like a demo organisation's shop.
constexpr int teams_per_store = 2;
constexpr int employees_per_team = 10;
constexpr int preload_batch = 500;
constexpr int preload_clients = 2;

// The organisation's layout: one store per phone and one more for the normal client.
BenchOptions layout(const LoadOptions& options, int batch, std::uint64_t seed) {
    BenchOptions layout;
    layout.stores = options.phones + 1;
    layout.teams = layout.stores * teams_per_store;
    layout.employees = layout.teams * employees_per_team;
    layout.regions = std::max(1, layout.stores / 10);
    layout.batch = batch;
    layout.seed = seed;
    return layout;
}

int run(const LoadOptions& options, std::ostream& out, std::ostream& log) {
    const Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const auto load_at_start = load_average();
    const WorkFolder folder(options.data, options.keep);
    log << "floorwalk-bench-load: work folder " << folder.path() << (options.keep ? " (kept)" : "") << "\n";

    // Declared before the database, so that the database is dropped before the cluster stops.
    std::unique_ptr<PostgresServer> postgres;
    std::unique_ptr<BenchDatabase> database;
    if (options.postgres) {
        log << "starting a throw-away PostgreSQL cluster...\n";
        postgres = PostgresServer::throwaway(options.cluster_script, folder.path() / "postgres");
        database = BenchDatabase::postgresql(*postgres, "floorwalk_bench_load_" + std::to_string(getpid()), options.keep);
    } else {
        database = BenchDatabase::sqlite(folder.path() / "sqlite");
    }

    // The same organisation twice: pushed in large batches for the preload, in small ones by the phones (another
    // seed, so that their observations are new).
    const auto preload_layout = layout(options, preload_batch, options.seed);
    const auto phone_layout = layout(options, options.phone_batch, options.seed + 1);
    const BenchOrganization preload_organization(preload_layout, now);
    const BenchOrganization phone_organization(phone_layout, now);
    preload_organization.create(*database->open_store());

    ServerProcess server(options.server_binary, database->server_arguments(), options.server_threads,
                         folder.log("server"));
    log << "server pid " << server.pid() << " on 127.0.0.1:" << server.port() << "; signing in "
        << phone_organization.stores() << " managers...\n";
    std::vector<std::string> tokens;
    for (int s = 0; s < phone_organization.stores(); ++s) {
        throw_if_interrupted();
        tokens.push_back(login(server.port(), phone_organization.manager_username(s)));
    }
    if (options.preload > 0) {
        log << "preloading " << options.preload << " observations...\n";
        static_cast<void>(ingest_http(preload_organization, 0, preload_organization.batch_count(options.preload),
                                      options.preload, {server.port()}, tokens, preload_clients));
    }

    LoadTargets targets{.port = server.port(),
                        .server_pid = server.pid(),
                        .organization = &phone_organization,
                        .hq_token = login(server.port(), "hq")};
    for (const auto& query : indicator_queries(phone_organization, now))
        targets.indicator_targets.push_back(indicators_target(query));
    targets.series_target = series_target(phone_organization, now);

    std::vector<PhoneState> phones;
    for (int p = 0; p < options.phones; ++p)
        phones.push_back({.store = p,
                          .token = tokens[static_cast<std::size_t>(p)],
                          .device_id = "bench-" + phone_organization.manager_username(p)});
    PhoneState normal{.store = options.phones,
                      .token = tokens.back(),
                      .device_id = "bench-" + phone_organization.manager_username(options.phones)};

    log << "baseline: the normal client alone for " << options.baseline_seconds.count() << " s...\n";
    const auto baseline = run_phase(options, targets, phones, normal, false, options.baseline_seconds);
    throw_if_interrupted();
    log << "loaded: " << options.phones << " phones, " << options.slow << " slow connections, " << options.readers
        << " HQ readers and the normal client for " << options.seconds.count() << " s...\n";
    const auto loaded = run_phase(options, targets, phones, normal, true, options.seconds);
    throw_if_interrupted();
    const auto memory = process_memory(server.pid());
    const double stop_seconds = server.stop();

    out << "floorwalk-bench-load: " << (options.postgres ? "PostgreSQL" : "SQLite") << ", one server ("
        << (options.server_threads > 0 ? std::to_string(options.server_threads) : std::string("default"))
        << " threads) on 127.0.0.1\n"
        << "machine: " << machine_description() << "; load average " << load_at_start << " at start, "
        << load_average() << " at end\n"
        << "organisation: " << phone_organization.stores() << " stores, " << phone_organization.employees().size()
        << " employees, " << options.preload << " observations preloaded\n"
        << "phones: " << options.phones << " (batches of " << options.phone_batch << ", think "
        << options.phone_think.count() << " ms); slow connections: " << options.slow << " (header byte every "
        << options.slow_interval.count() << " ms); HQ readers: " << options.readers << " (think "
        << options.reader_think.count() << " ms); normal client round every " << options.normal_think.count()
        << " ms\n";
    print_phase(out, "baseline: the normal client alone", baseline);
    print_phase(out, "loaded", loaded);
    print_comparison(out, baseline, loaded);
    out << "\nserver: VmRSS " << static_cast<int>(memory.rss_mib) << " MiB, VmHWM " << static_cast<int>(memory.hwm_mib)
        << " MiB at the end; stopped in " << static_cast<int>(stop_seconds * 1000) << " ms\n";
    return print_problems(out, baseline, loaded) == 0 ? 0 : 1;
}

}  // namespace
}  // namespace floorwalk::bench

int main(int argc, char** argv) {
    using namespace floorwalk::bench;
    LoadOptions options;
    try {
        bool help = false;
        options = parse_load_options(argc, argv, &help);
        if (help) {
            std::cout << load_usage();
            return 0;
        }
    } catch (const std::exception& error) {
        std::cerr << "floorwalk-bench-load: " << error.what() << "\n";
        return 2;
    }
    catch_interruptions();
    try {
        return run(options, std::cout, std::cerr);
    } catch (const std::exception& error) {
        std::cerr << "floorwalk-bench-load: " << error.what() << "\n";
        return 1;
    }
}
