// The handler groups behind the router, one file each, and the helpers they share. Handlers are pure functions of
// (context, request) to response: no sockets, so tests call them directly.
#pragma once

#include "api/api.h"
#include "api/imports.h"
#include "api/negotiation.h"
#include "api/readiness.h"
#include "api/router.h"

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>

namespace floorwalk::server {

void add_auth_routes(Router& router, ApiContext& api);          // auth_handlers.cpp: login, logout, me
void add_sync_routes(Router& router, ApiContext& api);          // sync_handlers.cpp: push, pull
void add_admin_routes(Router& router, ApiContext& api);         // admin_handlers.cpp
void add_organization_routes(Router& router, ApiContext& api);  // organization_handlers.cpp: units
// health_handlers.cpp: healthz, readyz (and /metrics's 404)
void add_health_routes(Router& router, ApiContext& api, ReadinessProbe& readiness);

// static_files.cpp: GET of a file under `web_root` ("/" is index.html), with the dashboard's security headers.
[[nodiscard]] Response serve_static(const std::filesystem::path& web_root, const Request& request);

// "MANAGER", "DIRECTOR"... as the API spells roles.
[[nodiscard]] std::string role_name(Role role);
// A 403 naming the roles allowed, or nullopt when the caller has one of them.
[[nodiscard]] std::optional<Response> require_role(const RouteContext& route, std::initializer_list<Role> roles);
// The answer to an admin import: 200 {applied}, 400 with one detail per bad row, 415...
[[nodiscard]] Response import_response(const Request& request, const ImportOutcome& outcome);

}  // namespace floorwalk::server
