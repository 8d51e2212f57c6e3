// The check behind GET /readyz: can this server serve requests now? It can when the database answers a short
// query within a deadline and its schema is at the version this build knows. A load balancer sends traffic only to
// ready servers; /healthz stays the cheaper liveness answer.
//
// The query runs on a thread of the probe's own, so that a database that hangs (an unreachable host, a pool whose
// connections are all taken) costs the caller at most the deadline. One query at most is in flight: callers that
// arrive while it runs wait for its answer, so probes every few seconds never pile up threads or connections.
//
// Threading: check() may be called from any thread concurrently. The destructor waits for a query still running,
// which the engine's own timeouts bound (connect, statement, pool).
#pragma once

#include "storage/store.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace floorwalk::server {

enum class ReadinessState { ready, database_unreachable, database_timeout, schema_mismatch };

struct ReadinessReport {
    ReadinessState state = ReadinessState::database_unreachable;
    SchemaVersion schema;  // read from the database (zeros unless it answered)
    std::string cause;     // why it is not ready, for the server's log (may name hosts: never sent to clients)
    bool changed = false;  // the state or cause differs from the previous check's (log it once, not per probe)
};

class ReadinessProbe {
public:
    using Query = std::function<SchemaVersion()>;

    // `query` reads the schema version (Store::schema_version) and throws when the database cannot answer.
    ReadinessProbe(Query query, std::chrono::milliseconds deadline);
    ~ReadinessProbe();
    ReadinessProbe(const ReadinessProbe&) = delete;
    ReadinessProbe& operator=(const ReadinessProbe&) = delete;

    [[nodiscard]] ReadinessReport check();
    [[nodiscard]] std::chrono::milliseconds deadline() const { return deadline_; }

private:
    struct Attempt;
    void run(const std::shared_ptr<Attempt>& attempt) const;
    ReadinessReport remember(ReadinessReport report);

    Query query_;
    std::chrono::milliseconds deadline_;
    std::mutex mutex_;
    std::shared_ptr<Attempt> attempt_;  // the latest query, running or finished
    std::thread worker_;                // runs attempt_
    ReadinessState last_state_ = ReadinessState::ready;
    std::string last_cause_;
};

}  // namespace floorwalk::server
