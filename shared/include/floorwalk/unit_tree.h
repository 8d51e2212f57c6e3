// The organisation's unit tree: one root, no cycles; answers "which units are under U".
#pragma once

#include "floorwalk/domain.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace floorwalk {

struct ValidationError;

class UnitTree {
public:
    UnitTree() = default;
    // Builds the tree; units whose parent is unknown or that sit on a cycle are reported by validate(), and are
    // reachable from no root.
    explicit UnitTree(std::vector<Unit> units);

    // Errors of the whole set: no root or several roots, unknown parent, cycle, duplicate id. Field names use the
    // 0-based index of the unit in the input ("units[3].parentId").
    [[nodiscard]] static std::vector<ValidationError> validate(const std::vector<Unit>& units);

    [[nodiscard]] const Unit* find(const std::string& unit_id) const;
    [[nodiscard]] const Unit* root() const;
    [[nodiscard]] const std::vector<Unit>& units() const { return units_; }
    [[nodiscard]] std::vector<const Unit*> children(const std::string& unit_id) const;
    // unit_id itself and every unit below it; empty when unit_id is unknown.
    [[nodiscard]] std::vector<std::string> subtree(const std::string& unit_id) const;
    // True when `unit_id` is `ancestor_id` or lies below it.
    [[nodiscard]] bool is_within(const std::string& unit_id, const std::string& ancestor_id) const;
    // Path from the root down to unit_id, both included (for breadcrumbs).
    [[nodiscard]] std::vector<const Unit*> path_to(const std::string& unit_id) const;

private:
    std::vector<Unit> units_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_map<std::string, std::vector<std::size_t>> children_;
};

}  // namespace floorwalk
