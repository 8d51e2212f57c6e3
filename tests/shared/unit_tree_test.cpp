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
