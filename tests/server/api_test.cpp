// Dispatch, authentication, sign-in, /me, /units, health and the indicator delegation, without a network.
#include "api/metrics_endpoint.h"
#include "api/negotiation.h"
#include "floorwalk/validation.h"
#include "support/api_fixture.h"
#include "support/json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

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

std::string login_body(const std::string& username, const std::string& password = test_password,
                       const std::string& device = "phone-1") {
    pb::LoginRequest request;
    request.set_organization("acme");
    request.set_username(username);
    request.set_password(password);
    request.set_device_id(device);
    request.set_device_name("Pixel 8");
    return to_json(request);
}

std::set<std::string> unit_ids(const Response& response) {
    std::set<std::string> ids;
    const auto units = from_json<pb::UnitsResponse>(response.body);
    for (const auto& unit : units.units()) ids.insert(unit.id());
    return ids;
}

}  // namespace

TEST_CASE_METHOD(ApiFixture, "sign-in answers a token, the user and the organisation, never to be cached") {
    const auto response = call("POST", "/api/v1/auth/login", "", login_body("manager"));
    REQUIRE(response.status == 200);
    const auto body = from_json<pb::LoginResponse>(response.body);
    CHECK(body.token().size() == 43);
    CHECK(body.user().username() == "manager");
    CHECK(body.user().role() == pb::MANAGER);
    CHECK(std::vector<std::string>(body.user().unit_ids().begin(), body.user().unit_ids().end()) ==
          std::vector<std::string>{"n1"});
    CHECK(body.organization_id() == acme.id);
    CHECK(body.organization_name() == "acme");
    CHECK(wire::from_proto(body.expires_at()) == clock.now() + std::chrono::days(30));
    CHECK(header(response, "Cache-Control") == "no-store");
}

TEST_CASE_METHOD(ApiFixture, "sign-in speaks protobuf when asked") {
    pb::LoginRequest request;
    request.set_organization("acme");
    request.set_username("manager");
    request.set_password(test_password);
    request.set_device_id("phone-1");
    auto http = make_request("POST", "/api/v1/auth/login", request.SerializeAsString(), "application/x-protobuf");
    http.accept = "application/x-protobuf";
    const auto response = call(http);
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "application/x-protobuf");
    pb::LoginResponse body;
    REQUIRE(body.ParseFromString(response.body));
    CHECK(body.user().username() == "manager");
}

TEST_CASE_METHOD(ApiFixture, "sign-in refuses incomplete, malformed and mistyped bodies") {
    auto response = call("POST", "/api/v1/auth/login", "", R"({"organization":"acme","username":"manager"})");
    CHECK(response.status == 400);
    CHECK(error_code(response.body) == "invalid_argument");
    const auto error = from_json<pb::ErrorResponse>(response.body).error();
    REQUIRE(error.details_size() == 2);
    CHECK(error.details(0).field() == "password");
    CHECK(error.details(1).field() == "deviceId");

    response = call("POST", "/api/v1/auth/login", "", "{\"organization\":");
    CHECK(response.status == 400);
    CHECK(error_code(response.body) == "malformed_body");

    response = call("POST", "/api/v1/auth/login", "", login_body("manager"), "text/plain");
    CHECK(response.status == 415);
    CHECK(error_code(response.body) == "unsupported_media_type");

    auto binary = make_request("POST", "/api/v1/auth/login", "\x0a\xff\xff", "application/x-protobuf");
    CHECK(call(binary).status == 400);
}

TEST_CASE_METHOD(ApiFixture, "wrong passwords answer 401, then 429 with Retry-After") {
    for (int i = 0; i < 5; ++i) {
        const auto response = call("POST", "/api/v1/auth/login", "", login_body("manager", "not-the-password"));
        REQUIRE(response.status == 401);
        REQUIRE(error_code(response.body) == "invalid_credentials");
    }
    const auto response = call("POST", "/api/v1/auth/login", "", login_body("manager"));
    CHECK(response.status == 429);
    CHECK(error_code(response.body) == "too_many_attempts");
    CHECK(header(response, "Retry-After") == "900");
    CHECK_THAT(from_json<pb::ErrorResponse>(response.body).error().message(), Contains("900 seconds"));
}

TEST_CASE_METHOD(ApiFixture, "a revoked device cannot sign in again") {
    const auto token = login("manager", "acme", "phone-1");
    REQUIRE(store->revoke_device(acme.id, "phone-1"));
    const auto response = call("POST", "/api/v1/auth/login", "", login_body("manager", test_password, "phone-1"));
    CHECK(response.status == 403);
    CHECK(error_code(response.body) == "device_revoked");
}

TEST_CASE_METHOD(ApiFixture, "/me tells who the token belongs to") {
    const auto token = login("director");
    const auto response = call("GET", "/api/v1/me", token);
    REQUIRE(response.status == 200);
    const auto me = from_json<pb::MeResponse>(response.body);
    CHECK(me.user().username() == "director");
    CHECK(me.user().role() == pb::DIRECTOR);
    CHECK(me.organization_name() == "acme");
    CHECK(me.device_id() == "director-phone");
    CHECK(me.settings().min_group_size() == 3);
    CHECK(last_log.route == "/api/v1/me");
    CHECK(last_log.user == "director");
    CHECK(last_log.organization == acme.id);
}

TEST_CASE_METHOD(ApiFixture, "401 tells a missing, a malformed and an expired or revoked token apart") {
    auto response = call("GET", "/api/v1/me");
    CHECK(response.status == 401);
    CHECK(error_code(response.body) == "token_missing");
    CHECK(header(response, "WWW-Authenticate") == R"(Bearer realm="floorwalk")");

    auto request = make_request("GET", "/api/v1/me");
    request.authorization = "Basic bWFuYWdlcjpwYXNz";
    response = call(request);
    CHECK(response.status == 401);
    CHECK(error_code(response.body) == "token_malformed");

    response = call("GET", "/api/v1/me", std::string(43, 'A'));
    CHECK(response.status == 401);
    CHECK(error_code(response.body) == "token_invalid");

    const auto token = login("manager");
    clock.advance(std::chrono::days(31));
    response = call("GET", "/api/v1/me", token);
    CHECK(response.status == 401);
    CHECK(error_code(response.body) == "token_invalid");
}

TEST_CASE_METHOD(ApiFixture, "logout ends the token") {
    const auto token = login("manager");
    const auto response = call("POST", "/api/v1/auth/logout", token);
    CHECK(response.status == 204);
    CHECK(response.body.empty());
    CHECK(call("GET", "/api/v1/me", token).status == 401);
    CHECK(call("POST", "/api/v1/auth/logout", token).status == 401);
}

TEST_CASE_METHOD(ApiFixture, "unknown routes answer 404, known ones with another method 405 and Allow") {
    auto response = call("GET", "/api/v1/nothing-here");
    CHECK(response.status == 404);
    CHECK(error_code(response.body) == "not_found");
    CHECK(last_log.route == "(unmatched)");

    response = call("GET", "/api/v1/sync/push");
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "POST");
    CHECK(error_code(response.body) == "method_not_allowed");

    response = call("DELETE", "/api/v1/admin/settings");
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET, HEAD, PUT");
    CHECK(last_log.route == "/api/v1/admin/settings");
}

TEST_CASE_METHOD(ApiFixture, "HEAD is answered by every GET route as GET would be, and allowed wherever GET is") {
    const auto token = login("admin");
    // The API answers a HEAD with the GET's response; the transport sends its fields and leaves the body out.
    for (const char* path : {"/api/v1/me", "/api/v1/units", "/api/v1/admin/settings", "/healthz", "/api/v1/healthz"}) {
        INFO(path);
        const auto get = call("GET", path, token);
        const auto head = call("HEAD", path, token);
        CHECK(get.status == 200);
        CHECK(head.status == 200);
        CHECK(last_log.route == path);
        CHECK(head.content_type == get.content_type);
        CHECK(head.body == get.body);
    }
    // Answers holding the time of the request: the same route and status.
    for (const char* path : {"/api/v1/sync/pull", "/api/v1/admin/devices"}) {
        INFO(path);
        CHECK(call("HEAD", path, token).status == 200);
        CHECK(last_log.route == path);
    }
    // Without a token a HEAD is refused as its GET is.
    CHECK(call("HEAD", "/api/v1/me").status == 401);

    auto response = call("HEAD", "/api/v1/sync/push", token);
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "POST");
    response = call("POST", "/api/v1/me", token);
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET, HEAD");
    // The dashboard's files: no web root here, so a 404 either way, never a 405.
    CHECK(call("HEAD", "/").status == 404);
    response = call("DELETE", "/index.html");
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET, HEAD");
}

TEST_CASE("routes another service registers answer HEAD as their GET, and their 405s allow HEAD too") {
    std::vector<std::string> seen;  // method and path as the registered handler received them
    ApiFixture fixture({}, [&seen](Router& router) {
        router.add("GET", "/api/v1/indicators/series", Access::authenticated, [&seen](const RouteContext& route) {
            seen.push_back(route.request.method + " " + route.request.path);
            Response response;
            response.body = R"({"from":"service"})";
            return response;
        });
    });
    const auto token = fixture.login("analyst");
    auto response = fixture.call("HEAD", "/api/v1/indicators/series", token);
    CHECK(response.status == 200);
    CHECK(response.body == R"({"from":"service"})");  // the transport leaves the body out of a HEAD
    response = fixture.call("POST", "/api/v1/indicators/series", token);
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET, HEAD");
    response = fixture.call("HEAD", "/api/v1/admin/kpis", token);  // the KPI import is an admin import: PUT only
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "PUT");
    CHECK(seen.size() == 1);
}

TEST_CASE_METHOD(ApiFixture, "a JSON body naming a member twice is refused 400 on every JSON route, before any use") {
    const auto manager = login("manager");
    const auto admin = login("admin");
    struct Case {
        const char* method;
        const char* path;
        std::string token;
        std::string body;
        std::string named;  // what the message must say
    };
    const std::vector<Case> cases = {
        // Validation reading the first and the store the last is what a duplicate is for.
        {"POST", "/api/v1/auth/login", "",
         R"({"organization":"acme","username":"manager","password":"x","deviceId":"d","username":"admin"})",
         R"("username" appears twice in the top-level object)"},
        {"POST", "/api/v1/sync/push", manager,
         R"({"deviceId":"manager-phone","observations":[{"id":"0192f1a4-5b6c-7d8e-9f00-112233445566",)"
         R"("employeeId":"e1","employeeId":"e4","revision":1}]})",
         R"("employeeId" appears twice in observations[0])"},
        {"POST", "/api/v1/sync/push", manager,
         R"({"deviceId":"manager-phone","activities":[{"participantIds":["e1"],"participant_ids":["e4"]}]})",
         R"("participantIds" and "participant_ids" in activities[0])"},
        {"PUT", "/api/v1/admin/employees", admin,
         R"({"employees":[{"id":"e9","unitId":"n1","displayName":"A"},{"id":"e8","unitId":"n1","unitId":"s1"}]})",
         R"("unitId" appears twice in employees[1])"},
        {"PUT", "/api/v1/admin/units", admin, R"({"units":[],"units":[{"id":"x"}]})", R"("units" appears twice)"},
        {"PUT", "/api/v1/admin/users", admin,
         R"({"users":[{"username":"u","role":"MANAGER","role":"ADMIN","password":"p4ssword-long"}]})",
         R"("role" appears twice in users[0])"},
        {"PUT", "/api/v1/admin/model", admin, R"({"dimensions":[{"id":"a","id":"b"}]})",
         R"("id" appears twice in dimensions[0])"},
        {"PUT", "/api/v1/admin/settings", admin, R"({"minGroupSize":5,"minGroupSize":1})",
         R"("minGroupSize" appears twice)"},
    };
    for (const auto& [method, path, token, body, named] : cases) {
        INFO(method << " " << path << " " << body);
        const auto response = call(method, path, token, body);
        CHECK(response.status == 400);
        const auto error = from_json<pb::ErrorResponse>(response.body).error();
        CHECK(error.code() == "malformed_body");
        CHECK_THAT(error.message(), Contains(named));
    }
    // Nothing was applied: the settings keep their default and no employee was added.
    const auto settings = from_json<pb::OrganizationSettings>(call("GET", "/api/v1/admin/settings", admin).body);
    CHECK(settings.min_group_size() != 1);
    CHECK(settings.min_group_size() != 5);
    CHECK(call("GET", "/api/v1/sync/pull", manager).body.find("\"e9\"") == std::string::npos);
}

TEST_CASE_METHOD(ApiFixture, "a JSON body nested past 32 levels is refused 400 naming the limit") {
    const auto manager = login("manager");
    for (const auto& [open, close] : {std::pair<std::string, std::string>{"[", "]"}, {"{\"a\":", "}"}}) {
        std::string body = R"({"deviceId":"manager-phone","observations":)";
        for (int i = 0; i < 10'000; ++i) body += open;
        body += "1";
        for (int i = 0; i < 10'000; ++i) body += close;
        body += "}";
        const auto response = call("POST", "/api/v1/sync/push", manager, body);
        CHECK(response.status == 400);
        const auto error = from_json<pb::ErrorResponse>(response.body).error();
        CHECK(error.code() == "malformed_body");
        CHECK_THAT(error.message(), Contains("the limit is 32 levels"));
    }
    // The deepest request message the API takes is far within it.
    CHECK(call("POST", "/api/v1/sync/push", manager,
               R"({"deviceId":"manager-phone","observations":[{"ratings":[{"dimensionId":"greet","level":3}]}]})")
              .status == 200);
}

TEST_CASE_METHOD(ApiFixture, "errors follow Accept: protobuf clients get a protobuf error") {
    auto request = make_request("GET", "/api/v1/me");
    request.accept = "application/x-protobuf";
    const auto response = call(request);
    CHECK(response.status == 401);
    CHECK(response.content_type == "application/x-protobuf");
    pb::ErrorResponse error;
    REQUIRE(error.ParseFromString(response.body));
    CHECK(error.error().code() == "token_missing");
}

TEST_CASE_METHOD(ApiFixture, "errors that repeat what the client sent stay valid UTF-8, in protobuf and JSON") {
    const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
    SECTION("an unknown path of invalid bytes, for a protobuf client") {
        auto request = make_request("GET", "/api/v1/\xFF");
        request.accept = "application/x-protobuf";
        const auto response = call(request);
        CHECK(response.status == 404);
        pb::ErrorResponse error;
        REQUIRE(error.ParseFromString(response.body));
        CHECK(error.error().code() == "not_found");
        CHECK_THAT(error.error().message(), Contains("/api/v1/" + replacement));
    }
    SECTION("the same path, and a known route with another method, for a JSON client") {
        for (const auto& [method, path, status] :
             {std::tuple{"GET", "/api/v1/\xFF\xFE", 404}, std::tuple{"PATCH", "/api/v1/admin/settings", 405},
              std::tuple{"DELETE", "/api/v1/admin/devices/\xC0\xAF/revoke", 405}}) {
            INFO(method << " " << path);
            const auto response = call(method, path);
            CHECK(response.status == status);
            REQUIRE(utf8_length(response.body));
            CHECK_FALSE(error_code(response.body).empty());
        }
    }
    SECTION("a device id of invalid bytes") {
        auto request = make_request("POST", "/api/v1/admin/devices/\xFF\xFE\xC0\xAF/revoke");
        request.accept = "application/x-protobuf";
        const auto response = call(request, login("admin"));
        CHECK(response.status == 400);  // no device can have such an id: device ids are checked at sign-in
        pb::ErrorResponse error;
        REQUIRE(error.ParseFromString(response.body));
        CHECK(error.error().code() == "invalid_argument");
        CHECK(utf8_length(error.error().message()));
    }
    SECTION("a sign-in body whose strings are not UTF-8") {
        const auto response =
            call("POST", "/api/v1/auth/login", "", "{\"organization\":\"\xFF\xFE\",\"username\":\"\xC0\xAF\"}");
        CHECK(response.status == 400);
        REQUIRE(utf8_length(response.body));
        CHECK(error_code(response.body) == "malformed_body");
    }
    SECTION("details are made valid too") {
        std::vector<pb::FieldError> details(1);
        details[0].set_field("name\xFF");
        details[0].set_message("name\xFF is wrong");
        auto request = make_request("GET", "/api/v1/me");
        request.accept = "application/x-protobuf";
        const auto response = error_response(request, 400, "invalid_argument", "bad \xC0", std::move(details));
        pb::ErrorResponse error;
        REQUIRE(error.ParseFromString(response.body));
        CHECK(error.error().message() == "bad " + replacement);
        REQUIRE(error.error().details_size() == 1);
        CHECK(error.error().details(0).field() == "name" + replacement);
        CHECK(error.error().details(0).message() == "name" + replacement + " is wrong");
    }
}

TEST_CASE_METHOD(ApiFixture, "/units: the whole tree for HQ and ADMIN, subtrees plus breadcrumbs for the others") {
    const std::set<std::string> all{"hq", "north", "south", "n1", "n2", "s1"};
    CHECK(unit_ids(call("GET", "/api/v1/units", login("admin"))) == all);
    CHECK(unit_ids(call("GET", "/api/v1/units", login("analyst"))) == all);
    CHECK(unit_ids(call("GET", "/api/v1/units", login("director"))) == std::set<std::string>{"hq", "north", "n1", "n2"});
    CHECK(unit_ids(call("GET", "/api/v1/units", login("manager"))) == std::set<std::string>{"hq", "north", "n1"});
    CHECK(unit_ids(call("GET", "/api/v1/units", login("manager2"))) == std::set<std::string>{"hq", "south", "s1"});
}

TEST_CASE_METHOD(ApiFixture, "/healthz reads the database, /metrics counts what the transport reports") {
    auto response = call("GET", "/healthz");
    CHECK(response.status == 200);
    CHECK(response.body == R"({"status":"ok"})");
    api->completed("GET", last_log, 200, std::chrono::microseconds(1500));

    MetricsEndpoint endpoint(api->metrics(), *store);
    RequestLog log;
    response = endpoint.handle(make_request("GET", "/metrics"), log);
    REQUIRE(response.status == 200);
    CHECK(log.route == "/metrics");
    CHECK_THAT(response.content_type, Contains("text/plain"));
    CHECK_THAT(response.body, Contains(R"(floorwalk_http_requests_total{route="/healthz",method="GET",status="200"} 1)"));
    CHECK_THAT(response.body, Contains("floorwalk_database_bytes "));
    CHECK_FALSE(Catch::Matchers::Contains("floorwalk_database_bytes 0\n").match(response.body));
    endpoint.completed("GET", log, 200, std::chrono::microseconds(900));
    CHECK_THAT(endpoint.handle(make_request("HEAD", "/metrics"), log).body,
               Contains(R"(floorwalk_http_requests_total{route="/metrics",method="GET",status="200"} 1)"));
}

TEST_CASE_METHOD(ApiFixture, "the API never serves /metrics, its own endpoint serves nothing else") {
    for (const char* path : {"/metrics", "/api/v1/metrics"}) {
        INFO(path);
        const auto response = call("GET", path);
        CHECK(response.status == 404);
        const auto error = from_json<pb::ErrorResponse>(response.body).error();
        CHECK(error.code() == "not_found");
        CHECK_THAT(error.message(), Contains("--metrics-listen"));
        CHECK_FALSE(Catch::Matchers::Contains("floorwalk_").match(response.body));
    }
    MetricsEndpoint endpoint(api->metrics(), *store);
    RequestLog log;
    auto response = endpoint.handle(make_request("GET", "/api/v1/me"), log);
    CHECK(response.status == 404);
    CHECK(error_code(response.body) == "not_found");
    response = endpoint.handle(make_request("POST", "/metrics"), log);
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET, HEAD");
}

TEST_CASE("routes another service registers are authenticated and logged like the API's own") {
    std::vector<std::pair<std::string, std::string>> seen;  // (path, caller's username)
    ApiFixture fixture({}, [&seen](Router& router) {
        router.add("GET", "/api/v1/indicators", Access::authenticated, [&seen](const RouteContext& route) {
            seen.emplace_back(route.request.path, route.caller->username);
            Response response;
            response.body = R"({"from":"service"})";
            return response;
        });
    });
    const auto token = fixture.login("analyst");
    auto response = fixture.call("GET", "/api/v1/indicators?unitId=north", token);
    CHECK(response.status == 200);
    CHECK(response.body == R"({"from":"service"})");
    CHECK(fixture.last_log.route == "/api/v1/indicators");
    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == std::pair<std::string, std::string>{"/api/v1/indicators", "analyst"});

    CHECK(fixture.call("GET", "/api/v1/indicators").status == 401);
    CHECK(seen.size() == 1);  // never reached without a token
    CHECK(fixture.call("GET", "/api/v1/indicators/unknown", token).status == 404);
    CHECK(fixture.call("GET", "/api/v1/indicatorsfoo", token).status == 404);
    // The KPI import is one of the admin imports now.
    CHECK(fixture.call("PUT", "/api/v1/admin/kpis", fixture.login("admin"), "unitId,period,metric,value\nn1,2026-03,nps,40\n",
                       "text/csv")
              .status == 200);
}

TEST_CASE("an unexpected failure answers a generic 500 and never leaks its cause") {
    ApiFixture fixture({}, [](Router& router) {
        router.add("GET", "/api/v1/indicators", Access::authenticated,
                   [](const RouteContext&) -> Response { throw std::runtime_error("disk on fire at /secret/path"); });
    });
    const auto response = fixture.call("GET", "/api/v1/indicators", fixture.login("analyst"));
    CHECK(response.status == 500);
    CHECK(error_code(response.body) == "internal");
    CHECK_FALSE(Catch::Matchers::Contains("secret").match(response.body));
}
