#include "sync/scope.h"

#include "storage/org_rows.h"

namespace floorwalk::server {

bool sees_whole_organization(Role role) { return role == Role::hq || role == Role::admin; }

std::vector<std::string> subtree_unit_ids(db::Connection& db, const std::string& organization_id,
                                          const std::vector<std::string>& unit_ids) {
    // UNION (not UNION ALL) drops repeats, so overlapping assignments (a region and one of its stores) and even a
    // cycle in a hand-edited database terminate.
    auto statement = db.prepare(
        "WITH RECURSIVE scope(id) AS ("
        "  SELECT u.id FROM units u WHERE u.organization_id = ?1 AND u.id IN (" + db.id_list(2) + ")"
        "  UNION"
        "  SELECT c.id FROM units c JOIN scope s ON c.parent_id = s.id WHERE c.organization_id = ?1"
        ") SELECT id FROM scope");
    statement.bind_all(organization_id, json_string_array(unit_ids));
    std::vector<std::string> ids;
    while (statement.step()) ids.push_back(statement.text(0));
    return ids;
}

Scope resolve_scope(db::Connection& db, const Caller& caller) {
    Scope scope;
    if (sees_whole_organization(caller.role)) {
        scope.whole_organization = true;
        return scope;
    }
    auto ids = subtree_unit_ids(db, caller.organization_id, caller.unit_ids);
    scope.unit_ids_json = json_string_array(ids);
    scope.unit_ids.insert(ids.begin(), ids.end());
    return scope;
}

}  // namespace floorwalk::server
