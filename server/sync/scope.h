// What a caller may see: HQ and ADMIN see their whole organisation; MANAGER and DIRECTOR see the subtrees of the
// units they are assigned to, and the employees currently in them.
#pragma once

#include "database/database.h"
#include "storage/store.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace floorwalk::server {

[[nodiscard]] bool sees_whole_organization(Role role);

// `unit_ids` and every unit below them, among the organisation's units (unknown ids are dropped), without
// duplicates, in no particular order.
[[nodiscard]] std::vector<std::string> subtree_unit_ids(db::Connection& db, const std::string& organization_id,
                                                        const std::vector<std::string>& unit_ids);

// A caller's scope, resolved once per request.
struct Scope {
    bool whole_organization = false;
    std::unordered_set<std::string> unit_ids;  // empty when whole_organization
    std::string unit_ids_json;                 // the same ids for Connection::id_list parameters

    [[nodiscard]] bool contains_unit(const std::string& unit_id) const {
        return whole_organization || unit_ids.contains(unit_id);
    }
};

[[nodiscard]] Scope resolve_scope(db::Connection& db, const Caller& caller);

}  // namespace floorwalk::server
