// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/me.
#include "api/handlers.h"

#include "floorwalk/validation.h"
#include "floorwalk/wire.h"

namespace floorwalk::server {
namespace {

namespace pb = ::floorwalk::v1;

constexpr std::size_t max_name_length = 200;
constexpr std::size_t max_password_length = 1024;

void check_field(std::vector<pb::FieldError>* errors, const char* field, const std::string& value,
                 std::size_t max_length) {
    if (value.empty() || value.size() > max_length) {
        auto& error = errors->emplace_back();
        error.set_field(field);
        error.set_message(value.empty() ? "is required"
                                        : "is longer than " + std::to_string(max_length) + " characters");
    } else if (value.find('\0') != std::string::npos) {
        // No name holds U+0000, and the database could not compare it.
        auto& error = errors->emplace_back();
        error.set_field(field);
        error.set_message("holds a NUL character (U+0000)");
    }
}

Response login(ApiContext& api, const RouteContext& route) {
    const auto& request = route.request;
    pb::LoginRequest in;
    if (auto refused = parse_body(request, &in)) return *refused;
    std::vector<pb::FieldError> errors;
    check_field(&errors, "organization", in.organization(), max_name_length);
    check_field(&errors, "username", in.username(), max_name_length);
    check_field(&errors, "password", in.password(), max_password_length);
    check_field(&errors, "deviceId", in.device_id(), max_name_length);
    if (in.device_name().size() > max_name_length) check_field(&errors, "deviceName", in.device_name(), max_name_length);
    if (!in.device_id().empty()) {
        for (const auto& problem : validate_device_id(in.device_id())) {
            auto& error = errors.emplace_back();
            error.set_field(problem.field);
            error.set_message(problem.message);
        }
    }
    if (!errors.empty())
        return error_response(request, 400, "invalid_argument",
                              "Sign-in needs organization, username, password and deviceId (see details).",
                              std::move(errors));

    LoginAttempt attempt;
    attempt.organization = in.organization();
    attempt.username = in.username();
    attempt.password = in.password();
    attempt.device_id = in.device_id();
    attempt.device_name = in.device_name();
    attempt.remote_address = request.remote_address;
    const auto result = api.auth.login(attempt);

    if (result.failure == LoginFailure::throttled) {
        const auto seconds = std::to_string(result.retry_after.count());
        auto response = error_response(request, 429, "too_many_attempts",
                                       "Too many failed sign-ins: wait " + seconds + " seconds before trying again.");
        response.headers.emplace_back("Retry-After", seconds);
        return response;
    }
    if (result.failure == LoginFailure::invalid_credentials)
        return error_response(request, 401, "invalid_credentials",
                              "The organisation, username or password is not right.");
    if (result.failure == LoginFailure::user_deactivated)
        return error_response(request, 403, "user_deactivated",
                              "An administrator deactivated this account; ask them to reactivate it.");
    if (result.failure == LoginFailure::device_revoked)
        return error_response(request, 403, "device_revoked",
                              "An administrator revoked this device (" + in.device_id() +
                                  "); it can no longer sign in.");

    pb::LoginResponse out;
    out.set_token(result.token);
    wire::to_proto(result.expires_at, out.mutable_expires_at());
    wire::to_proto(result.user, out.mutable_user());
    out.set_organization_id(result.organization.id);
    out.set_organization_name(result.organization.name);
    return message_response(request, out);
}

Response logout(ApiContext& api, const RouteContext& route) {
    // The route is authenticated, so the header holds a valid token; a race with expiry still answers 204.
    static_cast<void>(api.auth.logout(route.request.authorization));
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

Response me(ApiContext& api, const RouteContext& route) {
    const auto& caller = *route.caller;
    pb::MeResponse out;
    auto* user = out.mutable_user();
    user->set_id(caller.user_id);
    user->set_username(caller.username);
    user->set_display_name(caller.display_name);
    user->set_role(wire::to_proto(caller.role));
    for (const auto& unit : caller.unit_ids) user->add_unit_ids(unit);
    out.set_organization_id(caller.organization_id);
    for (const auto& organization : api.store.organizations())
        if (organization.id == caller.organization_id) out.set_organization_name(organization.name);
    out.set_device_id(caller.device_id);
    wire::to_proto(api.store.settings(caller.organization_id), out.mutable_settings());
    return message_response(route.request, out);
}

}  // namespace

void add_auth_routes(Router& router, ApiContext& api) {
    router.add("POST", "/api/v1/auth/login", Access::anonymous,
               [&api](const RouteContext& route) { return login(api, route); });
    router.add("POST", "/api/v1/auth/logout", Access::authenticated,
               [&api](const RouteContext& route) { return logout(api, route); });
    router.add("GET", "/api/v1/me", Access::authenticated,
               [&api](const RouteContext& route) { return me(api, route); });
}

}  // namespace floorwalk::server
