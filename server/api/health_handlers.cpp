// GET /healthz (liveness) and GET /readyz (readiness) for load balancers and supervisors (anonymous: they reveal no
// organisation data), and a 404 for /metrics, which is served on its own listener (api/metrics_endpoint.h).
#include "api/handlers.h"
#include "api/readiness.h"

#include <cstdio>
#include <utility>

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

// The refusal's code and message: what a person looking at the load balancer needs, never the database's address
// (the cause, which may name it, goes to the server's log).
std::pair<std::string, std::string> not_ready_reason(const ReadinessReport& report, std::chrono::milliseconds deadline) {
    switch (report.state) {
        case ReadinessState::database_unreachable:
            return {"database_unreachable", "The database cannot be reached; the cause is in the server's log."};
        case ReadinessState::database_timeout:
            return {"database_timeout",
                    "The database did not answer within " + std::to_string(deadline.count()) + " ms."};
        case ReadinessState::schema_mismatch:
            return {"schema_mismatch", "The database schema is at version " + std::to_string(report.schema.found) +
                                           ", this server's is " + std::to_string(report.schema.known) +
                                           ": run the floorwalk-server version that matches the database."};
        case ReadinessState::ready:
            break;
    }
    return {"internal", "The readiness check failed."};
}

Response readyz(ReadinessProbe& probe, const RouteContext& route) {
    const auto report = probe.check();
    if (report.changed) {
        if (report.state == ReadinessState::ready) {
            std::fprintf(stderr, "floorwalk-server: ready\n");
        } else {
            std::fprintf(stderr, "floorwalk-server: not ready: %s\n", report.cause.c_str());
        }
    }
    Response response;
    if (report.state == ReadinessState::ready) {
        response.body = R"({"status":"ready","schemaVersion":)" + std::to_string(report.schema.found) + "}";
    } else {
        auto [code, message] = not_ready_reason(report, probe.deadline());
        response = error_response(route.request, 503, std::move(code), std::move(message));
    }
    // A cached answer about readiness is a wrong answer.
    response.headers.emplace_back("Cache-Control", "no-store");
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

void add_health_routes(Router& router, ApiContext& api, ReadinessProbe& readiness) {
    for (const char* pattern : {"/healthz", "/api/v1/healthz"})
        router.add("GET", pattern, Access::anonymous,
                   [&api](const RouteContext& route) { return healthz(api, route); });
    for (const char* pattern : {"/readyz", "/api/v1/readyz"})
        router.add("GET", pattern, Access::anonymous, [&readiness](const RouteContext& route) { return readyz(readiness, route); });
    for (const char* pattern : {"/metrics", "/api/v1/metrics"})
        router.add("GET", pattern, Access::anonymous, metrics_elsewhere);
}

}  // namespace floorwalk::server
