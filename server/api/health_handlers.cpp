// GET /healthz for load balancers (anonymous: it reveals no organisation data), and a 404 for /metrics, which is
// served on its own listener (api/metrics_endpoint.h).
#include "api/handlers.h"

namespace floorwalk::server {
namespace {

Response healthz(ApiContext& api, const RouteContext&) {
    // A real read, so that a broken database shows as unhealthy rather than hiding behind a constant answer.
    Response response;
    try {
        static_cast<void>(api.store.organizations());
        response.body = R"({"status":"ok"})";
    } catch (const std::exception&) {
        response.status = 503;
        response.body = R"({"status":"unavailable","error":{"code":"unavailable","message":"The database cannot be read."}})";
    }
    return response;
}

// Metrics tell traffic, routes, error rates and the database size: not for the public address. They are served
// only by a MetricsEndpoint on `serve --metrics-listen`; here a 404 says where to look.
Response metrics_elsewhere(const RouteContext& route) {
    return error_response(route.request, 404, "not_found",
                          "Metrics are not served on this address: start the server with --metrics-listen HOST:PORT "
                          "(an internal address) and read /metrics there.");
}

}  // namespace

void add_health_routes(Router& router, ApiContext& api) {
    for (const char* pattern : {"/healthz", "/api/v1/healthz"})
        router.add("GET", pattern, Access::anonymous,
                   [&api](const RouteContext& route) { return healthz(api, route); });
    for (const char* pattern : {"/metrics", "/api/v1/metrics"})
        router.add("GET", pattern, Access::anonymous, metrics_elsewhere);
}

}  // namespace floorwalk::server
