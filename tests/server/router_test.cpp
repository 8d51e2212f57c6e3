#include "api/router.h"

#include <catch2/catch.hpp>

using namespace floorwalk::server;

namespace {

Router make_router() {
    Router router;
    auto named = [](std::string name) {
        return [name](const RouteContext& route) {
            Response response;
            response.body = name;
            for (const auto& [key, value] : route.params) response.body += " " + key + "=" + value;
            return response;
        };
    };
    router.add("GET", "/api/v1/sync/pull", Access::authenticated, named("pull"));
    router.add("POST", "/api/v1/sync/push", Access::authenticated, named("push"));
    router.add("GET", "/api/v1/admin/settings", Access::authenticated, named("get-settings"));
    router.add("PUT", "/api/v1/admin/settings", Access::authenticated, named("put-settings"));
    router.add("POST", "/api/v1/admin/devices/{deviceId}/revoke", Access::authenticated, named("revoke"));
    router.add("POST", "/api/v1/auth/login", Access::anonymous, named("login"));
    return router;
}

std::string call(const RouteMatch& match) {
    const Request request;
    return match.route->handler(RouteContext{request, nullptr, match.params}).body;
}

}  // namespace

TEST_CASE("a method and path select their route") {
    const auto router = make_router();
    const auto match = router.match("POST", "/api/v1/sync/push");
    REQUIRE(match.route);
    CHECK(match.pattern == "/api/v1/sync/push");
    CHECK(call(match) == "push");
    CHECK(router.match("POST", "/api/v1/auth/login").route->access == Access::anonymous);
}

TEST_CASE("path parameters are captured") {
    const auto router = make_router();
    const auto match = router.match("POST", "/api/v1/admin/devices/phone-7/revoke");
    REQUIRE(match.route);
    CHECK(match.pattern == "/api/v1/admin/devices/{deviceId}/revoke");
    CHECK(call(match) == "revoke deviceId=phone-7");
}

TEST_CASE("an unknown path matches nothing: 404") {
    const auto router = make_router();
    for (const auto* path : {"/api/v1/sync", "/api/v1/sync/pull/", "/api/v1/admin/devices//revoke",
                             "/api/v1/admin/devices/a/b/revoke", "", "api/v1/sync/pull"}) {
        const auto match = router.match("GET", path);
        CHECK_FALSE(match.route);
        CHECK(match.pattern.empty());
        CHECK(match.allowed.empty());
    }
}

TEST_CASE("a known path with another method: 405 with the allowed methods") {
    const auto router = make_router();
    auto match = router.match("DELETE", "/api/v1/admin/settings");
    CHECK_FALSE(match.route);
    CHECK(match.pattern == "/api/v1/admin/settings");
    CHECK(match.allowed == std::vector<std::string>{"GET", "HEAD", "PUT"});
    match = router.match("GET", "/api/v1/sync/push");
    CHECK(match.allowed == std::vector<std::string>{"POST"});
}

TEST_CASE("HEAD is served by a path's GET route, and only where there is one") {
    const auto router = make_router();
    auto match = router.match("HEAD", "/api/v1/admin/settings");
    REQUIRE(match.route);
    CHECK(match.route->method == "GET");
    CHECK(call(match) == "get-settings");
    CHECK(match.pattern == "/api/v1/admin/settings");
    match = router.match("HEAD", "/api/v1/admin/devices/d1/revoke");
    CHECK_FALSE(match.route);
    CHECK(match.allowed == std::vector<std::string>{"POST"});
    CHECK(router.match("HEAD", "/api/v1/nothing").pattern.empty());
}
