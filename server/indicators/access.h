// Who may read which unit's indicators, and which figures are withheld from whom.
//
// HQ and ADMIN read every unit of their organisation; DIRECTOR and MANAGER the subtrees of their units. The
// organisation setting minGroupSize withholds, from HQ and DIRECTOR, the figures of a unit with fewer active
// employees, and those of further units that would give them by subtraction (decide_suppression in shared/), so
// that head office can never single out one employee; the parent's totals still count them.
#pragma once

#include "api/http_types.h"
#include "floorwalk/suppression.h"
#include "indicators/organization_index.h"
#include "storage/store.h"

#include <optional>
#include <vector>

namespace floorwalk::server::indicators {

// The unit named by `unitId` (default: the root for HQ and ADMIN, the caller's first unit otherwise), or the
// response to send: 404 for a unit the organisation does not have, 403 for one outside the caller's scope.
struct UnitChoice {
    const UnitNode* unit = nullptr;
    std::optional<Response> error;
};
[[nodiscard]] UnitChoice choose_unit(const Request& request, const Caller& caller, const OrganizationIndex& index);

[[nodiscard]] bool may_read(const Caller& caller, const OrganizationIndex& index, const UnitNode& unit);

// Whose figures one caller may see, for every unit of the organisation. For HQ and DIRECTOR callers the decision is
// taken on the whole organisation's tree, never on the part the caller reads: every caller and every endpoint then
// get the same decision for a unit, and comparing their answers undoes nothing. MANAGER and ADMIN see everything.
class Disclosure {
public:
    Disclosure(const Caller& caller, const OrganizationIndex& index);
    [[nodiscard]] Suppression of(const UnitNode& unit) const;
    [[nodiscard]] bool hidden(const UnitNode& unit) const { return of(unit) != Suppression::none; }

private:
    std::vector<Suppression> by_position_;  // per unit in depth-first order; empty when nothing is withheld
};

}  // namespace floorwalk::server::indicators
