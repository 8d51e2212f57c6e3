// Who may read which unit's indicators, and which figures are withheld from whom.
//
// HQ and ADMIN read every unit of their organisation; DIRECTOR and MANAGER the subtrees of their units. The
// organisation setting minGroupSize hides, from HQ and DIRECTOR, the figures of a unit with fewer active
// employees, so that head office can never single out one employee; the parent's totals still count them.
#pragma once

#include "api/http_types.h"
#include "indicators/organization_index.h"
#include "storage/store.h"

#include <optional>

namespace floorwalk::server::indicators {

// The unit named by `unitId` (default: the root for HQ and ADMIN, the caller's first unit otherwise), or the
// response to send: 404 for a unit the organisation does not have, 403 for one outside the caller's scope.
struct UnitChoice {
    const UnitNode* unit = nullptr;
    std::optional<Response> error;
};
[[nodiscard]] UnitChoice choose_unit(const Request& request, const Caller& caller, const OrganizationIndex& index);

[[nodiscard]] bool may_read(const Caller& caller, const OrganizationIndex& index, const UnitNode& unit);

// True when the unit's figures must be withheld from this caller.
[[nodiscard]] bool is_hidden(const Caller& caller, const OrganizationIndex& index, const UnitNode& unit);

// 403 unless the caller is an ADMIN.
[[nodiscard]] std::optional<Response> require_admin(const Request& request, const Caller& caller);

}  // namespace floorwalk::server::indicators
