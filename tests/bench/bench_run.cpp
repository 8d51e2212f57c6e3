#include "bench_run.h"

#include "bench_organization.h"
#include "bench_report.h"
#include "bench_server.h"
#include "bulk_load.h"
#include "floorwalk/time.h"
#include "floorwalk/wire.h"
#include "http_client.h"
#include "indicators/indicator_service.h"
#include "raw_database.h"
#include "sync/sql_store.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace floorwalk::bench {
namespace {

namespace pb = ::floorwalk::v1;
using SteadyClock = std::chrono::steady_clock;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr long long ingest_slice_batches = 100;  // HTTP and raw ingest alternate every 100 batches

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

double millis_since(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

std::string thousands(long long n) {
    auto digits = std::to_string(n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

// A temporary data folder, removed at the end unless kept.
class DataFolder {
public:
    DataFolder(const std::filesystem::path& requested, bool keep) : keep_(keep) {
        if (!requested.empty()) {
            path_ = requested;
            if (std::filesystem::exists(path_) && !std::filesystem::is_empty(path_))
                throw std::invalid_argument("--data " + path_.string() + " must be empty or missing");
            std::filesystem::create_directories(path_);
            return;
        }
        std::string pattern = (std::filesystem::temp_directory_path() / "floorwalk-bench-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
        path_ = pattern;
    }
    ~DataFolder() {
        std::error_code ignored;
        if (!keep_) std::filesystem::remove_all(path_, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    bool keep_;
};

struct Query {
    std::string label;
    std::string unit_id;
    IndicatorParams params;
};

struct QueryRow {
    std::string label;
    double p50 = 0;
    double p99 = 0;
    double naive_p50 = 0;
    double naive_p99 = 0;
    bool match = false;
};

struct SizeResult {
    long long observations = 0;  // total stored after this size's ingest
    long long ingested = 0;      // ingested during this size's phase
    double http_seconds = 0;
    double raw_seconds = 0;
    bool bulk = false;           // filled by bulk_load, not timed ingest
    double bulk_seconds = 0;     // both databases
    double restart_index_seconds = 0;  // the index built from the store when the server started again
    std::vector<QueryRow> queries;
    double series_p50 = 0;
    double series_p99 = 0;
    int series_points = 0;
    double resident_mib = 0;
};

std::string indicators_target(const Query& query) {
    return "/api/v1/indicators?unitId=" + url_encode(query.unit_id) +
           "&at=" + url_encode(format_rfc3339(query.params.at)) +
           "&windowDays=" + std::to_string(query.params.window_days) +
           "&from=" + url_encode(format_rfc3339(query.params.from)) + "&to=" + url_encode(format_rfc3339(query.params.to));
}

std::string login(HttpClient& client, const std::string& username) {
    pb::LoginRequest request;
    request.set_organization(organization_name);
    request.set_username(username);
    request.set_password(bench_password);
    request.set_device_id("bench-" + username);
    request.set_device_name("floorwalk-bench-indicators");
    const auto reply = client.request("POST", "/api/v1/auth/login",
                                      {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
                                      wire::to_json(request));
    pb::LoginResponse response;
    std::string error;
    if (reply.status != 200 || !wire::from_json(reply.body, &response, &error))
        throw std::runtime_error("login of " + username + " failed: HTTP " + std::to_string(reply.status) + " " +
                                 reply.body);
    return response.token();
}

// Pushes batches [first, end) with `clients` concurrent connections; returns the wall time in seconds.
double ingest_http(const BenchOrganization& organization, long long first, long long end, long long total,
                   unsigned short port, const std::vector<std::string>& tokens, int clients) {
    std::atomic<long long> next{first};
    std::mutex failure_mutex;
    std::string failure;
    const auto start = SteadyClock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&] {
            try {
                HttpClient client("127.0.0.1", port);
                for (long long index = next++; index < end; index = next++) {
                    const int store = organization.batch_store(index);
                    pb::PushRequest request;
                    request.set_device_id("bench-" + organization.manager_username(store));
                    for (const auto& observation : organization.batch(index, total))
                        wire::to_proto(observation, request.add_observations());
                    const auto reply = client.request(
                        "POST", "/api/v1/sync/push",
                        {{"Authorization", "Bearer " + tokens[static_cast<std::size_t>(store)]},
                         {"Content-Type", "application/x-protobuf"},
                         {"Accept", "application/x-protobuf"}},
                        request.SerializeAsString());
                    pb::PushResponse response;
                    if (reply.status != 200 || !response.ParseFromString(reply.body))
                        throw std::runtime_error("push answered HTTP " + std::to_string(reply.status) + ": " +
                                                 reply.body.substr(0, 300));
                    for (const auto& result : response.results())
                        if (result.status() != pb::ACCEPTED && result.status() != pb::DUPLICATE)
                            throw std::runtime_error("observation " + result.id() + " refused: " +
                                                     result.error().code() + " " + result.error().message());
                    if (response.results_size() != request.observations_size())
                        throw std::runtime_error("push answered " + std::to_string(response.results_size()) +
                                                 " results for " + std::to_string(request.observations_size()));
                }
            } catch (const std::exception& error) {
                std::lock_guard lock(failure_mutex);
                if (failure.empty()) failure = error.what();
                next = end;  // stop the other clients
            }
        });
    }
    for (auto& thread : threads) thread.join();
    if (!failure.empty()) throw std::runtime_error("HTTP ingest failed: " + failure);
    return seconds_since(start);
}

double ingest_raw(RawDatabase& raw, const BenchOrganization& organization, long long first, long long end,
                  long long total, Timestamp now) {
    const auto start = SteadyClock::now();
    for (long long index = first; index < end; ++index)
        raw.insert(organization.batch(index, total), organization.batch_store(index), now);
    return seconds_since(start);
}

// Times `samples` GETs after a few untimed ones; the last body goes to `body`.
std::vector<double> time_get(HttpClient& client, const std::string& target, const std::string& token, int samples,
                             std::string* body) {
    const Headers headers{{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
    std::vector<double> latencies;
    for (int i = -3; i < samples; ++i) {
        const auto start = SteadyClock::now();
        auto reply = client.request("GET", target, headers);
        const double elapsed = millis_since(start);
        if (reply.status != 200)
            throw std::runtime_error("GET " + target + " answered HTTP " + std::to_string(reply.status) + ": " +
                                     reply.body.substr(0, 300));
        if (i >= 0) latencies.push_back(elapsed);
        *body = std::move(reply.body);
    }
    return latencies;
}

// The service's figures against the naive SQL's: the integer counts behind every rate.
bool same_figures(const pb::IndicatorsResponse& served, const NaiveFigures& naive, std::ostream& log,
                  const std::string& label) {
    bool same = served.active_employees() == naive.active_employees &&
                served.accompanied_employees() == naive.accompanied_employees &&
                served.dimensions_size() == static_cast<int>(naive.dimensions.size());
    for (int d = 0; same && d < served.dimensions_size(); ++d) {
        same = served.dimensions(d).assessed() == naive.dimensions[static_cast<std::size_t>(d)].first &&
               served.dimensions(d).mastered() == naive.dimensions[static_cast<std::size_t>(d)].second;
    }
    if (!same) {
        log << "MISMATCH at " << label << ": service active " << served.active_employees() << " accompanied "
            << served.accompanied_employees() << "; naive active " << naive.active_employees << " accompanied "
            << naive.accompanied_employees << "\n";
        for (int d = 0; d < served.dimensions_size() && d < static_cast<int>(naive.dimensions.size()); ++d)
            log << "  " << served.dimensions(d).dimension_id() << ": service " << served.dimensions(d).assessed()
                << "/" << served.dimensions(d).mastered() << ", naive "
                << naive.dimensions[static_cast<std::size_t>(d)].first << "/"
                << naive.dimensions[static_cast<std::size_t>(d)].second << "\n";
    }
    return same;
}

void print_report(std::ostream& out, const BenchOptions& options, const std::vector<SizeResult>& sizes,
                  double rebuild_seconds, int managers, const std::string& load_at_start) {
    out << "\nFloorwalk indicator benchmark\n"
        << "machine:      " << machine_description() << "; load average " << load_at_start << " at start, "
        << load_average() << " at end\n"
        << "organisation: " << thousands(options.employees) << " employees, " << thousands(options.teams)
        << " teams, " << thousands(options.stores) << " stores, " << thousands(options.regions) << " regions, "
        << options.dimensions << " dimensions, " << managers << " managers; 3 ratings per observation\n"
        << "ingest:       " << options.clients << " concurrent HTTP clients, protobuf, batches of " << options.batch
        << ", in-process server on 127.0.0.1; raw inserts take turns with HTTP every " << ingest_slice_batches
        << " batches\n";
    for (const auto& size : sizes) {
        out << "\n== " << thousands(size.observations) << " observations ==\n";
        if (size.bulk) {
            out << "filled with " << thousands(size.ingested) << " more observations in bulk (server stopped, its row "
                << "writer; not a rate to compare) in " << fixed(size.bulk_seconds, 0) << " s; the server started "
                << "again and built its index from the store in " << fixed(size.restart_index_seconds, 1) << " s\n";
        }
        const double http_rate = static_cast<double>(size.ingested) / size.http_seconds;
        const double raw_rate = static_cast<double>(size.ingested) / size.raw_seconds;
        if (!size.bulk) out << "ingest of " << thousands(size.ingested) << ": HTTP push " << thousands(std::llround(http_rate))
            << " obs/s (" << fixed(size.http_seconds, 1) << " s), raw SQLite insert "
            << thousands(std::llround(raw_rate)) << " obs/s (" << fixed(size.raw_seconds, 1) << " s), ratio "
            << fixed(100 * http_rate / raw_rate, 1) << " % (target >= 60 %)\n";
        out << std::left << std::setw(30) << "GET /indicators" << std::right << std::setw(10) << "p50 ms"
            << std::setw(10) << "p99 ms" << std::setw(14) << "naive p50 ms" << std::setw(14) << "naive p99 ms"
            << std::setw(12) << "speed-up" << std::setw(8) << "equal" << "\n";
        for (const auto& row : size.queries) {
            out << std::left << std::setw(30) << row.label << std::right << std::setw(10) << fixed(row.p50, 2)
                << std::setw(10) << fixed(row.p99, 2) << std::setw(14) << fixed(row.naive_p50, 1) << std::setw(14)
                << fixed(row.naive_p99, 1) << std::setw(11) << fixed(row.naive_p50 / row.p50, 0) << "x"
                << std::setw(8) << (row.match ? "yes" : "NO") << "\n";
        }
        out << "GET /indicators/series at the root, " << size.series_points << " weeks: p50 "
            << fixed(size.series_p50, 2) << " ms, p99 " << fixed(size.series_p99, 2) << " ms (target p99 <= 200)\n";
        out << "resident memory of the process (server, index, clients): " << fixed(size.resident_mib, 0) << " MiB\n";
    }
    if (!sizes.empty()) out << "\nroot p99 at " << thousands(sizes.front().observations) << ": "
                            << fixed(sizes.front().queries.front().p99, 2) << " ms (target <= 20)\n";
    if (sizes.size() == 2) {
        const auto& small = sizes[0].queries.front();
        const auto& large = sizes[1].queries.front();
        out << "root growth " << thousands(sizes[0].observations) << " -> " << thousands(sizes[1].observations)
            << ": p99 " << fixed(large.p99 / small.p99, 2) << "x (target <= 1.3x), p50 " << fixed(large.p50 / small.p50, 2)
            << "x\n";
    }
    out << "index rebuilt from the store at start: " << fixed(rebuild_seconds, 1) << " s\n";
    out << "samples: " << options.samples << " GET per unit, " << options.naive_samples << " naive SQL per unit, "
        << options.series_samples << " series; latencies are client-side over HTTP/1.1 keep-alive, JSON\n";
}

}  // namespace

int run_benchmark(const BenchOptions& options, std::ostream& out, std::ostream& log) {
    const Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const auto load_at_start = load_average();
    const DataFolder folder(options.data, options.keep);
    log << "floorwalk-bench-indicators: data in " << folder.path() << (options.keep ? " (kept)" : "") << "\n";
    const BenchOrganization organization(options, now);

    const auto server_dir = folder.path() / "server";
    std::string organization_id;
    {
        const auto store = server::open_sqlite_store(server_dir);
        organization_id = organization.create(*store);
    }
    const int server_threads = options.server_threads > 0
                                   ? options.server_threads
                                   : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    auto running = std::make_unique<BenchServer>(server_dir, server_threads);
    auto client = std::make_unique<HttpClient>("127.0.0.1", running->port());
    std::vector<std::string> tokens;
    for (int s = 0; s < organization.stores(); ++s) tokens.push_back(login(*client, organization.manager_username(s)));
    const auto hq_token = login(*client, "hq");

    const auto raw_dir = folder.path() / "raw";
    RawDatabase raw(raw_dir, organization);
    const auto model = running->store().model(organization_id);
    std::vector<std::string> dimension_ids;
    for (const auto& dimension : model->dimensions) dimension_ids.push_back(dimension.id);

    std::vector<long long> sizes{options.observations};
    if (options.large_observations > 0) sizes.push_back(options.large_observations);
    std::vector<SizeResult> results;
    bool all_equal = true;
    long long batches_done = 0;
    const long long total = sizes.back();
    for (const long long size : sizes) {
        SizeResult result;
        const long long end = organization.batch_count(size);
        result.ingested = std::min(end * options.batch, total) - std::min(batches_done * options.batch, total);
        result.observations = std::min(end * options.batch, total);
        result.bulk = !results.empty() && !options.large_over_http;
        if (result.bulk) {
            log << "filling " << thousands(result.ingested) << " more observations in bulk, server stopped...\n";
            client.reset();
            running.reset();
            result.bulk_seconds = bulk_load(server_dir, organization, batches_done, end, total, now);
            result.bulk_seconds += bulk_load(raw_dir, organization, batches_done, end, total, now);
            log << "  " << fixed(result.bulk_seconds, 1) << " s; starting the server again...\n";
            running = std::make_unique<BenchServer>(server_dir, server_threads);
            client = std::make_unique<HttpClient>("127.0.0.1", running->port());
            result.restart_index_seconds = running->index_seconds();
        } else {
            // HTTP and raw take turns slice by slice, so that a change of load on the machine weighs on both alike.
            log << "ingesting " << thousands(result.ingested) << " observations over HTTP and raw, in turns...\n";
            for (long long slice = batches_done; slice < end; slice += ingest_slice_batches) {
                const long long slice_end = std::min(end, slice + ingest_slice_batches);
                result.http_seconds +=
                    ingest_http(organization, slice, slice_end, total, running->port(), tokens, options.clients);
                result.raw_seconds += ingest_raw(raw, organization, slice, slice_end, total, now);
                log << "  " << thousands(std::min(slice_end * options.batch, total)) << " observations: HTTP "
                    << fixed(result.http_seconds, 1) << " s, raw " << fixed(result.raw_seconds, 1) << " s\n";
            }
        }
        batches_done = end;

        const IndicatorParams current{.at = now, .window_days = 90, .from = now - Days(30), .to = now};
        const Timestamp earlier = now - Days(180);
        const IndicatorParams past{.at = earlier, .window_days = 90, .from = earlier - Days(30), .to = earlier};
        const std::vector<Query> queries{
            {"root", organization.root_id(), current},
            {"region " + organization.region_id(0), organization.region_id(0), current},
            {"store " + organization.store_id(0), organization.store_id(0), current},
            {"root, at = now - 180 d", organization.root_id(), past},
        };
        for (const auto& query : queries) {
            log << "timing " << query.label << "...\n";
            QueryRow row{.label = query.label};
            std::string body;
            const auto latencies = time_get(*client, indicators_target(query), hq_token, options.samples, &body);
            row.p50 = percentile(latencies, 50);
            row.p99 = percentile(latencies, 99);
            std::vector<double> naive_latencies;
            NaiveFigures naive;
            for (int i = 0; i < options.naive_samples; ++i) {
                const auto start = SteadyClock::now();
                naive = raw.naive(query.unit_id, query.params, dimension_ids, model->scale.mastery_threshold);
                naive_latencies.push_back(millis_since(start));
            }
            row.naive_p50 = percentile(naive_latencies, 50);
            row.naive_p99 = percentile(naive_latencies, 99);
            pb::IndicatorsResponse served;
            std::string error;
            if (!wire::from_json(body, &served, &error)) throw std::runtime_error("unreadable indicators: " + error);
            row.match = same_figures(served, naive, log, query.label);
            all_equal = all_equal && row.match;
            result.queries.push_back(row);
        }

        log << "timing the series...\n";
        const Timestamp series_from = iso_week_start(now) - Days(7 * 51);
        const std::string series_target = "/api/v1/indicators/series?unitId=" + url_encode(organization.root_id()) +
                                          "&from=" + url_encode(format_rfc3339(series_from)) +
                                          "&to=" + url_encode(format_rfc3339(now)) + "&step=week";
        std::string body;
        const auto series = time_get(*client, series_target, hq_token, options.series_samples, &body);
        result.series_p50 = percentile(series, 50);
        result.series_p99 = percentile(series, 99);
        pb::SeriesResponse points;
        std::string error;
        if (!wire::from_json(body, &points, &error)) throw std::runtime_error("unreadable series: " + error);
        result.series_points = points.points_size();
        result.resident_mib = resident_mib();
        results.push_back(result);
    }

    log << "rebuilding the index from the store...\n";
    const auto rebuild_start = SteadyClock::now();
    { const server::IndicatorService rebuilt(running->store()); }
    const double rebuild_seconds = seconds_since(rebuild_start);

    print_report(out, options, results, rebuild_seconds, organization.stores(), load_at_start);
    if (!all_equal) {
        out << "\nFAILED: the service's figures differ from the naive SQL's (see above)\n";
        return 1;
    }
    return 0;
}

}  // namespace floorwalk::bench
