#include "api/imports.h"
#include "auth/password.h"
#include "sync/sql_store.h"
#include "test_database.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using Status = ImportOutcome::Status;

namespace {

struct ImportFixture {
    TempDir dir;
    std::unique_ptr<Store> store = floorwalk::test::test_database(dir.path()).open();
    std::string org = store->create_organization("acme").id;

    ImportOutcome import(ImportKind kind, const std::string& fixture) {
        return run_import(*store, org, kind, media_type_for_file(fixture), read_fixture(fixture), HashCost::fast);
    }
    void import_tree() {
        REQUIRE(import(ImportKind::units, "units.csv").status == Status::applied);
    }
};

bool has_error(const ImportOutcome& outcome, int row, const std::string& field) {
    return std::ranges::any_of(outcome.errors, [&](const RowError& e) { return e.row == row && e.field == field; });
}

}  // namespace

TEST_CASE_METHOD(ImportFixture, "units import from CSV with quoted fields, CRLF and kinds in any case") {
    const auto outcome = import(ImportKind::units, "units.csv");
    REQUIRE(outcome.status == Status::applied);
    CHECK(outcome.applied == 4);
    const auto units = store->units(org);
    const auto paris = std::ranges::find(units, "paris-1", &Unit::id);
    REQUIRE(paris != units.end());
    CHECK(paris->name == "Paris Opéra, flagship");
    CHECK(paris->parent_id == "idf");
    CHECK(paris->kind == UnitKind::store);
    CHECK(std::ranges::find(units, "paris-1-a", &Unit::id)->kind == UnitKind::team);
}

TEST_CASE_METHOD(ImportFixture, "every bad unit row is reported and nothing is written") {
    const auto outcome = import(ImportKind::units, "units_bad.csv");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(has_error(outcome, 2, "name"));
    CHECK(has_error(outcome, 3, "kind"));
    CHECK(has_error(outcome, 4, "id"));
    CHECK(std::ranges::is_sorted(outcome.errors, {}, &RowError::row));
    CHECK(store->units(org).empty());
}

TEST_CASE_METHOD(ImportFixture, "a cycle in the unit tree is refused") {
    const auto outcome = import(ImportKind::units, "units_cycle.json");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK_FALSE(outcome.errors.empty());
    CHECK(store->units(org).empty());
}

TEST_CASE_METHOD(ImportFixture, "the CSV header is checked: unknown and missing columns") {
    auto outcome = run_import(*store, org, ImportKind::units, "text/csv", "id,name,colour\nroot,Acme,blue\n");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(has_error(outcome, 0, "colour"));
    outcome = run_import(*store, org, ImportKind::employees, "text/csv", "id,unitId\nE1,root\n");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(has_error(outcome, 0, "displayName"));
}

TEST_CASE_METHOD(ImportFixture, "a row with the wrong number of fields is reported") {
    const auto outcome = run_import(*store, org, ImportKind::units, "text/csv",
                                    "id,parentId,name,kind\nroot,,Acme,ORGANIZATION\nidf,root,IDF\n");
    REQUIRE(outcome.status == Status::invalid_rows);
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0].row == 2);
    CHECK(outcome.errors[0].message == "the row has 3 fields where the header has 4");
}

TEST_CASE_METHOD(ImportFixture, "employees import from CSV: booleans true/false in any case, empty means active") {
    import_tree();
    const auto outcome = import(ImportKind::employees, "employees.csv");
    REQUIRE(outcome.status == Status::applied);
    CHECK(outcome.applied == 4);
    const auto employees = store->employees(org);
    auto active = [&](const char* id) { return std::ranges::find(employees, id, &Employee::id)->active; };
    CHECK(active("E001"));
    CHECK(active("E002"));
    CHECK_FALSE(active("E003"));
    CHECK(active("E004"));
    CHECK(std::ranges::find(employees, "E002", &Employee::id)->display_name == "Durand, Léa");
}

TEST_CASE_METHOD(ImportFixture, "a JSON employee without 'active' is active, one with false is not") {
    import_tree();
    REQUIRE(import(ImportKind::employees, "employees.json").status == Status::applied);
    const auto employees = store->employees(org);
    CHECK(std::ranges::find(employees, "E101", &Employee::id)->active);
    CHECK_FALSE(std::ranges::find(employees, "E102", &Employee::id)->active);
}

TEST_CASE_METHOD(ImportFixture, "a boolean that is neither true nor false is a row error") {
    import_tree();
    const auto outcome = run_import(*store, org, ImportKind::employees, "text/csv",
                                    "id,unitId,displayName,active\nE1,paris-1,Ana,yes\n");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(has_error(outcome, 1, "active"));
}

TEST_CASE_METHOD(ImportFixture, "an employee in an unknown unit is refused by the store") {
    import_tree();
    const auto outcome = run_import(*store, org, ImportKind::employees, "application/json",
                                    R"({"employees":[{"id":"E9","unitId":"mars","displayName":"Zed"}]})");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(outcome.errors.front().row == 1);
    CHECK(store->employees(org).empty());
}

TEST_CASE_METHOD(ImportFixture, "users import from CSV: unit lists split on semicolons, passwords hashed with argon2id") {
    import_tree();
    const auto outcome = import(ImportKind::users, "users.csv");
    REQUIRE(outcome.status == Status::applied);
    CHECK(outcome.applied == 2);
    const auto claire = store->find_user_by_username(org, "claire");
    REQUIRE(claire);
    CHECK(claire->user.role == Role::manager);
    CHECK(claire->user.unit_ids == std::vector<std::string>{"paris-1", "paris-1-a"});
    CHECK(claire->password_hash.starts_with("$argon2id$"));
    CHECK(verify_password("first-password-1", claire->password_hash));
    CHECK(store->find_user_by_username(org, "marc")->user.role == Role::director);
}

TEST_CASE_METHOD(ImportFixture, "an existing user keeps the password when the row leaves it empty") {
    import_tree();
    REQUIRE(import(ImportKind::users, "users.csv").status == Status::applied);
    const auto outcome = run_import(*store, org, ImportKind::users, "text/csv",
                                    "username,displayName,role,unitIds\nclaire,Claire D.,MANAGER,paris-1\n");
    REQUIRE(outcome.status == Status::applied);
    const auto claire = store->find_user_by_username(org, "claire");
    CHECK(claire->user.display_name == "Claire D.");
    CHECK(verify_password("first-password-1", claire->password_hash));
}

TEST_CASE_METHOD(ImportFixture, "user rows: a new user needs a password of 8+ characters and a known role") {
    import_tree();
    const auto outcome = import(ImportKind::users, "users_bad.csv");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(has_error(outcome, 1, "password"));
    CHECK(has_error(outcome, 2, "password"));
    CHECK(has_error(outcome, 3, "role"));
    CHECK(store->users(org).empty());
}

TEST_CASE_METHOD(ImportFixture, "the model imports from JSON as the next version, never from CSV") {
    auto outcome = import(ImportKind::model, "model.json");
    REQUIRE(outcome.status == Status::applied);
    CHECK(outcome.applied == 1);
    CHECK(store->model(org)->dimensions.size() == 2);
    CHECK(import(ImportKind::model, "model.json").applied == 2);

    outcome = run_import(*store, org, ImportKind::model, "text/csv", "id,name\nx,y\n");
    CHECK(outcome.status == Status::unsupported_media_type);
    CHECK_THAT(outcome.message, Catch::Matchers::Contains("JSON"));
}

TEST_CASE_METHOD(ImportFixture, "an invalid model is reported field by field on row 0") {
    const auto outcome = run_import(*store, org, ImportKind::model, "application/json",
                                    R"({"id":"m","name":"M","scale":{"levels":[{"level":1,"label":"a"}],"masteryThreshold":3}})");
    REQUIRE(outcome.status == Status::invalid_rows);
    CHECK(has_error(outcome, 0, "scale.levels"));
    CHECK(has_error(outcome, 0, "dimensions"));
    CHECK_FALSE(store->model(org));
}

TEST_CASE_METHOD(ImportFixture, "unreadable bodies and unknown media types") {
    CHECK(run_import(*store, org, ImportKind::units, "application/json", "{not json").status == Status::malformed);
    CHECK(run_import(*store, org, ImportKind::units, "application/json", R"({"unit":[]})").status ==
          Status::malformed);  // unknown field
    CHECK(run_import(*store, org, ImportKind::units, "application/x-protobuf", "\xff\xff\xff").status ==
          Status::malformed);
    CHECK(run_import(*store, org, ImportKind::units, "text/csv", "id,name\n\"unterminated\n").status ==
          Status::malformed);
    CHECK(run_import(*store, org, ImportKind::units, "text/plain", "id,name").status ==
          Status::unsupported_media_type);
    CHECK(run_import(*store, org, ImportKind::units, "application/json", R"({"units":[]})").status ==
          Status::malformed);  // nothing to import
}

TEST_CASE("import files are typed by their extension") {
    CHECK(media_type_for_file("units.csv") == "text/csv");
    CHECK(media_type_for_file("UNITS.CSV") == "text/csv");
    CHECK(media_type_for_file("model.json") == "application/json");
    CHECK(media_type_for_file("units.txt").empty());
    CHECK(parse_import_kind("users") == ImportKind::users);
    CHECK(parse_import_kind("kpis") == ImportKind::kpis);
    CHECK_FALSE(parse_import_kind("targets"));
}
