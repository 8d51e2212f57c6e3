// GET /metrics on its own listener (`serve --metrics-listen`): the Prometheus text of the API's counters, kept off
// the public address, where anyone could read traffic, routes and the database size. Every other path is a 404.
//
// Threading: handle() and completed() may run concurrently on any threads (see RequestHandler); the counters are
// the API's own Metrics, which has its own lock.
#pragma once

#include "api/http_types.h"
#include "api/metrics.h"
#include "storage/store.h"

namespace floorwalk::server {

class MetricsEndpoint final : public RequestHandler {
public:
    // `metrics` and `store` (for the database size) must outlive this endpoint.
    MetricsEndpoint(Metrics& metrics, Store& store) : metrics_(metrics), store_(store) {}

    [[nodiscard]] Response handle(const Request& request, RequestLog& log) override;
    // Scrapes are counted with the API's requests, under the route "/metrics".
    void completed(std::string_view method, const RequestLog& log, int status,
                   std::chrono::microseconds elapsed) override;

private:
    Metrics& metrics_;
    Store& store_;
};

}  // namespace floorwalk::server
