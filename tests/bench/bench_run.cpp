#include "bench_run.h"

#include "bench_database.h"
#include "bench_organization.h"
#include "bench_results.h"
#include "bulk_load.h"
#include "http_client.h"
#include "ingest.h"
#include "interruption.h"
#include "postgres_server.h"
#include "reads.h"
#include "work_folder.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <sstream>

namespace floorwalk::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr long long ingest_slice_batches = 100;  // HTTP and raw ingest take turns every 100 batches

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string lower_label(BackendKind backend) { return backend == BackendKind::sqlite ? "sqlite" : "postgresql"; }

// What the benchmark holds across its phases.
struct Context {
    const BenchOptions& options;
    std::ostream& log;
    const WorkFolder& folder;
    const BenchOrganization& organization;
    Timestamp now;
    long long total = 0;  // observations the batches are generated for (the largest size)
    std::unique_ptr<PostgresServer> postgres;
    int databases_made = 0;

    std::unique_ptr<BenchDatabase> make_database(BackendKind backend, const std::string& purpose) {
        const auto name = lower_label(backend) + "-" + purpose;
        if (backend == BackendKind::sqlite) return BenchDatabase::sqlite(folder.path() / name);
        // Unique on a shared server: several benchmarks may run against one --postgres.
        std::string database = "floorwalk_bench_" + std::to_string(getpid()) + "_" + std::to_string(++databases_made);
        log << "  database " << database << " (" << name << ")\n";
        return BenchDatabase::postgresql(*postgres, database, options.keep);
    }

    std::unique_ptr<ServerProcess> start_server(const BenchDatabase& database, const std::string& log_stem) const {
        return std::make_unique<ServerProcess>(options.server_binary, database.server_arguments(),
                                               options.server_threads, folder.log(log_stem));
    }
};

// The database that the reads continue from, with what they need of it.
struct ReadDatabase {
    std::unique_ptr<BenchDatabase> database;
    std::string organization_id;
    std::string hq_token;
    long long batches = 0;  // batches written so far
};

IngestResult ingest_configuration(Context& context, BackendKind backend, int servers, bool with_raw,
                                  ReadDatabase* keep_for_reads) {
    const auto& options = context.options;
    const auto& organization = context.organization;
    const auto label = lower_label(backend) + "-" + std::to_string(servers);
    context.log << "ingest through " << servers << " server(s) on " << backend_label(backend) << "...\n";
    auto database = context.make_database(backend, "ingest-" + std::to_string(servers));
    const auto organization_id = organization.create(*database->open_store());
    std::unique_ptr<BenchDatabase> raw_database;
    std::unique_ptr<RawWriter> raw;
    if (with_raw) {
        raw_database = context.make_database(backend, "raw");
        raw = std::make_unique<RawWriter>(*raw_database, organization);
    }

    std::vector<std::unique_ptr<ServerProcess>> processes;
    std::vector<unsigned short> ports;
    for (int s = 0; s < servers; ++s) {
        processes.push_back(context.start_server(*database, "ingest-" + label + "-" + std::to_string(s + 1)));
        ports.push_back(processes.back()->port());
    }
    std::vector<std::string> tokens;
    for (int s = 0; s < organization.stores(); ++s)
        tokens.push_back(login(ports[static_cast<std::size_t>(s) % ports.size()], organization.manager_username(s)));

    IngestResult result{.backend = backend, .servers = servers};
    const long long end = organization.batch_count(options.ingest_observations);
    result.observations = std::min(end * options.batch, context.total);
    if (raw) result.raw_seconds = 0;
    // HTTP and raw take turns slice by slice, so that a change of load on the machine weighs on both alike.
    for (long long slice = 0; slice < end; slice += ingest_slice_batches) {
        const long long slice_end = std::min(end, slice + ingest_slice_batches);
        result.http_seconds +=
            ingest_http(organization, slice, slice_end, context.total, ports, tokens, options.clients);
        if (raw) *result.raw_seconds += ingest_raw(*raw, organization, slice, slice_end, context.total, context.now);
        context.log << "  " << std::min(slice_end * options.batch, context.total) << " observations: HTTP "
                    << fixed(result.http_seconds, 1) << " s"
                    << (raw ? ", raw " + fixed(*result.raw_seconds, 1) + " s" : std::string()) << "\n";
    }
    if (keep_for_reads) keep_for_reads->hq_token = login(ports.front(), "hq");
    for (auto& process : processes) static_cast<void>(process->stop());
    if (keep_for_reads) {
        keep_for_reads->database = std::move(database);
        keep_for_reads->organization_id = organization_id;
        keep_for_reads->batches = end;
    }
    return result;
}

// Starts the server and times exec -> the first 200 of the root's /indicators.
StartResult timed_start(Context& context, const ReadDatabase& read, const std::string& log_stem,
                        std::unique_ptr<ServerProcess>* server) {
    *server = context.start_server(*read.database, log_stem);
    const auto root = indicators_target(indicator_queries(context.organization, context.now).front());
    HttpClient client("127.0.0.1", (*server)->port());
    const auto reply = client.request("GET", root, {{"Authorization", "Bearer " + read.hq_token},
                                                    {"Accept", "application/json"}});
    StartResult start;
    start.first_answer_seconds = std::chrono::duration<double>(SteadyClock::now() - (*server)->started()).count();
    if (reply.status != 200)
        throw std::runtime_error("the first GET /indicators answered HTTP " + std::to_string(reply.status) + ": " +
                                 reply.body.substr(0, 300));
    start.listening_seconds = (*server)->listening_seconds();
    start.load = (*server)->last_index_load();
    start.memory = process_memory((*server)->pid());
    return start;
}

ReadResult measure_size(Context& context, ReadDatabase& read, BackendKind backend, long long observations,
                        bool* all_equal) {
    const auto& options = context.options;
    const auto& organization = context.organization;
    ReadResult result{.backend = backend};
    const long long end = organization.batch_count(observations);
    result.observations = std::min(end * options.batch, context.total);
    if (end > read.batches) {
        result.filled = result.observations - std::min(read.batches * options.batch, context.total);
        context.log << backend_label(backend) << ": filling " << result.filled << " observations in bulk...\n";
        result.fill_seconds = bulk_load(*read.database, organization, read.batches, end, context.total, context.now);
        read.batches = end;
        context.log << "  " << fixed(result.fill_seconds, 1) << " s\n";
    }
    const auto stem = lower_label(backend) + "-" + std::to_string(result.observations);

    context.log << backend_label(backend) << " at " << result.observations << ": start without a snapshot...\n";
    read.database->delete_indicator_snapshots(read.organization_id);
    std::unique_ptr<ServerProcess> server;
    result.without_snapshot = timed_start(context, read, stem + "-no-snapshot", &server);
    context.log << "  first answer after " << fixed(result.without_snapshot.first_answer_seconds, 2) << " s\n";
    result.shutdown_seconds = server->stop();
    server.reset();
    result.snapshot_bytes = read.database->indicator_snapshot_bytes(read.organization_id);

    context.log << "  start with a snapshot...\n";
    result.with_snapshot = timed_start(context, read, stem + "-snapshot", &server);
    context.log << "  first answer after " << fixed(result.with_snapshot.first_answer_seconds, 2) << " s\n";

    HttpClient client("127.0.0.1", server->port());
    std::unique_ptr<server::db::Engine> engine;
    std::optional<ExperienceModel> model;
    std::vector<std::string> dimension_ids;
    if (options.naive_samples > 0) {
        engine = read.database->open_engine();
        model = read.database->open_store()->model(read.organization_id);
        for (const auto& dimension : model->dimensions) dimension_ids.push_back(dimension.id);
    }
    for (const auto& query : indicator_queries(organization, context.now)) {
        context.log << "  timing " << query.label << "...\n";
        QueryResult row{.label = query.label};
        std::string body;
        const auto latencies = time_get(client, indicators_target(query), read.hq_token, options.samples, &body);
        row.p50 = percentile(latencies, 50);
        row.p99 = percentile(latencies, 99);
        if (engine) {
            std::vector<double> naive_latencies;
            NaiveFigures naive;
            for (int i = 0; i < options.naive_samples; ++i) {
                throw_if_interrupted();
                const auto start = SteadyClock::now();
                naive = naive_figures(*engine, read.organization_id, query.unit_id, query.params, dimension_ids,
                                      model->scale.mastery_threshold);
                naive_latencies.push_back(
                    std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
            }
            row.naive_ms = percentile(naive_latencies, 50);
            row.equal = same_figures(body, naive, context.log, backend_label(backend) + std::string(" ") + query.label);
            *all_equal = *all_equal && *row.equal;
        }
        result.queries.push_back(row);
    }
    context.log << "  timing the series...\n";
    std::string body;
    const auto series = time_get(client, series_target(organization, context.now), read.hq_token,
                                 options.series_samples, &body);
    result.series_p50 = percentile(series, 50);
    result.series_p99 = percentile(series, 99);
    result.series_points = series_points(body);
    result.after_reads = process_memory(server->pid());
    static_cast<void>(server->stop());
    return result;
}

}  // namespace

int run_benchmark(const BenchOptions& options, std::ostream& out, std::ostream& log) {
    const Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    BenchResults results;
    results.load_at_start = load_average();
    if (!options.baseline.empty()) {
        std::string warning;
        results.baseline = read_baseline(options.baseline, &warning);
        if (!warning.empty()) log << "floorwalk-bench-indicators: " << warning << "\n";
    }
    const WorkFolder folder(options.data, options.keep);
    log << "floorwalk-bench-indicators: work folder " << folder.path() << (options.keep ? " (kept)" : "") << "\n";
    const BenchOrganization organization(options, now);
    Context context{.options = options, .log = log, .folder = folder, .organization = organization, .now = now};
    context.total = std::max(options.sizes.back(), organization.batch_count(options.ingest_observations) * options.batch);

    if (options.has(BackendKind::postgresql)) {
        if (options.postgres_url.empty()) {
            log << "starting a throw-away PostgreSQL cluster...\n";
            context.postgres = PostgresServer::throwaway(options.cluster_script, folder.path() / "postgres");
        } else {
            context.postgres = PostgresServer::existing(options.postgres_url);
        }
        results.postgres_description = context.postgres->description();
    }

    // The reads' databases go before the PostgreSQL server (declared after it).
    std::map<BackendKind, ReadDatabase> read_databases;
    for (const auto backend : options.backends) {
        const std::vector<int> counts = backend == BackendKind::sqlite ? std::vector<int>{1} : options.postgres_servers;
        for (const int servers : counts) {
            const bool first = servers == counts.front();
            results.ingest.push_back(ingest_configuration(context, backend, servers, first && options.raw_baseline,
                                                          first ? &read_databases[backend] : nullptr));
        }
    }

    bool all_equal = true;
    for (const auto size : options.sizes)
        for (const auto backend : options.backends)
            results.reads.push_back(measure_size(context, read_databases.at(backend), backend, size, &all_equal));
    read_databases.clear();

    print_report(out, options, results, organization.stores());
    if (!all_equal) {
        out << "\nFAILED: the server's figures differ from the naive SQL's (see above)\n";
        return 1;
    }
    return 0;
}

}  // namespace floorwalk::bench
