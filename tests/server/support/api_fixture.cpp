#include "support/api_fixture.h"

#include "sync/sql_store.h"
#include "test_database.h"
#include "support/json.h"

#include <stdexcept>

namespace floorwalk::server::test {

ApiFixture::ApiFixture(ApiConfig config, RouteRegistration more_routes)
    : store(floorwalk::test::test_database(dir.path()).open()),
      acme(seed_organization(*store, "acme")),
      globex(seed_organization(*store, "globex")),
      clock(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())),
      auth(*store, AuthConfig{}, [this] { return clock.now(); }) {
    config.password_cost = HashCost::fast;
    api = std::make_unique<Api>(*store, auth, std::move(config), more_routes);
}

Request ApiFixture::make_request(std::string method, std::string path, std::string body, std::string content_type) {
    Request request;
    request.method = std::move(method);
    const auto question = path.find('?');
    if (question != std::string::npos) {
        auto query = path.substr(question + 1);
        path.resize(question);
        while (!query.empty()) {
            const auto amp = query.find('&');
            const auto pair = query.substr(0, amp);
            const auto equals = pair.find('=');
            request.query.emplace(pair.substr(0, equals), equals == std::string::npos ? "" : pair.substr(equals + 1));
            query = amp == std::string::npos ? "" : query.substr(amp + 1);
        }
    }
    request.path = std::move(path);
    request.body = std::move(body);
    request.content_type = std::move(content_type);
    request.remote_address = "192.0.2.10";
    return request;
}

Response ApiFixture::call(Request request, const std::string& token) {
    if (!token.empty()) request.authorization = "Bearer " + token;
    last_log = {};
    return api->handle(request, last_log);
}

Response ApiFixture::call(std::string method, std::string path, const std::string& token, std::string body,
                          std::string content_type) {
    return call(make_request(std::move(method), std::move(path), std::move(body), std::move(content_type)), token);
}

std::string ApiFixture::login(const std::string& username, const std::string& organization, std::string device) {
    pb::LoginRequest request;
    request.set_organization(organization);
    request.set_username(username);
    request.set_password(test_password);
    request.set_device_id(device.empty() ? username + "-phone" : device);
    const auto response = call("POST", "/api/v1/auth/login", "", to_json(request));
    if (response.status != 200) throw std::runtime_error("login failed: " + response.body);
    return from_json<pb::LoginResponse>(response.body).token();
}

}  // namespace floorwalk::server::test
