// The HTTP API as one RequestHandler: routing, authentication, role checks, metrics, and the guarantee that a
// client's mistake gets a 4xx it can act on and an unexpected failure a logged 500, never a crash.
//
// Threading: handle() and completed() may run concurrently on any threads (see RequestHandler).
#pragma once

#include "api/http_types.h"
#include "api/metrics.h"
#include "api/readiness.h"
#include "api/router.h"
#include "auth/authenticator.h"
#include "auth/password.h"
#include "storage/store.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>

namespace floorwalk::server {

struct ApiConfig {
    std::filesystem::path web_root;  // the dashboard's files served at "/"; empty serves none
    HashCost password_cost = HashCost::interactive;  // for passwords set through user imports
    std::size_t max_push_records = 500;
    int default_pull_limit = 500;
    int max_pull_limit = 1000;  // what the store serves at most per page
    // GET /readyz answers 503 database_timeout when the database has not answered its query within this.
    std::chrono::milliseconds readiness_deadline{2000};
};

// Registers more routes on the API's one router (the indicator service's: IndicatorService::add_routes).
using RouteRegistration = std::function<void(Router&)>;

// What every handler group reaches: the long-lived services, never the transport.
struct ApiContext {
    Store& store;
    Authenticator& auth;
    Metrics& metrics;
    const ApiConfig& config;
};

class Api final : public RequestHandler {
public:
    Api(Store& store, Authenticator& auth, ApiConfig config, const RouteRegistration& more_routes = {});

    [[nodiscard]] Response handle(const Request& request, RequestLog& log) override;
    void completed(std::string_view method, const RequestLog& log, int status,
                   std::chrono::microseconds elapsed) override;

    [[nodiscard]] Metrics& metrics() { return metrics_; }
    [[nodiscard]] const ApiConfig& config() const { return config_; }
    // The one router every route is registered on (read-only: routes are added only while constructing).
    [[nodiscard]] const Router& router() const { return router_; }

private:
    [[nodiscard]] Response dispatch(const Request& request, RequestLog& log);
    [[nodiscard]] std::optional<Caller> authenticate(const Request& request, RequestLog& log, Response* refusal);

    Store& store_;
    Authenticator& auth_;
    ApiConfig config_;
    Metrics metrics_;
    ApiContext context_;
    ReadinessProbe readiness_;
    Router router_;
};

}  // namespace floorwalk::server
