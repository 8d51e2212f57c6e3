// GET /healthz and GET /metrics, for load balancers and Prometheus. Anonymous: they reveal no organisation data.
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

Response metrics(ApiContext& api, const RouteContext&) {
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = api.metrics.render(api.store.database_bytes());
    return response;
}

}  // namespace

void add_health_routes(Router& router, ApiContext& api) {
    for (const char* pattern : {"/healthz", "/api/v1/healthz"})
        router.add("GET", pattern, Access::anonymous,
                   [&api](const RouteContext& route) { return healthz(api, route); });
    for (const char* pattern : {"/metrics", "/api/v1/metrics"})
        router.add("GET", pattern, Access::anonymous,
                   [&api](const RouteContext& route) { return metrics(api, route); });
}

}  // namespace floorwalk::server
