// The unit tree: navigation, and validation of a whole set of units.
#include "floorwalk/unit_tree.h"
#include "floorwalk/validation.h"

#include <catch2/catch.hpp>

using namespace floorwalk;

namespace {

// org
// +- north (region)      +- south (region)
//    +- lille, +- rouen     +- nice
//       +- lille-team
std::vector<Unit> organisation() {
    return {{"org", "", "Floorwalk Retail", UnitKind::organization},
            {"north", "org", "North", UnitKind::region},
            {"lille", "north", "Lille", UnitKind::store},
            {"south", "org", "South", UnitKind::region},
            {"rouen", "north", "Rouen", UnitKind::store},
            {"nice", "south", "Nice", UnitKind::store},
            {"lille-team", "lille", "Lille floor team", UnitKind::team}};
}

std::vector<std::string> ids(const std::vector<const Unit*>& units) {
    std::vector<std::string> result;
    for (const Unit* unit : units) result.push_back(unit->id);
    return result;
}

std::vector<std::string> codes_and_fields(const ValidationErrors& errors) {
    std::vector<std::string> result;
    for (const auto& e : errors) {
        CHECK(e.message.rfind(e.field, 0) == 0);
        result.push_back(e.code + "@" + e.field);
    }
    return result;
}

}  // namespace

TEST_CASE("navigation: find, root, children, subtree, is_within, path_to") {
    const UnitTree tree(organisation());
    REQUIRE(tree.root());
    CHECK(tree.root()->id == "org");
    REQUIRE(tree.find("rouen"));
    CHECK(tree.find("rouen")->name == "Rouen");
    CHECK(tree.find("paris") == nullptr);
    CHECK(tree.units().size() == 7);

    CHECK(ids(tree.children("org")) == std::vector<std::string>{"north", "south"});
    CHECK(ids(tree.children("north")) == std::vector<std::string>{"lille", "rouen"});
    CHECK(tree.children("nice").empty());
    CHECK(tree.children("paris").empty());

    CHECK(tree.subtree("org") ==
          std::vector<std::string>{"org", "north", "lille", "lille-team", "rouen", "south", "nice"});
    CHECK(tree.subtree("north") == std::vector<std::string>{"north", "lille", "lille-team", "rouen"});
    CHECK(tree.subtree("nice") == std::vector<std::string>{"nice"});
    CHECK(tree.subtree("paris").empty());

    CHECK(tree.is_within("lille-team", "org"));
    CHECK(tree.is_within("lille-team", "north"));
    CHECK(tree.is_within("north", "north"));
    CHECK_FALSE(tree.is_within("north", "lille"));
    CHECK_FALSE(tree.is_within("nice", "north"));
    CHECK_FALSE(tree.is_within("paris", "org"));
    CHECK_FALSE(tree.is_within("org", "paris"));

    CHECK(ids(tree.path_to("lille-team")) == std::vector<std::string>{"org", "north", "lille", "lille-team"});
    CHECK(ids(tree.path_to("org")) == std::vector<std::string>{"org"});
    CHECK(tree.path_to("paris").empty());
}

TEST_CASE("an empty tree answers without a root") {
    const UnitTree tree;
    CHECK(tree.root() == nullptr);
    CHECK(tree.subtree("org").empty());
    CHECK(tree.children("org").empty());
}

TEST_CASE("validate: a proper tree has no error") { CHECK(UnitTree::validate(organisation()).empty()); }

TEST_CASE("validate: no root") {
    CHECK(codes_and_fields(UnitTree::validate({})) == std::vector<std::string>{"unit_no_root@units"});
    // Everyone has a parent: the two units form a cycle and nobody is the root.
    const auto errors = UnitTree::validate({{"a", "b", "A", UnitKind::store}, {"b", "a", "B", UnitKind::store}});
    CHECK(codes_and_fields(errors) == std::vector<std::string>{"unit_no_root@units", "unit_cycle@units[0].parentId",
                                                               "unit_cycle@units[1].parentId"});
}

TEST_CASE("validate: several roots") {
    auto units = organisation();
    units.push_back({"other", "", "Another company", UnitKind::organization});
    const auto errors = UnitTree::validate(units);
    CHECK(codes_and_fields(errors) == std::vector<std::string>{"unit_several_roots@units[7].parentId"});
    CHECK(errors[0].message.find("\"org\"") != std::string::npos);
}

TEST_CASE("validate: unknown parent") {
    auto units = organisation();
    units[5].parent_id = "west";
    const auto errors = UnitTree::validate(units);
    CHECK(codes_and_fields(errors) == std::vector<std::string>{"unit_parent_unknown@units[5].parentId"});
    CHECK(errors[0].message.find("\"west\"") != std::string::npos);
}

TEST_CASE("validate: cycles") {
    SECTION("two units beside a proper root") {
        auto units = organisation();
        units[1].parent_id = "lille";  // north -> lille -> north
        const auto errors = UnitTree::validate(units);
        CHECK(codes_and_fields(errors) ==
              std::vector<std::string>{"unit_cycle@units[1].parentId", "unit_cycle@units[2].parentId"});
        CHECK(errors[0].message.find("\"north\" -> \"lille\" -> \"north\"") != std::string::npos);
    }
    SECTION("a unit that is its own parent") {
        auto units = organisation();
        units[5].parent_id = "nice";
        CHECK(codes_and_fields(UnitTree::validate(units)) ==
              std::vector<std::string>{"unit_cycle@units[5].parentId"});
    }
}

TEST_CASE("validate: duplicate id") {
    auto units = organisation();
    units.push_back({"lille", "south", "Lille again", UnitKind::store});
    const auto errors = UnitTree::validate(units);
    CHECK(codes_and_fields(errors) == std::vector<std::string>{"unit_id_duplicate@units[7].id"});
    CHECK(errors[0].message.find("units[2]") != std::string::npos);
}

TEST_CASE("a broken set never loops, and broken units are out of the root's reach") {
    auto units = organisation();
    units[1].parent_id = "lille";  // north and lille on a cycle; rouen and lille-team hang below it
    units[5].parent_id = "west";   // nice under an unknown parent
    const UnitTree tree(units);
    CHECK(tree.subtree("org") == std::vector<std::string>{"org", "south"});
    CHECK(tree.subtree("north") == std::vector<std::string>{"north", "lille", "lille-team", "rouen"});
    CHECK_FALSE(tree.is_within("rouen", "org"));
    CHECK(tree.is_within("rouen", "north"));
    CHECK(tree.path_to("rouen").empty());
    CHECK(tree.path_to("nice").empty());
    CHECK_FALSE(tree.is_within("nice", "org"));
}

TEST_CASE("with duplicate ids the first unit wins") {
    auto units = organisation();
    units.push_back({"lille", "south", "Lille again", UnitKind::store});
    const UnitTree tree(units);
    CHECK(tree.find("lille")->name == "Lille");
    CHECK(ids(tree.children("south")) == std::vector<std::string>{"nice"});
}

namespace {

// root <- u1 <- u2 <- ... <- u(n-1): a chain n units long, listed from the bottom up (the worst order for a walk).
std::vector<Unit> chain(std::size_t n) {
    std::vector<Unit> units;
    units.reserve(n);
    for (std::size_t i = n; i-- > 1;) {
        units.push_back({"u" + std::to_string(i), i == 1 ? "root" : "u" + std::to_string(i - 1), "U", UnitKind::team});
    }
    units.push_back({"root", "", "Root", UnitKind::organization});
    return units;
}

}  // namespace

TEST_CASE("validate: a tree is at most max_unit_depth levels deep") {
    CHECK(UnitTree::validate(chain(max_unit_depth)).empty());
    const auto units = chain(max_unit_depth + 1);
    const auto errors = UnitTree::validate(units);
    REQUIRE(codes_and_fields(errors) == std::vector<std::string>{"unit_too_deep@units[0].parentId"});
    CHECK(errors[0].message.find("\"u32\" at level 33") != std::string::npos);
}

TEST_CASE("validate: a chain 100,000 units deep is refused once, without recursion") {
    const auto units = chain(100'000);
    const auto problems = UnitTree::problems(units);
    REQUIRE(problems.size() == 1);  // only the first level too many: the units below are too deep because of it
    CHECK(problems[0].code == "unit_too_deep");
    CHECK(units[*problems[0].index].id == "u32");
}

TEST_CASE("validate: a 100,000-unit cycle gives a bounded list of short messages") {
    std::vector<Unit> units{{"root", "", "Root", UnitKind::organization}};
    constexpr std::size_t n = 100'000;
    for (std::size_t i = 0; i < n; ++i)
        units.push_back({"c" + std::to_string(i), "c" + std::to_string((i + 1) % n), "C", UnitKind::store});
    const auto problems = UnitTree::problems(units);
    REQUIRE(problems.size() == max_unit_tree_problems + 1);
    CHECK(problems.back().code == "too_many_problems");
    CHECK(problems.back().message.find(std::to_string(n - max_unit_tree_problems)) != std::string::npos);
    for (const auto& problem : problems) CHECK(problem.message.size() < 400);
}

TEST_CASE("depth_first lays out parents before children, each subtree contiguous, at any depth") {
    const UnitTree tree(organisation());
    const auto placed = tree.depth_first();
    std::vector<std::string> order;
    for (const auto& unit : placed) order.push_back(unit.unit->id);
    CHECK(order == std::vector<std::string>{"org", "north", "lille", "lille-team", "rouen", "south", "nice"});
    CHECK(placed[0].subtree_end == 7);
    CHECK(placed[1].subtree_end == 5);  // north: north, lille, lille-team, rouen
    CHECK(placed[2].parent == 1);
    CHECK(placed[3].depth == 4);

    // Built without validation (as from a database written before the depth limit): no stack overflow.
    const UnitTree deep(chain(200'000));
    const auto deep_placed = deep.depth_first();
    REQUIRE(deep_placed.size() == 200'000);
    CHECK(deep_placed.back().depth == 200'000);
    CHECK(deep_placed.front().subtree_end == 200'000);
}
