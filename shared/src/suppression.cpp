// Small-group suppression: primary (too few employees) then complementary (no residual of 1 to k - 1 employees).
#include "floorwalk/suppression.h"

#include <stdexcept>
#include <tuple>

namespace floorwalk {
namespace {

struct Tree {
    std::vector<std::vector<int>> children;
    std::vector<int> size;  // active employees of the subtree
};

Tree build_tree(std::span<const SuppressionUnit> units) {
    Tree tree{std::vector<std::vector<int>>(units.size()), std::vector<int>(units.size(), 0)};
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto& unit = units[i];
        if (unit.parent < -1 || unit.parent >= static_cast<int>(i))
            throw std::invalid_argument("suppression: unit '" + unit.id + "' (index " + std::to_string(i) +
                                        ") names parent index " + std::to_string(unit.parent) +
                                        "; a parent must come before its children");
        if (unit.direct_employees < 0)
            throw std::invalid_argument("suppression: unit '" + unit.id + "' has a negative employee count");
        if (unit.parent >= 0) tree.children[static_cast<std::size_t>(unit.parent)].push_back(static_cast<int>(i));
    }
    // Parents come first, so walking backwards adds every child to its parent before the parent is added on.
    for (std::size_t i = units.size(); i-- > 0;) {
        tree.size[i] += units[i].direct_employees;
        if (units[i].parent >= 0) tree.size[static_cast<std::size_t>(units[i].parent)] += tree.size[i];
    }
    return tree;
}

// The visible units nearest below `unit`: its visible children, and the nearest visible units under its hidden
// ones. Their subtrees are disjoint, and what they leave of `unit`'s subtree is its residual.
void nearest_visible_below(const Tree& tree, const std::vector<Suppression>& decision, int unit,
                           std::vector<int>& out) {
    for (const int child : tree.children[static_cast<std::size_t>(unit)]) {
        if (decision[static_cast<std::size_t>(child)] == Suppression::none)
            out.push_back(child);
        else
            nearest_visible_below(tree, decision, child, out);
    }
}

int residual(const Tree& tree, const std::vector<Suppression>& decision, int unit) {
    std::vector<int> below;
    nearest_visible_below(tree, decision, unit, below);
    int covered = 0;
    for (const int v : below) covered += tree.size[static_cast<std::size_t>(v)];
    return tree.size[static_cast<std::size_t>(unit)] - covered;
}

}  // namespace

std::string_view to_string(Suppression suppression) {
    switch (suppression) {
        case Suppression::none: return "none";
        case Suppression::small_group: return "small_group";
        case Suppression::complementary: return "complementary";
    }
    return "none";
}

std::vector<Suppression> decide_suppression(std::span<const SuppressionUnit> units, int min_group_size) {
    const Tree tree = build_tree(units);
    std::vector<Suppression> decision(units.size(), Suppression::none);
    for (std::size_t i = 0; i < units.size(); ++i)
        if (tree.size[i] < min_group_size) decision[i] = Suppression::small_group;

    // Children first (they come after their parents), so that the units below P already have safe residuals
    // when P is looked at: hiding one of them then hands P a residual of 0 or at least min_group_size.
    // Hiding a unit below P changes only P's residual, never a decision already taken below or elsewhere.
    for (std::size_t p = units.size(); p-- > 0;) {
        if (decision[p] != Suppression::none) continue;
        const int unit = static_cast<int>(p);
        for (int left = residual(tree, decision, unit); left > 0 && left < min_group_size;
             left = residual(tree, decision, unit)) {
            std::vector<int> candidates;
            nearest_visible_below(tree, decision, unit, candidates);
            // Smallest first, ties by id; a unit whose own residual is empty is the sum of visible units below it,
            // so hiding it alone protects nothing: take one only when nothing else is left.
            int chosen = -1;
            std::tuple<bool, int, std::string_view> best;
            for (const int c : candidates) {
                const auto index = static_cast<std::size_t>(c);
                const std::tuple<bool, int, std::string_view> key{residual(tree, decision, c) == 0, tree.size[index],
                                                                  units[index].id};
                if (chosen < 0 || key < best) {
                    chosen = c;
                    best = key;
                }
            }
            // P has at least min_group_size employees, so a residual below that means something visible is below.
            decision[static_cast<std::size_t>(chosen)] = Suppression::complementary;
        }
    }
    return decision;
}

}  // namespace floorwalk
