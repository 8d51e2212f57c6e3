// The API without a network: a real SqliteStore in a temporary folder seeded with two organisations, "acme" and
// "globex" (same ids in both), an Authenticator on a manual clock, and requests handed straight to Api::handle.
#pragma once

#include "api/api.h"
#include "auth/authenticator.h"
#include "storage/store.h"
#include "support/fixtures.h"

#include <memory>
#include <string>

namespace floorwalk::server::test {

class ApiFixture {
public:
    explicit ApiFixture(ApiConfig config = {}, RouteRegistration more_routes = {});

    [[nodiscard]] static Request make_request(std::string method, std::string path, std::string body = {},
                                              std::string content_type = "application/json");
    // Handles the request, with `token` as bearer when not empty.
    Response call(Request request, const std::string& token = {});
    Response call(std::string method, std::string path, const std::string& token = {}, std::string body = {},
                  std::string content_type = "application/json");
    // Signs in through POST /api/v1/auth/login; the device defaults to "<username>-phone".
    [[nodiscard]] std::string login(const std::string& username, const std::string& organization = "acme",
                                    std::string device = {});

    TempDir dir;
    std::unique_ptr<Store> store;
    Organization acme;
    Organization globex;
    ManualClock clock;
    Authenticator auth;
    std::unique_ptr<Api> api;
    RequestLog last_log;
};

}  // namespace floorwalk::server::test
