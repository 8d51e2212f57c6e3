// /api/v1/admin/...: imports, devices and settings, for the role ADMIN of the caller's organisation.
#include "api/handlers.h"

#include "floorwalk/validation.h"
#include "floorwalk/wire.h"

namespace floorwalk::server {
namespace {

namespace pb = ::floorwalk::v1;

Response import(ApiContext& api, const RouteContext& route, ImportKind kind) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    const auto& request = route.request;
    return import_response(request, run_import(api.store, route.caller->organization_id, kind, request.content_type,
                                               request.body, api.config.password_cost));
}

void to_proto(const DeviceRecord& in, pb::Device* out) {
    out->set_id(in.id);
    out->set_name(in.name);
    out->set_user_id(in.user_id);
    out->set_username(in.username);
    wire::to_proto(in.last_seen, out->mutable_last_seen());
    out->set_revoked(in.revoked);
}

Response devices(ApiContext& api, const RouteContext& route) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    pb::DevicesResponse out;
    for (const auto& device : api.store.devices(route.caller->organization_id)) to_proto(device, out.add_devices());
    return message_response(route.request, out);
}

// A device id from the path, or the 400 that says why it cannot be one (ids are checked at sign-in, so an id
// outside the rule names no device; echoing it would also echo whatever bytes the path held).
std::optional<Response> refuse_device_id(const RouteContext& route, const std::string& device_id) {
    const auto errors = validate_device_id(device_id);
    if (errors.empty()) return std::nullopt;
    return error_response(route.request, 400, "invalid_argument", errors.front().message);
}

// POST /admin/devices/{deviceId}/revoke[?signOutUser=true]: the device can never sign in again; with signOutUser,
// its last user is also signed out on every other device (a stolen phone whose owner may have other sessions).
Response revoke_device(ApiContext& api, const RouteContext& route) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    const auto& organization_id = route.caller->organization_id;
    const auto& device_id = route.param("deviceId");
    if (auto refused = refuse_device_id(route, device_id)) return *refused;
    const auto sign_out = route.request.param("signOutUser").value_or("false");
    if (sign_out != "true" && sign_out != "false")
        return error_response(route.request, 400, "invalid_argument", "signOutUser must be true or false.");
    if (!api.store.revoke_device(organization_id, device_id))
        return error_response(route.request, 404, "unknown_device",
                              "No device '" + device_id + "' has signed in to this organisation.");
    const auto device = api.store.find_device(organization_id, device_id);
    if (sign_out == "true" && device) static_cast<void>(api.store.sign_out_user(organization_id, device->user_id));
    pb::Device out;
    if (device) to_proto(*device, &out);
    return message_response(route.request, out);
}

// GET /admin/users: every user of the organisation with role, units and whether they are active.
Response users(ApiContext& api, const RouteContext& route) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    pb::UsersResponse out;
    for (const auto& user : api.store.users(route.caller->organization_id)) wire::to_proto(user, out.add_users());
    return message_response(route.request, out);
}

// POST /admin/users/{userId}/deactivate and .../activate. Deactivating signs the user out everywhere at once;
// an administrator cannot deactivate themselves (the organisation would risk losing its last administrator).
Response set_active(ApiContext& api, const RouteContext& route, bool active) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    const auto& organization_id = route.caller->organization_id;
    const auto& user_id = route.param("userId");
    if (!active && user_id == route.caller->user_id)
        return error_response(route.request, 409, "cannot_deactivate_self",
                              "You cannot deactivate your own account: ask another administrator.");
    // User ids are UUIDs the server made: anything else names no one, and never reaches a query.
    const auto user = is_uuid(user_id) ? api.store.find_user(organization_id, user_id) : std::nullopt;
    if (!user)
        return error_response(route.request, 404, "unknown_user",
                              "No user with this id in the organisation (GET /api/v1/admin/users lists them).");
    static_cast<void>(api.store.set_user_active(organization_id, user_id, active));
    pb::User out;
    wire::to_proto(api.store.find_user(organization_id, user_id)->user, &out);
    return message_response(route.request, out);
}

Response get_settings(ApiContext& api, const RouteContext& route) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    pb::OrganizationSettings out;
    wire::to_proto(api.store.settings(route.caller->organization_id), &out);
    return message_response(route.request, out);
}

Response put_settings(ApiContext& api, const RouteContext& route) {
    if (auto refused = require_role(route, {Role::admin})) return *refused;
    pb::OrganizationSettings in;
    if (auto refused = parse_body(route.request, &in)) return *refused;
    const auto settings = wire::from_proto(in);
    const auto errors = validate_settings(settings);
    if (!errors.empty()) {
        std::vector<pb::FieldError> details;
        for (const auto& error : errors) {
            auto& detail = details.emplace_back();
            detail.set_field(error.field);
            detail.set_message(error.message);
        }
        return error_response(route.request, 400, "invalid_argument",
                              "The settings were not changed: " + errors.front().message +
                                  (errors.size() > 1 ? " (and more in details)." : "."),
                              std::move(details));
    }
    api.store.set_settings(route.caller->organization_id, settings);
    pb::OrganizationSettings out;
    wire::to_proto(api.store.settings(route.caller->organization_id), &out);
    return message_response(route.request, out);
}

}  // namespace

void add_admin_routes(Router& router, ApiContext& api) {
    const std::pair<const char*, ImportKind> imports[] = {{"/api/v1/admin/model", ImportKind::model},
                                                          {"/api/v1/admin/units", ImportKind::units},
                                                          {"/api/v1/admin/employees", ImportKind::employees},
                                                          {"/api/v1/admin/users", ImportKind::users},
                                                          {"/api/v1/admin/kpis", ImportKind::kpis}};
    // An init-capture: clang before 16 cannot capture a structured binding by name (the fuzz preset builds with 14).
    for (const auto& [pattern, kind] : imports)
        router.add("PUT", pattern, Access::authenticated,
                   [&api, kind = kind](const RouteContext& route) { return import(api, route, kind); });
    router.add("GET", "/api/v1/admin/devices", Access::authenticated,
               [&api](const RouteContext& route) { return devices(api, route); });
    router.add("POST", "/api/v1/admin/devices/{deviceId}/revoke", Access::authenticated,
               [&api](const RouteContext& route) { return revoke_device(api, route); });
    router.add("GET", "/api/v1/admin/users", Access::authenticated,
               [&api](const RouteContext& route) { return users(api, route); });
    router.add("POST", "/api/v1/admin/users/{userId}/deactivate", Access::authenticated,
               [&api](const RouteContext& route) { return set_active(api, route, false); });
    router.add("POST", "/api/v1/admin/users/{userId}/activate", Access::authenticated,
               [&api](const RouteContext& route) { return set_active(api, route, true); });
    router.add("GET", "/api/v1/admin/settings", Access::authenticated,
               [&api](const RouteContext& route) { return get_settings(api, route); });
    router.add("PUT", "/api/v1/admin/settings", Access::authenticated,
               [&api](const RouteContext& route) { return put_settings(api, route); });
}

}  // namespace floorwalk::server
