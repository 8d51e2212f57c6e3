// Enum names used in storage and CSV, and the model's lookups.
#include "floorwalk/domain.h"

#include <catch2/catch.hpp>

using namespace floorwalk;

TEST_CASE("roles have stable lower-case names and parse in either case") {
    CHECK(to_string(Role::unspecified) == "unspecified");
    CHECK(to_string(Role::manager) == "manager");
    CHECK(to_string(Role::director) == "director");
    CHECK(to_string(Role::hq) == "hq");
    CHECK(to_string(Role::admin) == "admin");
    for (const Role role : {Role::manager, Role::director, Role::hq, Role::admin}) {
        CHECK(parse_role(to_string(role)) == role);
    }
    CHECK(parse_role("MANAGER") == Role::manager);
    CHECK(parse_role("Manager") == Role::manager);
    CHECK(parse_role("HQ") == Role::hq);
    CHECK(parse_role("ADMIN") == Role::admin);
    CHECK(parse_role("DIRECTOR") == Role::director);
    // "unspecified" is the absence of a role, never something a file may ask for.
    CHECK_FALSE(parse_role("unspecified"));
    CHECK_FALSE(parse_role("ROLE_UNSPECIFIED"));
    CHECK_FALSE(parse_role(""));
    CHECK_FALSE(parse_role("manager "));
    CHECK_FALSE(parse_role("boss"));
}

TEST_CASE("unit kinds have stable lower-case names and parse in either case") {
    CHECK(to_string(UnitKind::unspecified) == "unspecified");
    CHECK(to_string(UnitKind::organization) == "organization");
    CHECK(to_string(UnitKind::business_unit) == "business_unit");
    CHECK(to_string(UnitKind::region) == "region");
    CHECK(to_string(UnitKind::store) == "store");
    CHECK(to_string(UnitKind::team) == "team");
    for (const UnitKind kind :
         {UnitKind::organization, UnitKind::business_unit, UnitKind::region, UnitKind::store, UnitKind::team}) {
        CHECK(parse_unit_kind(to_string(kind)) == kind);
    }
    CHECK(parse_unit_kind("BUSINESS_UNIT") == UnitKind::business_unit);
    CHECK(parse_unit_kind("STORE") == UnitKind::store);
    CHECK_FALSE(parse_unit_kind("unspecified"));
    CHECK_FALSE(parse_unit_kind("business unit"));
    CHECK_FALSE(parse_unit_kind("shop"));
}

TEST_CASE("activity kinds have stable lower-case names and parse in either case") {
    CHECK(to_string(ActivityKind::unspecified) == "unspecified");
    CHECK(to_string(ActivityKind::one_to_one) == "one_to_one");
    CHECK(to_string(ActivityKind::team_briefing) == "team_briefing");
    CHECK(to_string(ActivityKind::challenge) == "challenge");
    for (const ActivityKind kind : {ActivityKind::one_to_one, ActivityKind::team_briefing, ActivityKind::challenge}) {
        CHECK(parse_activity_kind(to_string(kind)) == kind);
    }
    CHECK(parse_activity_kind("one_to_one") == ActivityKind::one_to_one);
    CHECK(parse_activity_kind("ONE_TO_ONE") == ActivityKind::one_to_one);
    CHECK(parse_activity_kind("TEAM_BRIEFING") == ActivityKind::team_briefing);
    CHECK_FALSE(parse_activity_kind("one-to-one"));
    CHECK_FALSE(parse_activity_kind("unspecified"));
    CHECK_FALSE(parse_activity_kind(""));
}

TEST_CASE("a mastery scale contains exactly its levels") {
    MasteryScale scale;
    scale.levels = {{1, "Discovering"}, {2, "Practising"}, {4, "Mastering"}};
    CHECK(scale.contains(1));
    CHECK(scale.contains(2));
    CHECK(scale.contains(4));
    CHECK_FALSE(scale.contains(3));  // between two levels is not a level
    CHECK_FALSE(scale.contains(0));
    CHECK_FALSE(scale.contains(5));
    CHECK_FALSE(MasteryScale{}.contains(0));
}

TEST_CASE("find_dimension returns the model's own dimension or null") {
    ExperienceModel model;
    model.dimensions = {{"welcome", "Welcome", "", {}}, {"advice", "Advice", "", {"Asks about the need"}}};
    const Dimension* advice = model.find_dimension("advice");
    REQUIRE(advice);
    CHECK(advice == &model.dimensions[1]);
    CHECK(advice->behaviours.size() == 1);
    CHECK(model.find_dimension("welcome") == &model.dimensions[0]);
    CHECK(model.find_dimension("Advice") == nullptr);  // ids are case-sensitive
    CHECK(model.find_dimension("") == nullptr);
    CHECK(ExperienceModel{}.find_dimension("advice") == nullptr);
}
