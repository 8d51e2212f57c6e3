#include "api/api.h"

#include "api/handlers.h"
#include "api/negotiation.h"
#include "database/database.h"

#include <cstdio>

namespace floorwalk::server {
namespace {

Response unauthorized(const Request& request, AuthFailure failure) {
    Response response;
    switch (failure) {
        case AuthFailure::missing:
            response = error_response(request, 401, "token_missing",
                                      "This endpoint needs an 'Authorization: Bearer <token>' header; get a token "
                                      "from POST /api/v1/auth/login.");
            response.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="floorwalk")");
            break;
        case AuthFailure::malformed:
            response = error_response(request, 401, "token_malformed",
                                      "The Authorization header must read 'Bearer <token>' with the token that "
                                      "POST /api/v1/auth/login returned.");
            response.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="floorwalk", error="invalid_request")");
            break;
        case AuthFailure::expired_or_revoked:
            response = error_response(request, 401, "token_invalid",
                                      "The token has expired or was revoked (signed out, or device revoked): sign "
                                      "in again.");
            response.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="floorwalk", error="invalid_token")");
            break;
    }
    return response;
}

Response method_not_allowed(const Request& request, const std::vector<std::string>& allowed) {
    std::string allow;
    for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    auto response = error_response(request, 405, "method_not_allowed",
                                   request.method + " is not allowed on " + request.path + "; use " + allow + ".");
    response.headers.emplace_back("Allow", allow);
    return response;
}

bool has_header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return true;
    return false;
}

}  // namespace

Api::Api(Store& store, Authenticator& auth, ApiConfig config, const RouteRegistration& more_routes)
    : store_(store),
      auth_(auth),
      config_(std::move(config)),
      context_{store_, auth_, metrics_, config_},
      readiness_([&store] { return store.schema_version(); }, config_.readiness_deadline) {
    add_auth_routes(router_, context_);
    add_sync_routes(router_, context_);
    add_admin_routes(router_, context_);
    add_organization_routes(router_, context_);
    add_health_routes(router_, context_, readiness_);
    if (more_routes) more_routes(router_);
}

Response Api::handle(const Request& request, RequestLog& log) {
    Response response;
    try {
        response = dispatch(request, log);
    } catch (const db::Error& error) {
        // Text the database cannot hold that slipped past the rules above it is still the client's text: a 400.
        if (error.code() == "22021") {
            response = error_response(request, 400, "invalid_argument",
                                      "The request holds text with a NUL character (U+0000), which cannot be stored.");
        } else {
            std::fprintf(stderr, "floorwalk-server: error: %s %s failed: %s\n", request.method.c_str(),
                         request.path.c_str(), error.what());
            response = error_response(request, 500, "internal",
                                      "The server failed to answer this request; the failure is logged. Try again "
                                      "later, and tell your administrator if it keeps happening.");
        }
    } catch (const std::exception& error) {
        // A client's mistake is answered inside dispatch; what reaches here is the server's own failure.
        std::fprintf(stderr, "floorwalk-server: error: %s %s failed: %s\n", request.method.c_str(),
                     request.path.c_str(), error.what());
        response = error_response(request, 500, "internal",
                                  "The server failed to answer this request; the failure is logged. Try again "
                                  "later, and tell your administrator if it keeps happening.");
    }
    // API answers hold tokens and personal data: no cache, shared or private, may keep them.
    if (request.path.starts_with("/api/") && !has_header(response, "Cache-Control"))
        response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

void Api::completed(std::string_view method, const RequestLog& log, int status, std::chrono::microseconds elapsed) {
    metrics_.record_request(method, log.route.empty() ? "(none)" : log.route, status, elapsed);
}

std::optional<Caller> Api::authenticate(const Request& request, RequestLog& log, Response* refusal) {
    auto result = auth_.authenticate(request.authorization);
    if (!result.caller) {
        *refusal = unauthorized(request, result.failure);
        return std::nullopt;
    }
    log.user = result.caller->username;
    log.organization = result.caller->organization_id;
    return std::move(result.caller);
}

Response Api::dispatch(const Request& request, RequestLog& log) {
    const auto match = router_.match(request.method, request.path);
    if (!match.route) {
        if (!match.pattern.empty()) {
            log.route = match.pattern;
            return method_not_allowed(request, match.allowed);
        }
        if (!request.path.starts_with("/api/")) {
            log.route = "(static)";
            if (request.method != "GET" && request.method != "HEAD") return method_not_allowed(request, {"GET", "HEAD"});
            return serve_static(config_.web_root, request);
        }
        log.route = "(unmatched)";
        return error_response(request, 404, "not_found",
                              "No endpoint at " + request.path + "; the API lives under /api/v1 (see the README).");
    }

    log.route = match.pattern;
    std::optional<Caller> caller;
    if (match.route->access == Access::authenticated) {
        Response refusal;
        caller = authenticate(request, log, &refusal);
        if (!caller) return refusal;
    }
    const RouteContext context{request, caller ? &*caller : nullptr, match.params};
    return match.route->handler(context);
}

}  // namespace floorwalk::server
