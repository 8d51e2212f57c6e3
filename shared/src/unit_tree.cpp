// The unit tree: parent links indexed once, walked iteratively and with bounds, so that a bad import (a cycle, an
// unknown parent, a chain thousands of units deep) can neither loop forever nor overflow the stack.
#include "floorwalk/unit_tree.h"

#include "floorwalk/validation.h"

#include <algorithm>
#include <unordered_set>

namespace floorwalk {
namespace {

std::string quoted(const std::string& id) { return "\"" + id + "\""; }

// Collects problems up to a bound and counts the ones beyond it.
class ProblemList {
public:
    explicit ProblemList(std::size_t max) : max_(max) {}

    void add(std::optional<std::size_t> index, std::string code, std::string field, std::string message) {
        if (problems_.size() >= max_) {
            ++dropped_;
            return;
        }
        problems_.push_back({index, std::move(code), std::move(field), std::move(message)});
    }

    [[nodiscard]] std::vector<UnitTreeProblem> take() {
        if (dropped_ > 0) {
            problems_.push_back({std::nullopt, "too_many_problems", "units",
                                 "units has " + std::to_string(dropped_) +
                                     " more problems of the same kinds, not listed: correct the ones above first"});
        }
        return std::move(problems_);
    }

private:
    std::size_t max_;
    std::size_t dropped_ = 0;
    std::vector<UnitTreeProblem> problems_;
};

// "a" -> "b" -> "a", shortened for long cycles so that one message stays small.
std::string cycle_path(const std::vector<Unit>& units, const std::vector<std::size_t>& cycle) {
    constexpr std::size_t max_shown = 8;
    std::string path;
    for (std::size_t k = 0; k < cycle.size() && k < max_shown; ++k) path += quoted(units[cycle[k]].id) + " -> ";
    if (cycle.size() > max_shown) path += "... (" + std::to_string(cycle.size()) + " units) -> ";
    return path + quoted(units[cycle.front()].id);
}

}  // namespace

UnitTree::UnitTree(std::vector<Unit> units) : units_(std::move(units)) {
    // The first unit with a given id wins; validate() reports the duplicates.
    for (std::size_t i = 0; i < units_.size(); ++i) index_.emplace(units_[i].id, i);
    for (std::size_t i = 0; i < units_.size(); ++i) {
        const auto found = index_.find(units_[i].id);
        if (found->second != i) continue;
        if (!units_[i].parent_id.empty()) children_[units_[i].parent_id].push_back(i);
    }
}

std::vector<UnitTreeProblem> UnitTree::problems(const std::vector<Unit>& units, std::size_t max_problems) {
    ProblemList problems(max_problems);
    constexpr auto none = static_cast<std::size_t>(-1);
    std::unordered_map<std::string, std::size_t> first;
    first.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto [it, inserted] = first.emplace(units[i].id, i);
        if (!inserted) {
            problems.add(i, "unit_id_duplicate", "id",
                         "id is " + quoted(units[i].id) + ", already the id of units[" + std::to_string(it->second) +
                             "]: unit ids must be unique");
        }
    }
    const auto is_first = [&](std::size_t i) { return first.at(units[i].id) == i; };

    // Parent links as indices: `none` for a root and for an unknown parent.
    std::vector<std::size_t> parent(units.size(), none);
    std::optional<std::size_t> root;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (!is_first(i)) continue;
        if (units[i].parent_id.empty()) {
            if (!root) {
                root = i;
            } else {
                problems.add(i, "unit_several_roots", "parentId",
                             "parentId is empty, but " + quoted(units[*root].id) +
                                 " is already the root: exactly one unit has an empty parentId");
            }
        } else if (const auto it = first.find(units[i].parent_id); it != first.end()) {
            parent[i] = it->second;
        } else {
            problems.add(i, "unit_parent_unknown", "parentId",
                         "parentId is " + quoted(units[i].parent_id) + ", which is the id of no unit");
        }
    }
    if (!root) {
        problems.add(std::nullopt, "unit_no_root", "units",
                     "units has no root: exactly one unit must have an empty parentId");
    }

    // Depths and cycles in one linear pass: follow each unit's parents until a unit already placed, a root, an
    // unknown parent or a unit of the current walk (a cycle); then give the walk its depths from the top down.
    // depth 0: not yet walked; -1: reaches no root (cycle, unknown parent, below either).
    enum class State : unsigned char { unvisited, walking, done };
    std::vector<State> state(units.size(), State::unvisited);
    std::vector<int> depth(units.size(), 0);
    std::vector<std::size_t> walk;
    for (std::size_t start = 0; start < units.size(); ++start) {
        if (!is_first(start) || state[start] != State::unvisited) continue;
        walk.clear();
        std::size_t current = start;
        while (current != none && state[current] == State::unvisited) {
            state[current] = State::walking;
            walk.push_back(current);
            current = parent[current];
        }
        int above = -1;  // depth of the unit above the walk's top
        if (current == none) {
            above = units[walk.back()].parent_id.empty() ? 0 : -1;
        } else if (state[current] == State::done) {
            above = depth[current];
        } else {  // walking: the walk came back to itself
            const auto begin = std::find(walk.begin(), walk.end(), current);
            const std::vector<std::size_t> cycle(begin, walk.end());
            const std::string path = cycle_path(units, cycle);
            for (const auto index : cycle) {
                problems.add(index, "unit_cycle", "parentId",
                             "parentId is " + quoted(units[index].parent_id) + ", which closes a cycle of parents (" +
                                 path + "): a unit cannot be its own ancestor");
            }
        }
        for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
            above = above < 0 ? -1 : above + 1;
            depth[*it] = above;
            state[*it] = State::done;
        }
    }
    // Only the first level too many is reported: the units below it are too deep for the same reason.
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (depth[i] != max_unit_depth + 1) continue;
        problems.add(i, "unit_too_deep", "parentId",
                     "parentId is " + quoted(units[i].parent_id) + ", which puts " + quoted(units[i].id) +
                         " at level " + std::to_string(depth[i]) + " below the top: a unit tree has at most " +
                         std::to_string(max_unit_depth) + " levels");
    }
    return problems.take();
}

ValidationErrors UnitTree::validate(const std::vector<Unit>& units) {
    ValidationErrors errors;
    for (auto& problem : problems(units)) {
        if (!problem.index) {
            errors.push_back({std::move(problem.code), std::move(problem.field), std::move(problem.message)});
            continue;
        }
        const std::string prefix = "units[" + std::to_string(*problem.index) + "].";
        errors.push_back({std::move(problem.code), prefix + problem.field, prefix + problem.message});
    }
    return errors;
}

const Unit* UnitTree::find(const std::string& unit_id) const {
    const auto it = index_.find(unit_id);
    return it == index_.end() ? nullptr : &units_[it->second];
}

const Unit* UnitTree::root() const {
    // With several roots (an invalid set), the first in input order.
    for (std::size_t i = 0; i < units_.size(); ++i) {
        if (units_[i].parent_id.empty() && index_.at(units_[i].id) == i) return &units_[i];
    }
    return nullptr;
}

std::vector<const Unit*> UnitTree::children(const std::string& unit_id) const {
    std::vector<const Unit*> result;
    const auto it = children_.find(unit_id);
    if (it == children_.end() || !index_.contains(unit_id)) return result;
    result.reserve(it->second.size());
    for (const auto index : it->second) result.push_back(&units_[index]);
    return result;
}

std::vector<std::string> UnitTree::subtree(const std::string& unit_id) const {
    std::vector<std::string> result;
    if (!index_.contains(unit_id)) return result;
    // Depth-first, parents before children, in input order; `seen` stops a cycle from looping.
    std::unordered_set<std::string> seen;
    std::vector<std::string> stack{unit_id};
    while (!stack.empty()) {
        std::string current = std::move(stack.back());
        stack.pop_back();
        if (!seen.insert(current).second) continue;
        result.push_back(current);
        const auto it = children_.find(current);
        if (it == children_.end()) continue;
        for (auto child = it->second.rbegin(); child != it->second.rend(); ++child) {
            stack.push_back(units_[*child].id);
        }
    }
    return result;
}

bool UnitTree::is_within(const std::string& unit_id, const std::string& ancestor_id) const {
    const Unit* current = find(unit_id);
    // At most one step per unit: a longer walk can only be a cycle.
    for (std::size_t steps = 0; current && steps <= units_.size(); ++steps) {
        if (current->id == ancestor_id) return true;
        if (current->parent_id.empty()) return false;
        current = find(current->parent_id);
    }
    return false;
}

std::vector<const Unit*> UnitTree::path_to(const std::string& unit_id) const {
    std::vector<const Unit*> path;
    const Unit* current = find(unit_id);
    for (std::size_t steps = 0; current && steps <= units_.size(); ++steps) {
        path.push_back(current);
        if (current->parent_id.empty()) {
            std::reverse(path.begin(), path.end());
            return path;
        }
        current = find(current->parent_id);
    }
    return {};  // unknown unit, or a chain that never reaches a root (unknown parent or cycle)
}

std::vector<UnitTree::Placed> UnitTree::depth_first() const {
    std::vector<Placed> placed;
    const Unit* top = root();
    if (top == nullptr) return placed;
    placed.reserve(units_.size());
    // An explicit stack of (position, next child to visit): no recursion, whatever the depth.
    struct Frame {
        int position;
        std::size_t next_child;
    };
    const std::vector<std::size_t> no_children;
    const auto children_of = [&](const Unit& unit) -> const std::vector<std::size_t>& {
        const auto it = children_.find(unit.id);
        return it == children_.end() ? no_children : it->second;
    };
    placed.push_back(Placed{top, -1, 0, 1});
    std::vector<Frame> stack{{0, 0}};
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const auto& children = children_of(*placed[static_cast<std::size_t>(frame.position)].unit);
        if (frame.next_child == children.size()) {
            placed[static_cast<std::size_t>(frame.position)].subtree_end = static_cast<int>(placed.size());
            stack.pop_back();
            continue;
        }
        const Unit& child = units_[children[frame.next_child++]];
        const int position = static_cast<int>(placed.size());
        placed.push_back(Placed{&child, frame.position, 0, placed[static_cast<std::size_t>(frame.position)].depth + 1});
        stack.push_back({position, 0});
    }
    return placed;
}

}  // namespace floorwalk
