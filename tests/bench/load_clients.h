// The load benchmark's clients and its two phases, on Asio (Beast stays in load_clients.cpp): every client of
// the load is a coroutine on one io_context run by --client-threads threads, so that 200 phones and 500 slow
// connections cost a few threads on a 2-core machine; the normal client runs on an io_context and thread of
// its own, so that its latencies are not queued behind the load's clients in the benchmark itself.
//
// Every loop stops at the phase's end (and after at most max_rounds rounds), every request gives up after the
// request timeout, and a watchdog stops both io_contexts a little after the end whatever happens.
#pragma once

#include "bench_organization.h"
#include "load_options.h"
#include "load_stats.h"

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

namespace floorwalk::bench {

// One phone: the manager of one store, kept across the phases (its cursor, the batches it has pushed).
struct PhoneState {
    int store = 0;
    std::string token;
    std::string device_id;
    std::string cursor;  // empty: the first pull takes everything in scope
    long long batches = 0;
};

// What the clients talk to.
struct LoadTargets {
    unsigned short port = 0;
    pid_t server_pid = 0;
    const BenchOrganization* organization = nullptr;  // the phones' new observations
    std::string hq_token;
    std::vector<std::string> indicator_targets;  // GET /indicators of several units: HQ readers take turns
    std::string series_target;                   // every fifth read of an HQ reader
};

struct PhaseResult {
    double seconds = 0;
    std::vector<ClassSummary> classes;  // in printing order; classes with nothing to report are left out
    double rss_peak_mib = 0;            // VmRSS of the server, sampled every 250 ms
    double rss_end_mib = 0;
    double server_cpu_seconds = 0;  // CPU time the server used during the phase: its share of a busy machine
};

// Class names, shared with the report.
inline constexpr const char* normal_phone_class = "normal phone (push, pull)";
inline constexpr const char* normal_reader_class = "normal HQ (/indicators)";

// The normal client alone (loaded = false) or with the whole load, for `duration`.
[[nodiscard]] PhaseResult run_phase(const LoadOptions& options, const LoadTargets& targets,
                                    std::vector<PhoneState>& phones, PhoneState& normal, bool loaded,
                                    std::chrono::seconds duration);

}  // namespace floorwalk::bench
