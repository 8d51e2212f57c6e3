// The indicators head office reads, from an in-memory index per organisation (never a scan of every observation
// per query) that any number of servers keep beside one database.
//
// Each server holds the organisations it was asked about, loaded on first use: from the newest indicator snapshot
// in the database (written by any server, seconds to read at any size) plus the changes numbered after it, or,
// without one, from the current records. Before every query it reads the organisation's change counter (one
// small query) and applies what was numbered since its own position, reading the append-only revision history:
// a query reflects every push acknowledged by any server before it began, and no server ever needs to be told
// anything. Organisations beyond a memory budget are dropped, least recently used first, and come back the same
// way. A background thread saves snapshots of the organisations that moved on.
//
// Nothing here ever holds the store's writers: pushes of every organisation go on while an index is loaded or
// brought up to date. A failure while bringing an index up to date drops it; the next query rebuilds it from the
// database rather than answer from a state that may have drifted.
//
// Threading: routes may run on any thread concurrently; a shared_mutex per organisation keeps readers off a
// half-applied change, and one update at a time brings it forward.
#pragma once

#include "api/router.h"
#include "storage/store.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace floorwalk::server {

struct IndicatorOptions {
    // "Now": the default of at, from and to, and when a new index's weekly state starts (tests fix it).
    std::function<Timestamp()> clock;
    // Memory the indexes may hold together before the least recently used are dropped (one organisation larger
    // than this is kept alone).
    std::size_t memory_budget = std::size_t{1} << 30;
    // How often the snapshot thread looks for organisations to save; zero: no thread (save_snapshots() only).
    std::chrono::milliseconds snapshot_interval = std::chrono::minutes(1);
    // A snapshot is saved once an organisation moved this many changes past its last one (and at least a
    // twentieth of its size).
    std::int64_t snapshot_after_changes = 20'000;
};

class IndicatorService {
public:
    explicit IndicatorService(Store& store, IndicatorOptions options = {});
    ~IndicatorService();
    IndicatorService(const IndicatorService&) = delete;
    IndicatorService& operator=(const IndicatorService&) = delete;

    // Registers GET /api/v1/indicators, /indicators/series, /indicators/export.csv, /indicators/kpi and
    // /indicators/roi on the API's router (authenticated; role and scope are checked per request).
    void add_routes(Router& router);

    // Loads the organisation (when it is not held) and brings it up to date; what every query does first.
    void prepare(const std::string& organization_id);
    // Saves a snapshot of every held organisation that moved since its last one (at shutdown, and for tests).
    void save_snapshots();

    // What the service holds, for /metrics, tests and the benchmark.
    struct Status {
        std::size_t organizations = 0;
        std::size_t memory = 0;        // bytes, estimated
        std::size_t loads = 0;         // organisations loaded (snapshot or records) since start
        std::size_t snapshot_loads = 0;
        std::size_t evictions = 0;
        std::size_t snapshots_saved = 0;
        std::size_t memory_estimates = 0;  // after each load or change of an organisation, never on a bare query
    };
    [[nodiscard]] Status status() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace floorwalk::server
