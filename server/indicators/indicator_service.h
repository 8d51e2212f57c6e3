// The indicators head office reads, served from an index maintained as records arrive (never a scan of every
// observation per query). The index is a StoreObserver: the store calls it after each commit, before it
// acknowledges, so figures are exact and current the moment a push is answered.
//
// Threading: queries may run on any thread concurrently; on_applied runs on the store's writer thread. A
// shared_mutex per organisation keeps readers off a half-applied change.
#pragma once

#include "api/router.h"
#include "storage/store.h"

#include <functional>
#include <memory>
#include <optional>

namespace floorwalk::server {

class IndicatorService : public StoreObserver {
public:
    // Loads every organisation's current records from `store` into the index. Register the service as the
    // store's observer before the store takes further writes, or the index misses them.
    explicit IndicatorService(Store& store);
    // Same, with the clock that gives "now" for the defaults of at, from and to (tests fix it).
    IndicatorService(Store& store, std::function<Timestamp()> clock);
    ~IndicatorService() override;

    void on_applied(const AppliedChanges& changes) override;

    // Registers GET /api/v1/indicators, /indicators/series, /indicators/export.csv, /indicators/kpi and
    // /indicators/roi on the API's router (authenticated; role and scope are checked per request).
    void add_routes(Router& router);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace floorwalk::server
