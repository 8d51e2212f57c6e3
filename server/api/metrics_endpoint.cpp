#include "api/metrics_endpoint.h"

#include "api/negotiation.h"

#include <cstdio>

namespace floorwalk::server {

Response MetricsEndpoint::handle(const Request& request, RequestLog& log) {
    if (request.path != "/metrics") {
        log.route = "(unmatched)";
        return error_response(request, 404, "not_found",
                              "This address serves only /metrics; the API and the dashboard are on the main one.");
    }
    log.route = "/metrics";
    if (request.method != "GET" && request.method != "HEAD") {
        auto response = error_response(request, 405, "method_not_allowed",
                                       request.method + " is not allowed on /metrics; use GET or HEAD.");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    Response response;
    try {
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.body = metrics_.render(store_.database_bytes()) + render_replica_reads(store_.replica_reads());
    } catch (const std::exception& error) {
        // The database size is the only part that can fail: a scrape must not take the listener down.
        std::fprintf(stderr, "floorwalk-server: error: GET /metrics failed: %s\n", error.what());
        response = error_response(request, 500, "internal", "The metrics could not be read; the failure is logged.");
    }
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

void MetricsEndpoint::completed(std::string_view method, const RequestLog& log, int status,
                                std::chrono::microseconds elapsed) {
    metrics_.record_request(method, log.route.empty() ? "(none)" : log.route, status, elapsed);
}

}  // namespace floorwalk::server
