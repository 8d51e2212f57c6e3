// print_report: the printout. Every figure is printed beside its target and, where the baseline printout has the
// same figure at the same size, beside that figure and the ratio "x 11-28" (this run / the baseline).
#include "bench_results.h"
#include "bulk_load.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace floorwalk::bench {
namespace {

// The targets.
constexpr double root_p99_target_ms = 20;
constexpr double series_p99_target_ms = 200;
constexpr double first_answer_target_s = 5;
constexpr double rss_target_mib = 400;
constexpr long long rss_target_observations = 5'000'000;
constexpr double baseline_factor = 2;  // "others no more than 2x the 2026-11-28 figures"

std::string thousands(long long n) {
    auto digits = std::to_string(std::llabs(n));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return n < 0 ? "-" + digits : digits;
}

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string times(double ratio) { return fixed(ratio, 2) + "x"; }
std::string met(bool yes) { return yes ? "yes" : "NO"; }
const std::string none = "-";

// Rows of cells printed in aligned columns: the first left-aligned, the others right-aligned.
class Table {
public:
    explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const {
        std::vector<std::size_t> widths;
        for (const auto& row : rows_) {
            widths.resize(std::max(widths.size(), row.size()));
            for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
        }
        for (const auto& row : rows_) {
            std::string line;
            for (std::size_t c = 0; c < row.size(); ++c) {
                const auto pad = std::string(widths[c] - row[c].size(), ' ');
                line += c == 0 ? row[c] + pad : "  " + pad + row[c];
            }
            line.erase(line.find_last_not_of(' ') + 1);
            out << line << "\n";
        }
    }

private:
    std::vector<std::vector<std::string>> rows_;
};

// A latency row: p50, p99, the baseline's, the ratio of p99s, the target of p99 and whether it is met.
std::vector<std::string> latency_cells(double p50, double p99, std::optional<std::pair<double, double>> old,
                                       std::optional<double> fixed_target) {
    std::vector<std::string> cells{fixed(p50, 2), fixed(p99, 2)};
    if (old) cells.insert(cells.end(), {fixed(old->first, 2), fixed(old->second, 2), times(p99 / old->second)});
    else cells.insert(cells.end(), {none, none, none});
    std::optional<double> target = fixed_target;
    std::string target_text;
    if (target) {
        target_text = "<= " + fixed(*target, 0);
    } else if (old) {
        target = baseline_factor * old->second;
        target_text = "<= " + fixed(*target, 2) + " (2x)";
    }
    if (target) cells.insert(cells.end(), {target_text, met(p99 <= *target)});
    else cells.insert(cells.end(), {none, none});
    return cells;
}

std::string load_text(const std::optional<IndexLoad>& load) {
    if (!load) return none;
    return fixed(load->seconds, 2) + " s from " + (load->from_snapshot ? "snapshot" : "records");
}

void print_ingest(std::ostream& out, const BenchOptions& options, const BenchResults& results) {
    if (results.ingest.empty()) return;
    const auto& first = results.ingest.front();
    out << "\n== Ingest: " << thousands(first.observations) << " observations per configuration; " << options.clients
        << " concurrent HTTP clients spread over the servers, protobuf, batches of " << options.batch << " ==\n";
    std::optional<double> sqlite_rate;
    for (const auto& ingest : results.ingest)
        if (ingest.backend == BackendKind::sqlite) sqlite_rate = ingest.observations / ingest.http_seconds;
    const auto& baseline = results.baseline;
    const bool compare = baseline && baseline->http_rate;
    Table table({"configuration", "obs/s", "seconds", "vs SQLite", "raw obs/s", "HTTP/raw", "11-28 obs/s",
                 "x 11-28", "target", "met"});
    for (const auto& ingest : results.ingest) {
        const double rate = ingest.observations / ingest.http_seconds;
        std::vector<std::string> row{
            std::string(backend_label(ingest.backend)) + ", " + std::to_string(ingest.servers) + " server" +
                (ingest.servers > 1 ? "s" : ""),
            thousands(std::llround(rate)), fixed(ingest.http_seconds, 1),
            sqlite_rate ? times(rate / *sqlite_rate) : none};
        if (ingest.raw_seconds) {
            const double raw_rate = ingest.observations / *ingest.raw_seconds;
            row.insert(row.end(), {thousands(std::llround(raw_rate)), fixed(100 * rate / raw_rate, 1) + " %"});
        } else {
            row.insert(row.end(), {none, none});
        }
        if (compare) {
            const double target = *baseline->http_rate / baseline_factor;
            row.insert(row.end(), {thousands(std::llround(*baseline->http_rate)), times(rate / *baseline->http_rate),
                                   ">= " + thousands(std::llround(target)) + " (1/2)", met(rate >= target)});
        } else {
            row.insert(row.end(), {none, none, none, none});
        }
        table.add(std::move(row));
    }
    table.print(out);
    out << "raw: the same rows with the server's row writer (storage/record_writer.h), one connection, one transaction\n"
        << "     per batch, no HTTP; it takes turns with the HTTP ingest every 100 batches";
    if (compare && baseline->http_percent) out << " (2026-11-28: HTTP/raw " << fixed(*baseline->http_percent, 1) << " %)";
    out << "\n";
    if (!options.raw_baseline) out << "     (left out: --no-raw)\n";
}

void print_size(std::ostream& out, const BenchResults& results, long long observations) {
    std::vector<const ReadResult*> reads;
    for (const auto& read : results.reads)
        if (read.observations == observations) reads.push_back(&read);
    const BaselineSize* old = results.baseline ? results.baseline->at(observations) : nullptr;
    out << "\n== " << thousands(observations) << " observations ==\n";
    for (const auto* read : reads) {
        if (read->filled > 0)
            out << "fill (" << backend_label(read->backend) << "): " << thousands(read->filled)
                << " more in bulk, servers stopped, " << fixed(read->fill_seconds, 1) << " s (not a rate to compare)\n";
    }

    Table latencies({"GET, ms", "backend", "p50", "p99", "11-28 p50", "11-28 p99", "x 11-28", "target p99", "met",
                     "naive SQL", "equal"});
    const auto queries = reads.empty() ? 0 : reads.front()->queries.size();
    for (std::size_t q = 0; q < queries; ++q) {
        for (const auto* read : reads) {
            const auto& query = read->queries[q];
            std::optional<std::pair<double, double>> old_query;
            if (old && q < old->queries.size()) old_query = old->queries[q];
            std::vector<std::string> row{read == reads.front() ? "/indicators " + query.label : "",
                                         backend_label(read->backend)};
            const auto cells = latency_cells(query.p50, query.p99, old_query,
                                             q == 0 ? std::optional<double>(root_p99_target_ms) : std::nullopt);
            row.insert(row.end(), cells.begin(), cells.end());
            row.push_back(query.naive_ms ? fixed(*query.naive_ms, 1) : none);
            row.push_back(query.equal ? (*query.equal ? "yes" : "NO") : none);
            latencies.add(std::move(row));
        }
    }
    for (const auto* read : reads) {
        std::vector<std::string> row{
            read == reads.front() ? "/indicators/series, root, " + std::to_string(read->series_points) + " weeks" : "",
            backend_label(read->backend)};
        const auto cells = latency_cells(read->series_p50, read->series_p99, old ? old->series : std::nullopt,
                                         series_p99_target_ms);
        row.insert(row.end(), cells.begin(), cells.end());
        latencies.add(std::move(row));
    }
    latencies.print(out);

    out << "\n";
    Table starts({"start to first root answer, s", "backend", "first answer", "listening", "index load (server log)",
                  "11-28 build", "target", "met"});
    for (const auto* read : reads) {
        const auto& start = read->with_snapshot;
        starts.add({read == reads.front() ? "with a snapshot (restart)" : "", backend_label(read->backend),
                    fixed(start.first_answer_seconds, 2), fixed(start.listening_seconds, 2), load_text(start.load),
                    none, "<= " + fixed(first_answer_target_s, 0),
                    met(start.first_answer_seconds <= first_answer_target_s)});
    }
    for (const auto* read : reads) {
        const auto& start = read->without_snapshot;
        std::vector<std::string> row{read == reads.front() ? "without a snapshot (deleted)" : "",
                                     backend_label(read->backend), fixed(start.first_answer_seconds, 2),
                                     fixed(start.listening_seconds, 2), load_text(start.load)};
        if (old && old->index_build_seconds) {
            const double target = baseline_factor * *old->index_build_seconds;
            row.insert(row.end(), {fixed(*old->index_build_seconds, 1), "<= " + fixed(target, 1) + " (2x)",
                                   met(start.first_answer_seconds <= target)});
        } else {
            row.insert(row.end(), {none, none, none});
        }
        starts.add(std::move(row));
    }
    starts.print(out);
    for (const auto* read : reads)
        out << "shutdown after the start without a snapshot (" << backend_label(read->backend) << "): "
            << fixed(read->shutdown_seconds, 2) << " s from SIGTERM to exit, saving a snapshot of "
            << fixed(static_cast<double>(read->snapshot_bytes) / (1 << 20), 1) << " MiB\n";

    out << "\n";
    const bool rss_target = observations == rss_target_observations;
    Table memory({"server process memory, MiB", "backend", "VmRSS", "VmHWM", "11-28 (whole process)", "target RSS",
                  "met"});
    for (const auto* read : reads) {
        std::vector<std::string> row{read == reads.front() ? "after the reads (snapshot start)" : "",
                                     backend_label(read->backend), fixed(read->after_reads.rss_mib, 0),
                                     fixed(read->after_reads.hwm_mib, 0),
                                     old && old->resident_mib ? fixed(*old->resident_mib, 0) : none};
        if (rss_target)
            row.insert(row.end(), {"<= " + fixed(rss_target_mib, 0), met(read->after_reads.rss_mib <= rss_target_mib)});
        else
            row.insert(row.end(), {"(<= " + fixed(rss_target_mib, 0) + " at 5 M)", none});
        memory.add(std::move(row));
    }
    for (const auto* read : reads) {
        memory.add({read == reads.front() ? "first answer without a snapshot" : "", backend_label(read->backend),
                    fixed(read->without_snapshot.memory.rss_mib, 0), fixed(read->without_snapshot.memory.hwm_mib, 0),
                    none, none, none});
    }
    memory.print(out);
}

// Below the target size: where the server's memory and start without a snapshot are heading, assuming they grow
// linearly between the two largest sizes measured.
void print_projection(std::ostream& out, const BenchOptions& options, const BenchResults& results) {
    if (options.sizes.size() < 2 || options.sizes.back() >= rss_target_observations) return;
    const long long small = options.sizes[options.sizes.size() - 2];
    const long long large = options.sizes.back();
    const double millions = static_cast<double>(large - small) / 1e6;
    out << "\nprojection to " << thousands(rss_target_observations) << " observations (linear from "
        << thousands(small) << " to " << thousands(large)
        << "; rough: at small sizes fixed costs and the machine's load weigh more than growth):\n";
    for (const auto backend : options.backends) {
        const ReadResult* a = nullptr;
        const ReadResult* b = nullptr;
        for (const auto& read : results.reads) {
            if (read.backend != backend) continue;
            if (read.observations == small) a = &read;
            if (read.observations == large) b = &read;
        }
        if (!a || !b) continue;
        const double to_target = static_cast<double>(rss_target_observations - large) / 1e6;
        // Noise can make a small difference negative: nothing is expected to shrink as observations grow.
        const auto slope = [&](double from, double to) { return std::max(0.0, (to - from) / millions); };
        const double rss_slope = slope(a->after_reads.rss_mib, b->after_reads.rss_mib);
        const double start_slope =
            slope(a->without_snapshot.first_answer_seconds, b->without_snapshot.first_answer_seconds);
        const double snapshot_slope = slope(a->with_snapshot.first_answer_seconds, b->with_snapshot.first_answer_seconds);
        out << "  " << backend_label(backend) << ": VmRSS +" << fixed(rss_slope, 1) << " MiB per million -> "
            << fixed(b->after_reads.rss_mib + rss_slope * to_target, 0) << " MiB (target <= "
            << fixed(rss_target_mib, 0) << "); first answer with a snapshot -> "
            << fixed(b->with_snapshot.first_answer_seconds + snapshot_slope * to_target, 1)
            << " s (target <= " << fixed(first_answer_target_s, 0) << "), without -> "
            << fixed(b->without_snapshot.first_answer_seconds + start_slope * to_target, 1) << " s\n";
    }
}

}  // namespace

void print_report(std::ostream& out, const BenchOptions& options, const BenchResults& results, int managers) {
    std::string backends;
    for (const auto backend : options.backends) backends += (backends.empty() ? "" : " and ") + std::string(backend_label(backend));
    out << "\nFloorwalk indicator benchmark: server processes on " << backends << "\n"
        << "machine:      " << machine_description() << "; load average " << results.load_at_start << " at start, "
        << load_average() << " at end\n"
        << "organisation: " << thousands(options.employees) << " employees, " << thousands(options.teams)
        << " teams, " << thousands(options.stores) << " stores, " << thousands(options.regions) << " regions, "
        << options.dimensions << " dimensions, " << managers << " managers; 3 ratings per observation\n"
        << "servers:      floorwalk-server child processes on 127.0.0.1, --threads "
        << (options.server_threads > 0 ? std::to_string(options.server_threads) : "default (CPUs, at least 2)")
        << "; one organisation, so every push of every server takes the same organisation's write lock\n";
    if (options.has(BackendKind::sqlite))
        out << "SQLite:       a data folder per configuration (the server's settings: WAL, synchronous = FULL)\n";
    if (!results.postgres_description.empty())
        out << "PostgreSQL:   " << results.postgres_description << "; a database per configuration\n";
    if (results.baseline)
        out << "compared with " << results.baseline->file.filename().string()
            << " (one process: the server in-process over SQLite, every observation in one index built at start);\n"
            << "              \"x 11-28\" is this run's figure over that one; targets without a number of their own "
            << "are 2x its figure\n";
    else
        out << "compared with nothing (no baseline printout)\n";

    print_ingest(out, options, results);
    for (const auto size : options.sizes) print_size(out, results, size);
    print_projection(out, options, results);

    out << "\nfills:";
    for (const auto backend : options.backends)
        out << (backend == options.backends.front() ? " " : "; ") << backend_label(backend) << " " << bulk_method(backend);
    out << "\nsamples: " << options.samples << " GET per unit, " << options.series_samples << " series, "
        << options.naive_samples
        << " naive SQL per unit (its median; 0: none), per size and backend; latencies are client-side over HTTP/1.1 "
           "keep-alive, JSON\n"
        << "start: exec to the first 200 of the root's /indicators (the server listens before it loads anything); "
           "\"with a snapshot\" is a restart after a clean stop, \"without\" deletes indicator_snapshots first\n";
}

}  // namespace floorwalk::bench
