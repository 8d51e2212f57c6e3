// Small-group suppression of the indicators, as statistical offices do it: which units' figures head office and
// directors may see so that no group of fewer than minGroupSize employees can be read, directly or by subtraction.
//
// Primary suppression hides a unit with fewer than minGroupSize active employees. That alone is not enough: the
// figures the indicators publish are sums over employees (assessed and mastered pairs, levels, accompanied
// employees, observations), so a visible parent minus its visible children gives the figures of everyone else
// below the parent. Complementary (secondary) suppression therefore hides further units until, for every visible
// unit P, the employees of P's subtree that no visible unit below P covers (its own employees, and those of its
// hidden sub-units that no visible unit further down covers) number either 0 or at least minGroupSize. Those
// "residual" groups are exactly what arithmetic on visible figures can isolate (docs/indicators.md, "Small
// groups", works an example).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk {

enum class Suppression {
    none,           // figures shown
    small_group,    // primary: fewer than minGroupSize active employees
    complementary,  // secondary: hidden so that a small group's figures cannot be worked out by subtraction
};

// "none", "small_group", "complementary".
[[nodiscard]] std::string_view to_string(Suppression suppression);

// One unit of the tree given to decide_suppression.
struct SuppressionUnit {
    std::string id;            // breaks ties between candidates of the same size
    int parent = -1;           // index of the parent in the same list, which must come before it; -1 for a root
    int direct_employees = 0;  // active employees attached to the unit itself, not to a unit below it
};

// The decision for every unit of the list (same order). Decide on the whole organisation, never on the part one
// caller sees: then every endpoint and every caller that can see a unit get the same decision, and comparing two
// answers undoes nothing. Rule:
//  1. a unit with fewer than `min_group_size` active employees in its subtree is small_group;
//  2. units are then taken children first; for each visible unit P whose residual (above) holds 1 to
//     min_group_size - 1 employees, the visible units nearest below P are hidden (complementary) one at a time,
//     the smallest first (ties by id), until the residual is safe. A unit whose own residual is empty (its figures
//     are the sum of visible units below it) is chosen only when no other is left, since hiding it alone would
//     protect nothing. Each step adds the hidden unit's residual to P's, so this ends: at worst P's residual is
//     P itself, which has at least min_group_size employees.
// Throws std::invalid_argument when a parent index does not point to an earlier unit or a count is negative.
[[nodiscard]] std::vector<Suppression> decide_suppression(std::span<const SuppressionUnit> units,
                                                          int min_group_size);

}  // namespace floorwalk
