// Small-group suppression (shared/include/floorwalk/suppression.h): hand-built trees, and random trees checked
// two independent ways: every visible unit's residual is 0 or at least minGroupSize, and no group of 1 to
// minGroupSize - 1 employees is a linear combination of the visible units' groups (so no arithmetic on visible
// figures, which are sums over employees, gives its figures).
#include "floorwalk/suppression.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <tuple>

using namespace floorwalk;

namespace {

using Units = std::vector<SuppressionUnit>;
using Decision = std::vector<Suppression>;

constexpr auto none = Suppression::none;
constexpr auto small = Suppression::small_group;
constexpr auto complementary = Suppression::complementary;

int index_of(const Units& units, const std::string& id) {
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i].id == id) return static_cast<int>(i);
    throw std::invalid_argument("no unit " + id);
}

// A tree written as (id, parent id, direct employees), parents first.
Units tree(std::initializer_list<std::tuple<std::string, std::string, int>> rows) {
    Units units;
    for (const auto& [id, parent, employees] : rows)
        units.push_back(SuppressionUnit{id, parent.empty() ? -1 : index_of(units, parent), employees});
    return units;
}

Suppression of(const Units& units, const Decision& decision, const std::string& id) {
    return decision.at(static_cast<std::size_t>(index_of(units, id)));
}

bool is_below_or_same(const Units& units, int unit, int ancestor) {
    for (int u = unit; u >= 0; u = units[static_cast<std::size_t>(u)].parent)
        if (u == ancestor) return true;
    return false;
}

std::vector<int> subtree_sizes(const Units& units) {
    std::vector<int> size(units.size());
    for (std::size_t i = units.size(); i-- > 0;) {
        size[i] += units[i].direct_employees;
        if (units[i].parent >= 0) size[static_cast<std::size_t>(units[i].parent)] += size[i];
    }
    return size;
}

// For every visible unit P: the employees of P's subtree that no visible unit strictly below P covers. Computed
// here from scratch, per employee group, not with the library's own bookkeeping.
std::string residual_problems(const Units& units, const Decision& decision, int min_group_size) {
    std::ostringstream problems;
    for (std::size_t p = 0; p < units.size(); ++p) {
        if (decision[p] != none) continue;
        int residual = 0;
        for (std::size_t u = 0; u < units.size(); ++u) {
            if (!is_below_or_same(units, static_cast<int>(u), static_cast<int>(p))) continue;
            bool covered = false;  // by a visible unit strictly below P
            for (int v = static_cast<int>(u); v != static_cast<int>(p); v = units[static_cast<std::size_t>(v)].parent)
                covered = covered || decision[static_cast<std::size_t>(v)] == none;
            if (!covered) residual += units[u].direct_employees;
        }
        if (residual > 0 && residual < min_group_size)
            problems << "visible " << units[p].id << " minus the visible units below it leaves " << residual
                     << " employee(s)\n";
    }
    return problems.str();
}

// Exact linear algebra over the integers: is `target` a rational combination of `rows`?
class Span {
public:
    explicit Span(std::vector<std::vector<std::int64_t>> rows) {
        for (auto& row : rows) add(std::move(row));
    }
    [[nodiscard]] bool contains(std::vector<std::int64_t> vector) const { return is_zero(reduce(std::move(vector))); }

private:
    static bool is_zero(const std::vector<std::int64_t>& v) {
        return std::all_of(v.begin(), v.end(), [](std::int64_t x) { return x == 0; });
    }
    static void normalise(std::vector<std::int64_t>& v) {
        std::int64_t g = 0;
        for (const auto x : v) g = std::gcd(g, x < 0 ? -x : x);
        if (g > 1)
            for (auto& x : v) x /= g;
    }
    [[nodiscard]] std::vector<std::int64_t> reduce(std::vector<std::int64_t> v) const {
        for (const auto& [pivot, row] : basis_) {
            if (v[pivot] == 0) continue;
            const auto a = row[pivot];
            const auto b = v[pivot];
            for (std::size_t j = 0; j < v.size(); ++j) v[j] = v[j] * a - row[j] * b;
            normalise(v);
        }
        return v;
    }
    void add(std::vector<std::int64_t> row) {
        row = reduce(std::move(row));
        for (std::size_t j = 0; j < row.size(); ++j)
            if (row[j] != 0) {
                basis_.emplace_back(j, std::move(row));
                return;
            }
    }
    std::vector<std::pair<std::size_t, std::vector<std::int64_t>>> basis_;
};

// Every union of direct-employee groups that holds 1 to min_group_size - 1 employees and whose figures some
// combination of visible units' figures gives. Employees attached to the same unit are never told apart by any
// figure, so these unions are every group arithmetic could single out.
std::string derivable_small_groups(const Units& units, const Decision& decision, int min_group_size) {
    std::vector<std::size_t> groups;  // units with direct employees: the coordinates
    for (std::size_t u = 0; u < units.size(); ++u)
        if (units[u].direct_employees > 0) groups.push_back(u);
    REQUIRE(groups.size() <= 14);
    std::vector<std::vector<std::int64_t>> visible;
    for (std::size_t v = 0; v < units.size(); ++v) {
        if (decision[v] != none) continue;
        std::vector<std::int64_t> row(groups.size());
        for (std::size_t g = 0; g < groups.size(); ++g)
            row[g] = is_below_or_same(units, static_cast<int>(groups[g]), static_cast<int>(v)) ? 1 : 0;
        visible.push_back(std::move(row));
    }
    const Span span(visible);
    std::ostringstream problems;
    for (std::uint32_t subset = 1; subset < (1u << groups.size()); ++subset) {
        int employees = 0;
        std::vector<std::int64_t> target(groups.size());
        for (std::size_t g = 0; g < groups.size(); ++g)
            if (subset & (1u << g)) {
                target[g] = 1;
                employees += units[groups[g]].direct_employees;
            }
        if (employees >= min_group_size || !span.contains(target)) continue;
        problems << "the " << employees << " employee(s) of {";
        for (std::size_t g = 0; g < groups.size(); ++g)
            if (subset & (1u << g)) problems << " " << units[groups[g]].id;
        problems << " } can be worked out from visible figures\n";
    }
    return problems.str();
}

std::string describe(const Units& units, const Decision& decision, int min_group_size) {
    std::ostringstream text;
    text << "minGroupSize " << min_group_size << "\n";
    const auto size = subtree_sizes(units);
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto parent = units[i].parent;
        const std::string parent_id = parent < 0 ? "-" : units[static_cast<std::size_t>(parent)].id;
        text << "  " << units[i].id << " parent " << parent_id << " direct " << units[i].direct_employees
             << " subtree " << size[i] << " -> " << to_string(decision[i]) << "\n";
    }
    return text.str();
}

Units random_tree(std::mt19937& random, int unit_count) {
    Units units;
    std::uniform_int_distribution<int> small_count(0, 3);
    std::uniform_int_distribution<int> large_count(0, 9);
    std::bernoulli_distribution leaf_heavy(0.5);
    for (int i = 0; i < unit_count; ++i) {
        const int parent = i == 0 ? -1 : std::uniform_int_distribution<int>(0, i - 1)(random);
        units.push_back(SuppressionUnit{"u" + std::to_string(100 + i), parent,
                                        leaf_heavy(random) ? large_count(random) : small_count(random)});
    }
    return units;
}

}  // namespace

TEST_CASE("the worked example of docs/indicators.md (small groups)", "[suppression]") {
    const auto units = tree({{"HQ", "", 0},
                             {"North", "HQ", 1},
                             {"Lille", "North", 4},
                             {"Lens", "North", 1},
                             {"South", "HQ", 0},
                             {"Nice", "South", 6},
                             {"Cannes", "South", 3}});
    const auto decision = decide_suppression(units, 3);
    CHECK(decision == Decision{none, none, complementary, small, none, none, none});
    CHECK(residual_problems(units, decision, 3).empty());
    CHECK(derivable_small_groups(units, decision, 3).empty());
    // Lens alone hidden would leave North - Lille: the trainer and Lens' employee.
    const Decision primary_only{none, none, none, small, none, none, none};
    CHECK(residual_problems(units, primary_only, 3) ==
          "visible North minus the visible units below it leaves 2 employee(s)\n");
    CHECK_FALSE(derivable_small_groups(units, primary_only, 3).empty());
}

TEST_CASE("a unit with fewer than minGroupSize employees is hidden, a sibling left alone beside it is hidden too",
          "[suppression]") {
    // Region 6 = Lille 5 + Lens 1: Region - Lille would give Lens.
    const auto units = tree({{"region", "", 0}, {"lille", "region", 5}, {"lens", "region", 1}});
    const auto decision = decide_suppression(units, 3);
    CHECK(of(units, decision, "region") == none);
    CHECK(of(units, decision, "lens") == small);
    CHECK(of(units, decision, "lille") == complementary);
}

TEST_CASE("the smallest sibling is the one hidden beside a small unit, ties by id", "[suppression]") {
    const auto units = tree({{"region", "", 0}, {"big", "region", 20}, {"mid", "region", 6}, {"tiny", "region", 2},
                             {"b-twin", "region", 4}, {"a-twin", "region", 4}});
    const auto decision = decide_suppression(units, 3);
    CHECK(of(units, decision, "tiny") == small);
    CHECK(of(units, decision, "a-twin") == complementary);  // 4 = 4: "a-twin" sorts first
    CHECK(of(units, decision, "b-twin") == none);
    CHECK(of(units, decision, "mid") == none);
    CHECK(of(units, decision, "big") == none);
    CHECK(residual_problems(units, decision, 3).empty());
}

TEST_CASE("two small units that together reach minGroupSize need no other hidden", "[suppression]") {
    const auto units = tree({{"region", "", 0}, {"a", "region", 2}, {"b", "region", 1}, {"c", "region", 7}});
    const auto decision = decide_suppression(units, 3);
    CHECK(of(units, decision, "a") == small);
    CHECK(of(units, decision, "b") == small);
    CHECK(of(units, decision, "c") == none);  // region - c = a + b = 3 employees: a safe group
}

TEST_CASE("employees attached to the parent itself form a residual too", "[suppression]") {
    // A region manager's two direct reports: region - north - south would be those two.
    const auto units = tree({{"region", "", 2}, {"north", "region", 5}, {"south", "region", 8}});
    const auto decision = decide_suppression(units, 3);
    CHECK(of(units, decision, "north") == complementary);
    CHECK(of(units, decision, "south") == none);
    CHECK(of(units, decision, "region") == none);
    // Three direct employees are a group of their own: nothing to hide.
    const auto safe = tree({{"region", "", 3}, {"north", "region", 5}, {"south", "region", 8}});
    CHECK(decide_suppression(safe, 3) == Decision{none, none, none});
}

TEST_CASE("several levels: a hidden unit deep down is protected at every level above it", "[suppression]") {
    // root > {R1 > {S1 (4), S2 > {T1 (1), T2 (5)}}, R2 (6)}
    const auto units = tree({{"root", "", 0},
                             {"R1", "root", 0},
                             {"S1", "R1", 4},
                             {"S2", "R1", 0},
                             {"T1", "S2", 1},
                             {"T2", "S2", 5},
                             {"R2", "root", 6}});
    const auto decision = decide_suppression(units, 3);
    CHECK(of(units, decision, "T1") == small);
    CHECK(of(units, decision, "T2") == complementary);  // S2 - T2 = T1
    CHECK(of(units, decision, "S2") == none);           // S2's residual is now T1 + T2 = 6
    CHECK(of(units, decision, "S1") == none);
    CHECK(of(units, decision, "R1") == none);
    CHECK(residual_problems(units, decision, 3).empty());
    CHECK(derivable_small_groups(units, decision, 3).empty());
}

TEST_CASE("a unit whose figures are the sum of visible units below it is not hidden for nothing", "[suppression]") {
    // R = A + B exactly (no residual of its own), C = 12, and one small unit X: root - R - C = X. Hiding R alone
    // would protect nothing (R = A + B); C, the smallest unit with a residual of its own, is hidden instead.
    const auto units = tree({{"root", "", 0}, {"R", "root", 0}, {"A", "R", 5}, {"B", "R", 5}, {"C", "root", 12},
                             {"X", "root", 1}});
    const auto decision = decide_suppression(units, 3);
    CHECK(of(units, decision, "X") == small);
    CHECK(of(units, decision, "R") == none);
    CHECK(of(units, decision, "C") == complementary);
    CHECK(derivable_small_groups(units, decision, 3).empty());

    // When every candidate is such a sum, one is hidden and then a unit below it.
    const auto nested = tree({{"root", "", 0}, {"R", "root", 0}, {"A", "R", 5}, {"B", "R", 6}, {"X", "root", 1}});
    const auto nested_decision = decide_suppression(nested, 3);
    CHECK(of(nested, nested_decision, "R") == complementary);
    CHECK(of(nested, nested_decision, "A") == complementary);
    CHECK(of(nested, nested_decision, "B") == none);
    CHECK(residual_problems(nested, nested_decision, 3).empty());
    CHECK(derivable_small_groups(nested, nested_decision, 3).empty());
}

TEST_CASE("a director's part of the tree gets the decision made on the whole tree, never a weaker one",
          "[suppression]") {
    // HQ > {North > {Lille (4), Lens (1)}, South (3)} at minGroupSize 4. Decided on North's subtree alone, North
    // would be shown (5 employees, Lille hidden beside Lens). But head office sees HQ (8) with South hidden: with
    // North shown to its director, HQ - North would give South's 3 employees. North must be hidden from both.
    const auto units = tree({{"HQ", "", 0}, {"North", "HQ", 0}, {"Lille", "North", 4}, {"Lens", "North", 1},
                             {"South", "HQ", 3}});
    const auto whole = decide_suppression(units, 4);
    CHECK(of(units, whole, "South") == small);
    CHECK(of(units, whole, "Lens") == small);
    CHECK(of(units, whole, "Lille") == complementary);
    CHECK(of(units, whole, "North") == complementary);
    CHECK(of(units, whole, "HQ") == none);

    const auto north_only = tree({{"North", "", 0}, {"Lille", "North", 4}, {"Lens", "North", 1}});
    CHECK(decide_suppression(north_only, 4).front() == none);  // what a per-view decision would wrongly give

    // What a director of North and head office see together reveals nothing.
    CHECK(derivable_small_groups(units, whole, 4).empty());
}

TEST_CASE("minGroupSize 1 hides only empty units, an empty tree is an empty decision", "[suppression]") {
    const auto units = tree({{"root", "", 0}, {"a", "root", 1}, {"empty", "root", 0}});
    CHECK(decide_suppression(units, 1) == Decision{none, none, small});
    CHECK(decide_suppression(Units{}, 3).empty());
    // A root below minGroupSize hides everything under it.
    CHECK(decide_suppression(tree({{"root", "", 1}, {"a", "root", 1}}), 3) == Decision{small, small});
}

TEST_CASE("a parent listed after its child, or a negative count, is a programming error", "[suppression]") {
    CHECK_THROWS_AS(decide_suppression(Units{{"a", 1, 1}, {"b", -1, 1}}, 3), std::invalid_argument);
    CHECK_THROWS_AS(decide_suppression(Units{{"a", 0, 1}}, 3), std::invalid_argument);
    CHECK_THROWS_AS(decide_suppression(Units{{"a", -1, -2}}, 3), std::invalid_argument);
}

TEST_CASE("random trees: no visible figure, alone or combined, reveals a group below minGroupSize",
          "[suppression][property]") {
    std::mt19937 random(20260401);
    for (int round = 0; round < 1500; ++round) {
        const int min_group_size = std::uniform_int_distribution<int>(2, 6)(random);
        auto units = random_tree(random, std::uniform_int_distribution<int>(1, 12)(random));
        const auto decision = decide_suppression(units, min_group_size);
        INFO("round " << round << "\n" << describe(units, decision, min_group_size));
        REQUIRE(decision.size() == units.size());
        const auto size = subtree_sizes(units);
        for (std::size_t i = 0; i < units.size(); ++i) {
            // Primary suppression exactly where the unit is small; nothing small is ever shown.
            CHECK((decision[i] == small) == (size[i] < min_group_size));
        }
        REQUIRE(residual_problems(units, decision, min_group_size) == "");
        REQUIRE(derivable_small_groups(units, decision, min_group_size) == "");
        // Deterministic: the same tree gives the same decision.
        CHECK(decide_suppression(units, min_group_size) == decision);
    }
}

TEST_CASE("random large trees: every visible unit's residual is 0 or at least minGroupSize",
          "[suppression][property]") {
    std::mt19937 random(7);
    for (int round = 0; round < 300; ++round) {
        const int min_group_size = std::uniform_int_distribution<int>(2, 10)(random);
        const auto units = random_tree(random, std::uniform_int_distribution<int>(20, 120)(random));
        const auto decision = decide_suppression(units, min_group_size);
        INFO("round " << round << "\n" << describe(units, decision, min_group_size));
        REQUIRE(residual_problems(units, decision, min_group_size) == "");
    }
}
