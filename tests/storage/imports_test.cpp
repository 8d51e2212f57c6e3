// Imports: every row validated first, then all or nothing; upserts; row numbers and fields in errors.
#include "floorwalk/unit_tree.h"
#include "store_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace floorwalk;
using namespace floorwalk::test;

namespace {

bool has_error(const server::ImportResult& result, int row, const std::string& field, const std::string& words = {}) {
    return std::any_of(result.errors.begin(), result.errors.end(), [&](const server::RowError& e) {
        return e.row == row && e.field == field && e.message.find(words) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("units are upserted by id and re-importing the same rows applies nothing", "[imports][units]") {
    TempDir dir;
    TestDatabase database(dir.path());
    auto store = database.open();
    const auto org = store->create_organization("acme").id;
    const std::vector<Unit> tree = {
        {"s1", "r1", "Store 1", UnitKind::store},  // a child before its parent is fine
        {"root", "", "Acme", UnitKind::organization},
        {"r1", "root", "Region 1", UnitKind::region},
    };
    const auto first = store->import_units(org, tree);
    CHECK(first.errors.empty());
    CHECK(first.applied == 3);
    CHECK(store->units(org) == tree);  // import order
    CHECK(store->import_units(org, tree).applied == 0);

    const auto rename = store->import_units(
        org, {{"s1", "r1", "Store One", UnitKind::store}, {"s2", "r1", "Store 2", UnitKind::store}});
    CHECK(rename.errors.empty());
    CHECK(rename.applied == 2);
    const auto units = store->units(org);
    REQUIRE(units.size() == 4);
    CHECK(units[0].name == "Store One");
}

TEST_CASE("a unit import with a bad row writes nothing and names every bad row", "[imports][units]") {
    StoreFixture f;
    const auto before = f.store->units(f.org);

    SECTION("row rules, duplicates and unknown parents") {
        const auto result = f.store->import_units(f.org, {
                                                             {"nice", "paris", "Nice", UnitKind::store},
                                                             {"", "north", "No id", UnitKind::store},
                                                             {"bad", "nowhere", "Orphan", UnitKind::store},
                                                             {"nice", "south", "Nice again", UnitKind::store},
                                                             {"blank", "north", "", UnitKind::store},
                                                         });
        CHECK(result.applied == 0);
        CHECK(has_error(result, 2, "id"));
        CHECK(has_error(result, 3, "parentId", "nowhere"));
        CHECK(has_error(result, 4, "id", "row 1"));
        CHECK(has_error(result, 5, "name"));
        CHECK_FALSE(has_error(result, 1, "id"));
        CHECK(std::is_sorted(result.errors.begin(), result.errors.end(),
                             [](const auto& a, const auto& b) { return a.row < b.row; }));
    }
    SECTION("a second root") {
        const auto result = f.store->import_units(f.org, {{"other-root", "", "Other", UnitKind::organization}});
        CHECK(has_error(result, 1, "parentId", "\"hq\" is already the root"));
    }
    SECTION("a cycle made with stored units") {
        // north is stored under hq; making hq a child of paris (under north) closes hq -> paris -> north -> hq.
        const auto result = f.store->import_units(f.org, {{"hq", "paris", "Acme", UnitKind::organization}});
        CHECK(has_error(result, 1, "parentId", "cycle"));
    }
    SECTION("a unit made its own parent") {
        const auto result = f.store->import_units(f.org, {{"paris", "paris", "Paris", UnitKind::store}});
        CHECK(has_error(result, 1, "parentId"));
    }
    SECTION("a first import without a root") {
        const auto empty_org = f.store->create_organization("empty").id;
        const auto result =
            f.store->import_units(empty_org, {{"a", "b", "A", UnitKind::store}, {"b", "a", "B", UnitKind::store}});
        CHECK(has_error(result, 1, "parentId", "cycle"));
        CHECK(has_error(result, 2, "parentId", "cycle"));
        CHECK(f.store->units(empty_org).empty());
    }
    CHECK(f.store->units(f.org) == before);
}

TEST_CASE("employees need a stored unit, one bad row keeps every row out", "[imports][employees]") {
    StoreFixture f;
    const auto before = f.store->employees(f.org);
    const auto result = f.store->import_employees(f.org, {
                                                             {"e-new-1", "paris", "Inès Garnier", "Advisor", true},
                                                             {"e-new-2", "atlantis", "Jules Faure", "Advisor", true},
                                                             {"e-new-3", "lyon", "", "Advisor", true},
                                                             {"e-new-1", "paris", "Inès Garnier", "Advisor", true},
                                                         });
    CHECK(result.applied == 0);
    CHECK(has_error(result, 2, "unitId", "atlantis"));
    CHECK(has_error(result, 3, "displayName"));
    CHECK(has_error(result, 4, "id", "row 1"));
    CHECK(f.store->employees(f.org) == before);

    const auto good = f.store->import_employees(f.org, {{"e-new-1", "paris", "Inès Garnier", "Advisor", true},
                                                        {"e-paris-1", "lille", "Alice Martin", "Advisor", true}});
    CHECK(good.errors.empty());
    CHECK(good.applied == 2);
    const auto after = f.store->employees(f.org);
    CHECK(after.size() == before.size() + 1);
    CHECK(std::any_of(after.begin(), after.end(),
                      [](const Employee& e) { return e.id == "e-paris-1" && e.unit_id == "lille"; }));
}

TEST_CASE("users are matched by username, a new one needs a password hash", "[imports][users]") {
    StoreFixture f;
    const auto before = f.store->find_user_by_username(f.org, "mgr.paris");
    REQUIRE(before);

    const auto bad = f.store->import_users(
        f.org, {
                   {User{"", "new.one", "New One", Role::manager, {"paris"}}, std::nullopt},
                   {User{"", "new.two", "New Two", Role::manager, {"mars"}}, std::string("$argon2id$x")},
                   {User{"", "new.three", "New Three", Role::unspecified, {}}, std::string("$argon2id$x")},
                   {User{"", "new.four", "New Four", Role::director, {}}, std::string("$argon2id$x")},
                   {User{"", "has space", "Spacey", Role::hq, {}}, std::string("$argon2id$x")},
                   {User{"", "new.six", "Six", Role::hq, {}}, std::string("$argon2id$x")},
                   {User{"", "new.six", "Six again", Role::hq, {}}, std::string("$argon2id$x")},
               });
    CHECK(bad.applied == 0);
    CHECK(has_error(bad, 1, "password"));
    CHECK(has_error(bad, 2, "unitIds[0]", "mars"));
    CHECK(has_error(bad, 3, "role"));
    CHECK(has_error(bad, 4, "unitIds"));
    CHECK(has_error(bad, 5, "username"));
    CHECK(has_error(bad, 7, "username", "row 6"));
    CHECK_FALSE(f.store->find_user_by_username(f.org, "new.six"));

    // An update without a password keeps the stored hash; the id never changes.
    const auto update = f.store->import_users(
        f.org, {{User{"ignored-id", "mgr.paris", "Paul Durand", Role::manager, {"paris", "lille"}}, std::nullopt}});
    CHECK(update.errors.empty());
    CHECK(update.applied == 1);
    const auto after = f.store->find_user_by_username(f.org, "mgr.paris");
    REQUIRE(after);
    CHECK(after->user.id == before->user.id);
    CHECK(after->user.display_name == "Paul Durand");
    CHECK(after->user.unit_ids == std::vector<std::string>{"paris", "lille"});
    CHECK(after->password_hash == before->password_hash);
    CHECK(after->organization_id == f.org);

    const auto rehash = f.store->import_users(
        f.org,
        {{User{"", "mgr.paris", "Paul Durand", Role::manager, {"paris", "lille"}}, std::string("$argon2id$new")}});
    CHECK(rehash.applied == 1);
    CHECK(f.store->find_user(f.org, before->user.id)->password_hash == "$argon2id$new");

    const auto created = f.store->import_users(
        f.org, {{User{"", "new.one", "New One", Role::manager, {"lyon"}}, std::string("$argon2id$one")}});
    CHECK(created.applied == 1);
    const auto new_one = f.store->find_user_by_username(f.org, "new.one");
    REQUIRE(new_one);
    CHECK(new_one->user.role == Role::manager);
    CHECK_FALSE(new_one->user.id.empty());
    CHECK(f.store->users(f.org).size() == 7);

    CHECK(f.store->set_password_hash(f.org, new_one->user.id, "$argon2id$changed"));
    CHECK(f.store->find_user(f.org, new_one->user.id)->password_hash == "$argon2id$changed");
    CHECK_FALSE(f.store->set_password_hash(f.org, "no-such-user", "$argon2id$x"));
}

TEST_CASE("a model import adds a version, earlier versions stay readable", "[imports][model]") {
    StoreFixture f;
    auto v2 = sample_model();
    v2.version = 42;  // ignored: the store assigns the next version
    v2.dimensions.push_back({"farewell", "Farewell", "Sees the customer off", {"Thanks the customer"}});
    const auto result = f.store->import_model(f.org, v2);
    CHECK(result.errors.empty());
    CHECK(result.applied == 2);

    const auto latest = f.store->model(f.org);
    REQUIRE(latest);
    CHECK(latest->version == 2);
    CHECK(latest->dimensions.size() == 4);
    CHECK(latest->dimensions[3].behaviours == std::vector<std::string>{"Thanks the customer"});
    const auto first = f.store->model(f.org, 1);
    REQUIRE(first);
    CHECK(first->dimensions.size() == 3);
    CHECK(first->scale.levels.size() == 4);
    CHECK(first->scale.levels[2].label == "Mastering");
    CHECK_FALSE(f.store->model(f.org, 3));

    auto invalid = sample_model();
    invalid.scale.mastery_threshold = 7;
    invalid.dimensions.push_back({"welcome", "Welcome again", "", {}});
    const auto rejected = f.store->import_model(f.org, invalid);
    CHECK(rejected.applied == 0);
    CHECK(has_error(rejected, 0, "scale.masteryThreshold"));
    CHECK(has_error(rejected, 0, "dimensions[3].id"));
    CHECK(f.store->model(f.org)->version == 2);
}

TEST_CASE("KPIs upsert on unit, period and metric", "[imports][kpis]") {
    StoreFixture f;
    const auto first = f.store->import_kpis(
        f.org,
        {{"paris", "2026-01", "nps", 41}, {"paris", "2026-W05", "nps", 38.5}, {"lyon", "2026-01", "sales", 125000}});
    CHECK(first.errors.empty());
    CHECK(first.applied == 3);
    const auto update =
        f.store->import_kpis(f.org, {{"paris", "2026-01", "nps", 44}, {"lyon", "2026-01", "sales", 125000}});
    CHECK(update.applied == 1);
    const auto kpis = f.store->kpis(f.org);
    REQUIRE(kpis.size() == 3);
    CHECK(std::find(kpis.begin(), kpis.end(), KpiValue{"paris", "2026-01", "nps", 44}) != kpis.end());

    const auto bad = f.store->import_kpis(f.org, {{"paris", "2026-02", "nps", 40},
                                                  {"mars", "2026-02", "nps", 40},
                                                  {"paris", "2026-13", "nps", 40},
                                                  {"paris", "2026-02", "nps", 41}});
    CHECK(bad.applied == 0);
    CHECK(has_error(bad, 2, "unitId", "mars"));
    CHECK(has_error(bad, 3, "period"));
    CHECK(has_error(bad, 4, "metric", "row 1"));
    CHECK(f.store->kpis(f.org).size() == 3);
}

TEST_CASE("imports are scoped to their organisation", "[imports][tenants]") {
    StoreFixture f;
    const auto other = f.store->create_organization("globex").id;
    // The other organisation has no units yet: acme's units do not count there.
    const auto result = f.store->import_employees(other, {{"e1", "paris", "Someone", "Advisor", true}});
    CHECK(has_error(result, 1, "unitId"));
    CHECK(f.store->employees(other).empty());
    CHECK(f.store->units(other).empty());
    CHECK_THROWS_AS(f.store->import_units("no-such-organisation", {{"x", "", "X", UnitKind::organization}}),
                    std::invalid_argument);
}

TEST_CASE("100,000 units import at once, a tree deeper than the limit is refused with the row named",
          "[imports][units]") {
    StoreFixture f;
    const auto org = f.store->create_organization("big").id;
    std::vector<Unit> units{{"root", "", "Big retail", UnitKind::organization}};
    for (int r = 0; r < 100; ++r) units.push_back({"r" + std::to_string(r), "root", "Region", UnitKind::region});
    while (units.size() < 100'000) {
        const auto i = units.size();
        units.push_back({"s" + std::to_string(i), "r" + std::to_string(i % 100), "Store", UnitKind::store});
    }
    const auto result = f.store->import_units(org, units);
    CHECK(result.errors.empty());
    CHECK(result.applied == 100'000);
    CHECK(f.store->units(org).size() == 100'000);

    // A chain hung below one store, one level too deep: the row that reaches level 33 is named.
    std::vector<Unit> chain;
    std::string parent = "s101";  // a store, at level 3
    for (int level = 4; level <= max_unit_depth + 1; ++level) {
        chain.push_back({"deep" + std::to_string(level), parent, "Team", UnitKind::team});
        parent = chain.back().id;
    }
    const auto deep = f.store->import_units(org, chain);
    CHECK(deep.applied == 0);
    CHECK(has_error(deep, static_cast<int>(chain.size()), "parentId", "at most 32 levels"));
    CHECK(f.store->units(org).size() == 100'000);
}

TEST_CASE("an import of many bad rows answers a bounded number of errors", "[imports]") {
    StoreFixture f;
    std::vector<Employee> employees;
    for (int i = 0; i < 5000; ++i) employees.push_back({"x" + std::to_string(i), "atlantis", "X", "Advisor", true});
    const auto result = f.store->import_employees(f.org, employees);
    CHECK(result.applied == 0);
    REQUIRE(result.errors.size() == server::max_import_errors + 1);
    CHECK(result.errors.back().message.find("4000 more errors") != std::string::npos);
}
