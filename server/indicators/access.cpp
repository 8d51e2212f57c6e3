#include "indicators/access.h"

#include "api/negotiation.h"

#include <algorithm>

namespace floorwalk::server::indicators {
namespace {

bool reads_whole_organization(Role role) { return role == Role::hq || role == Role::admin; }

}  // namespace

bool may_read(const Caller& caller, const OrganizationIndex& index, const UnitNode& unit) {
    if (reads_whole_organization(caller.role)) return true;
    if (caller.role != Role::director && caller.role != Role::manager) return false;
    return std::ranges::any_of(caller.unit_ids, [&](const std::string& unit_id) {
        const UnitNode* own = index.find_unit(unit_id);
        return own != nullptr && OrganizationIndex::is_within(unit, *own);
    });
}

Disclosure::Disclosure(const Caller& caller, const OrganizationIndex& index) {
    if (caller.role != Role::hq && caller.role != Role::director) return;
    // The index lays units out depth first, so every parent comes before its children, as the rule wants.
    const auto& units = index.units();
    std::vector<SuppressionUnit> tree;
    tree.reserve(units.size());
    for (const auto& node : units) {
        int direct = node.active_employees();
        for (const int child : node.children) direct -= units[static_cast<std::size_t>(child)].active_employees();
        tree.push_back(SuppressionUnit{.id = node.unit.id, .parent = node.parent, .direct_employees = direct});
    }
    by_position_ = decide_suppression(tree, index.settings().min_group_size);
}

Suppression Disclosure::of(const UnitNode& unit) const {
    if (by_position_.empty()) return Suppression::none;  // a caller who sees every figure (or no unit at all)
    return by_position_.at(static_cast<std::size_t>(unit.position));
}

UnitChoice choose_unit(const Request& request, const Caller& caller, const OrganizationIndex& index) {
    UnitChoice choice;
    if (caller.role == Role::unspecified) {
        choice.error = error_response(request, 403, "forbidden", "Your account has no role that reads indicators.");
        return choice;
    }
    if (const auto unit_id = request.param("unitId")) {
        choice.unit = index.find_unit(*unit_id);
        if (choice.unit == nullptr) {
            choice.error = error_response(request, 404, "unit_not_found",
                                          "The organisation has no unit '" + *unit_id + "'.");
        } else if (!may_read(caller, index, *choice.unit)) {
            choice.error = error_response(request, 403, "forbidden",
                                          "Unit '" + *unit_id + "' is outside the units you are assigned to.");
            choice.unit = nullptr;
        }
        return choice;
    }
    if (reads_whole_organization(caller.role)) {
        choice.unit = index.root();
        if (choice.unit == nullptr)
            choice.error = error_response(request, 404, "unit_not_found",
                                          "The organisation has no units yet: an admin imports them first.");
        return choice;
    }
    for (const auto& unit_id : caller.unit_ids) {
        if ((choice.unit = index.find_unit(unit_id))) return choice;
    }
    choice.error = error_response(request, 403, "forbidden",
                                  "You are not assigned to any unit of the organisation, so there is no unit whose "
                                  "indicators you may read.");
    return choice;
}

}  // namespace floorwalk::server::indicators
