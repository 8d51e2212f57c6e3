// The unit tree: parent links indexed once, walked with bounds so that a bad import (cycle, unknown parent) can
// never loop forever.
#include "floorwalk/unit_tree.h"

#include "floorwalk/validation.h"

#include <algorithm>
#include <unordered_set>

namespace floorwalk {
namespace {

std::string field_of(std::size_t index, std::string_view name) {
    return "units[" + std::to_string(index) + "]." + std::string(name);
}

std::string quoted(const std::string& id) { return "\"" + id + "\""; }

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

ValidationErrors UnitTree::validate(const std::vector<Unit>& units) {
    ValidationErrors errors;
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto [it, inserted] = first.emplace(units[i].id, i);
        if (!inserted) {
            errors.push_back({"unit_id_duplicate", field_of(i, "id"),
                              field_of(i, "id") + " is " + quoted(units[i].id) + ", already the id of units[" +
                                  std::to_string(it->second) + "]: unit ids must be unique"});
        }
    }

    std::optional<std::size_t> root;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (first.at(units[i].id) != i) continue;
        const std::string field = field_of(i, "parentId");
        if (units[i].parent_id.empty()) {
            if (!root) {
                root = i;
            } else {
                errors.push_back({"unit_several_roots", field,
                                  field + " is empty, but units[" + std::to_string(*root) + "] (" +
                                      quoted(units[*root].id) +
                                      ") is already the root: exactly one unit has an empty parentId"});
            }
        } else if (!first.contains(units[i].parent_id)) {
            errors.push_back({"unit_parent_unknown", field,
                              field + " is " + quoted(units[i].parent_id) + ", which is the id of no unit"});
        }
    }
    if (!root) {
        errors.push_back({"unit_no_root", "units",
                          "units has no root: exactly one unit must have an empty parentId"});
    }

    // Cycles: follow each unit's parents; meeting a unit of the current walk again closes a cycle. Each unit is
    // walked at most once overall, so this is linear.
    enum class State { unvisited, walking, done };
    std::vector<State> state(units.size(), State::unvisited);
    for (std::size_t start = 0; start < units.size(); ++start) {
        if (first.at(units[start].id) != start) continue;
        std::vector<std::size_t> walk;
        std::optional<std::size_t> current = start;
        while (current && state[*current] == State::unvisited) {
            state[*current] = State::walking;
            walk.push_back(*current);
            const auto parent = first.find(units[*current].parent_id);
            current = units[*current].parent_id.empty() || parent == first.end() ? std::nullopt
                                                                                  : std::optional{parent->second};
        }
        if (current && state[*current] == State::walking) {
            const auto begin = std::find(walk.begin(), walk.end(), *current);
            std::string path;
            for (auto it = begin; it != walk.end(); ++it) path += quoted(units[*it].id) + " -> ";
            path += quoted(units[*current].id);
            for (auto it = begin; it != walk.end(); ++it) {
                const std::string field = field_of(*it, "parentId");
                errors.push_back({"unit_cycle", field,
                                  field + " is " + quoted(units[*it].parent_id) +
                                      ", which closes a cycle of parents (" + path +
                                      "): a unit cannot be its own ancestor"});
            }
        }
        for (const auto index : walk) state[index] = State::done;
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

}  // namespace floorwalk
