// /api/v1/admin/...: imports, devices and settings through the API, for the organisation's ADMIN only.
#include "support/api_fixture.h"
#include "support/json.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using Catch::Matchers::Contains;

namespace {

std::string header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return {};
}

}  // namespace

TEST_CASE_METHOD(ApiFixture, "admin endpoints answer 403 to every other role, naming the one needed") {
    for (const auto* username : {"analyst", "director", "manager"}) {
        const auto token = login(username);
        for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
                 {"PUT", "/api/v1/admin/units"},
                 {"PUT", "/api/v1/admin/employees"},
                 {"PUT", "/api/v1/admin/users"},
                 {"PUT", "/api/v1/admin/model"},
                 {"GET", "/api/v1/admin/devices"},
                 {"POST", "/api/v1/admin/devices/x/revoke"},
                 {"GET", "/api/v1/admin/settings"},
                 {"PUT", "/api/v1/admin/settings"}}) {
            const auto response = call(method, path, token, "{}");
            CHECK(response.status == 403);
            CHECK(error_code(response.body) == "forbidden");
            CHECK_THAT(from_json<pb::ErrorResponse>(response.body).error().message(), Contains("ADMIN"));
        }
    }
}

TEST_CASE_METHOD(ApiFixture, "units import from CSV upserts into the admin's organisation only") {
    const auto token = login("admin");
    const auto response = call("PUT", "/api/v1/admin/units", token,
                               "id,parentId,name,kind\nn3,north,North 3,STORE\nn1,north,North One,STORE\n", "text/csv");
    REQUIRE(response.status == 200);
    CHECK(from_json<pb::ImportResponse>(response.body).applied() == 2);
    const auto units = store->units(acme.id);
    CHECK(std::ranges::find(units, "n1", &Unit::id)->name == "North One");
    CHECK(std::ranges::count(units, "n3", &Unit::id) == 1);
    CHECK(std::ranges::count(store->units(globex.id), "n3", &Unit::id) == 0);
}

TEST_CASE_METHOD(ApiFixture, "an import with bad rows answers 400 with one detail per row and writes nothing") {
    const auto token = login("admin");
    const auto response = call("PUT", "/api/v1/admin/employees", token,
                               "id,unitId,displayName,active\nE7,n1,Eve,true\nE8,mars,Finn,true\n,n1,,maybe\n",
                               "text/csv");
    REQUIRE(response.status == 400);
    const auto error = from_json<pb::ErrorResponse>(response.body).error();
    CHECK(error.code() == "invalid_rows");
    CHECK_THAT(error.message(), Contains("Nothing was imported"));
    REQUIRE(error.details_size() >= 3);
    std::set<int> rows;
    for (const auto& detail : error.details()) rows.insert(detail.row());
    CHECK(rows.contains(3));
    CHECK_FALSE(rows.contains(1));
    CHECK(std::ranges::count(store->employees(acme.id), "E7", &Employee::id) == 0);
}

TEST_CASE_METHOD(ApiFixture, "the model is JSON or protobuf only, each import adds a version") {
    const auto token = login("admin");
    auto response = call("PUT", "/api/v1/admin/model", token, "id,name\ncx,CX\n", "text/csv");
    CHECK(response.status == 415);
    CHECK_THAT(from_json<pb::ErrorResponse>(response.body).error().message(), Contains("JSON"));

    response = call("PUT", "/api/v1/admin/model", token, read_fixture("model.json"));
    REQUIRE(response.status == 200);
    CHECK(from_json<pb::ImportResponse>(response.body).applied() == 2);
    CHECK(store->model(acme.id)->id == "acme-cx");
    CHECK(store->model(acme.id, 1)->id == "cx");  // earlier versions stay valid for old records
}

TEST_CASE_METHOD(ApiFixture, "users imported with a password can sign in") {
    const auto token = login("admin");
    const auto response = call("PUT", "/api/v1/admin/users", token,
                               R"({"users":[{"username":"zoe","displayName":"Zoé","role":"MANAGER",)"
                               R"("unitIds":["n2"],"password":"zoe-password-1"}]})");
    REQUIRE(response.status == 200);
    pb::LoginRequest login_request;
    login_request.set_organization("acme");
    login_request.set_username("zoe");
    login_request.set_password("zoe-password-1");
    login_request.set_device_id("zoe-phone");
    CHECK(call("POST", "/api/v1/auth/login", "", to_json(login_request)).status == 200);
}

TEST_CASE_METHOD(ApiFixture, "devices are listed and revoked, a revoked device's token stops working") {
    const auto manager = login("manager", "acme", "phone-7");
    const auto admin = login("admin");
    auto response = call("GET", "/api/v1/admin/devices", admin);
    REQUIRE(response.status == 200);
    const auto devices = from_json<pb::DevicesResponse>(response.body);
    const auto phone = std::ranges::find_if(devices.devices(), [](const pb::Device& d) { return d.id() == "phone-7"; });
    REQUIRE(phone != devices.devices().end());
    CHECK(phone->username() == "manager");
    CHECK_FALSE(phone->revoked());

    response = call("POST", "/api/v1/admin/devices/phone-7/revoke", admin);
    REQUIRE(response.status == 200);
    CHECK(from_json<pb::Device>(response.body).revoked());
    CHECK(call("GET", "/api/v1/me", manager).status == 401);
    CHECK(call("GET", "/api/v1/me", admin).status == 200);

    response = call("POST", "/api/v1/admin/devices/no-such-phone/revoke", admin);
    CHECK(response.status == 404);
    CHECK(error_code(response.body) == "unknown_device");
}

TEST_CASE_METHOD(ApiFixture, "an admin cannot revoke another organisation's device") {
    const auto other = login("manager", "globex", "globex-phone");
    const auto response = call("POST", "/api/v1/admin/devices/globex-phone/revoke", login("admin"));
    CHECK(response.status == 404);
    CHECK(call("GET", "/api/v1/me", other).status == 200);
}

TEST_CASE_METHOD(ApiFixture, "settings are read and replaced, invalid values answer 400 with details") {
    const auto token = login("admin");
    auto response = call("GET", "/api/v1/admin/settings", token);
    REQUIRE(response.status == 200);
    CHECK(from_json<pb::OrganizationSettings>(response.body).min_group_size() == 3);

    response = call("PUT", "/api/v1/admin/settings", token, R"({"minGroupSize":5,"dueAfterDays":14})");
    REQUIRE(response.status == 200);
    CHECK(from_json<pb::OrganizationSettings>(response.body).min_group_size() == 5);
    CHECK(store->settings(acme.id).due_after_days == 14);
    CHECK(store->settings(globex.id).min_group_size == 3);

    response = call("PUT", "/api/v1/admin/settings", token, R"({"minGroupSize":0,"dueAfterDays":14})");
    CHECK(response.status == 400);
    const auto error = from_json<pb::ErrorResponse>(response.body).error();
    CHECK(error.code() == "invalid_argument");
    REQUIRE(error.details_size() == 1);
    CHECK(error.details(0).field() == "minGroupSize");
    CHECK(store->settings(acme.id).min_group_size == 5);
    CHECK(header(response, "Cache-Control") == "no-store");
}
