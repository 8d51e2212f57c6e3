// GET /api/v1/units: the part of the unit tree the caller may navigate.
#include "api/handlers.h"

#include "floorwalk/unit_tree.h"
#include "floorwalk/wire.h"

#include <set>

namespace floorwalk::server {
namespace {

namespace pb = ::floorwalk::v1;

// HQ and ADMIN see the whole tree. Directors and managers see their units' subtrees, plus the ancestors on the
// way to the root so that a navigator can show breadcrumbs (names only; figures stay scoped).
std::vector<Unit> visible_units(const std::vector<Unit>& all, const Caller& caller) {
    if (caller.role == Role::hq || caller.role == Role::admin) return all;
    const UnitTree tree(all);
    std::set<std::string> visible;
    for (const auto& unit_id : caller.unit_ids) {
        for (auto& id : tree.subtree(unit_id)) visible.insert(std::move(id));
        for (const auto* unit : tree.path_to(unit_id)) visible.insert(unit->id);
    }
    std::vector<Unit> units;
    for (const auto& unit : all)
        if (visible.contains(unit.id)) units.push_back(unit);
    return units;
}

Response units(ApiContext& api, const RouteContext& route) {
    pb::UnitsResponse out;
    for (const auto& unit : visible_units(api.store.units(route.caller->organization_id), *route.caller))
        wire::to_proto(unit, out.add_units());
    return message_response(route.request, out);
}

}  // namespace

void add_organization_routes(Router& router, ApiContext& api) {
    router.add("GET", "/api/v1/units", Access::authenticated,
               [&api](const RouteContext& route) { return units(api, route); });
}

}  // namespace floorwalk::server
