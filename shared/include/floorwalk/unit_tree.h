// The organisation's unit tree: one root, no cycles, at most max_unit_depth levels; answers "which units are
// under U". Every walk is iterative and linear, so a hostile import (a chain 100,000 units deep) can neither
// overflow a stack nor take quadratic time.
#pragma once

#include "floorwalk/domain.h"

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace floorwalk {

struct ValidationError;

// Levels from the root (level 1) down: generous for organisation, business unit, region, area, store, team...,
// and small enough that no walk of the tree is ever long.
inline constexpr int max_unit_depth = 32;
// validate() names at most this many problems, then says how many more there were.
inline constexpr std::size_t max_unit_tree_problems = 100;

// One broken rule of a unit set. `index` is the unit's position in the input (nullopt for the set as a whole);
// `field` is the unit's field ("id", "parentId", or "units" for the set) and `message` starts with it.
struct UnitTreeProblem {
    std::optional<std::size_t> index;
    std::string code;
    std::string field;
    std::string message;
};

class UnitTree {
public:
    // A unit in depth-first order from the root: parents before children, children in input order. Its subtree
    // is positions [position, subtree_end).
    struct Placed {
        const Unit* unit = nullptr;
        int parent = -1;  // position of the parent, -1 for the root
        int subtree_end = 0;
        int depth = 1;  // the root is at depth 1
    };

    UnitTree() = default;
    // Builds the tree; units whose parent is unknown or that sit on a cycle are reported by validate(), and are
    // reachable from no root.
    explicit UnitTree(std::vector<Unit> units);

    // Problems of the whole set: no root or several roots, unknown parent, cycle, duplicate id, deeper than
    // max_unit_depth. Linear in the number of units; at most `max_problems` problems, then one that counts the rest.
    [[nodiscard]] static std::vector<UnitTreeProblem> problems(const std::vector<Unit>& units,
                                                               std::size_t max_problems = max_unit_tree_problems);
    // problems() as validation errors, with fields and messages naming the unit's index ("units[3].parentId").
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
    // Every unit reachable from the root, depth-first (see Placed); empty without a root.
    [[nodiscard]] std::vector<Placed> depth_first() const;

private:
    std::vector<Unit> units_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_map<std::string, std::vector<std::size_t>> children_;
};

}  // namespace floorwalk
