// Hostile HTTP semantics against the whole server (API and transport in-process, on 127.0.0.1): header fields
// smuggled in a chunked body's trailer, HEAD on every kind of route with the connection kept in step, JSON nested
// 10,000 deep, members given twice at every depth and in every spelling, and objects and arrays of absurd size.
// The contract: a trailer is never a header, a HEAD answer never carries a body, every refused JSON body is a 400
// malformed_body saying why (and nothing of it is stored), never a 5xx, and the server keeps serving.
#include "support/fixtures.h"
#include "support/http_client.h"
#include "support/raw_http.h"
#include "support/record_factory.h"
#include "support/sync_client.h"
#include "support/test_server.h"

#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace floorwalk;
using namespace floorwalk::faults;
using namespace std::chrono_literals;
namespace test = floorwalk::server::test;
using Catch::Matchers::Contains;
using test::RawConnection;

namespace {

constexpr const char* json_type = "application/json";

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string hex(std::size_t value) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), digits[value % 16]);
        value /= 16;
    } while (value != 0);
    return out;
}

// One request with a chunked body (one chunk, then the last chunk and `trailer`, fields ending in CRLF each).
std::string chunked(const std::string& method, const std::string& target, const std::string& fields,
                    const std::string& body, const std::string& trailer, bool close = false) {
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields +
                      "Transfer-Encoding: chunked\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
    if (!body.empty()) out += hex(body.size()) + "\r\n" + body + "\r\n";
    return out + "0\r\n" + trailer + "\r\n";
}

std::string plain(const std::string& method, const std::string& target, const std::string& fields,
                  bool close = false) {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields +
           (close ? "Connection: close\r\n" : "") + "\r\n";
}

std::string bearer(const Account& account) { return "Authorization: Bearer " + account.token + "\r\n"; }

// The error of a JSON error body, or an empty one.
pb::Error error_of(const std::string& body) {
    pb::ErrorResponse error;
    std::string problem;
    if (!wire::from_json(body, &error, &problem)) return {};
    return error.error();
}

std::string nested(std::size_t depth, std::string_view open, std::string_view inner, std::string_view close) {
    std::string text;
    text.reserve(depth * (open.size() + close.size()) + inner.size());
    for (std::size_t i = 0; i < depth; ++i) text += open;
    text += inner;
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text;
}

// The whole server with the dashboard's files, one organisation ("acme", see seed_organization) and signed-in
// manager, admin and analyst.
class HostileHttp {
public:
    HostileHttp() : server_(dir_.path() / "data", options(dir_.path())), client_(server_.port()) {
        static_cast<void>(test::seed_organization(server_.store(), "acme"));
        manager = login(client_, "acme", "manager", test::test_password, "manager-phone");
        admin = login(client_, "acme", "admin", test::test_password, "admin-laptop");
        analyst = login(client_, "acme", "analyst", test::test_password, "analyst-laptop");
        const auto snapshot = pull_all(client_, manager);
        factory = std::make_unique<RecordFactory>(snapshot.model, employees_in_scope(snapshot), 977, "hostile-http");
    }

    // Writes `bytes` on a fresh connection and reads until the server closes it (the last request should say
    // Connection: close) or 20 s pass. `methods` names each request's method, so HEAD answers are read bodiless.
    struct Exchange {
        std::vector<RawResponse> responses;
        std::string raw;
        bool closed = false;
    };
    Exchange exchange(const std::string& bytes, const std::vector<std::string>& methods = {}) {
        RawConnection connection(server_.port());
        connection.send(bytes, 20s);
        const auto received = connection.receive_until_close(20s);
        return {parse_responses(received.data, methods), received.data, received.closed};
    }

    HttpReply call(const std::string& method, const std::string& target, const std::string& body,
                   const Account* account, const std::string& content_type = json_type) {
        test::Headers headers{{"Content-Type", content_type}, {"Accept", json_type}};
        if (account) headers.emplace_back("Authorization", "Bearer " + account->token);
        return client_.request(method, target, body, headers);
    }

    // A valid push of one new observation, in JSON, before any hostile edit.
    std::string push_json() {
        pb::PushRequest request;
        request.set_device_id(manager.device_id);
        *request.add_observations() = factory->observation(wall_now());
        return wire::to_json(request);
    }

    [[nodiscard]] std::size_t stored_observations() { return pull_all(client_, manager).observations.size(); }

    // A 400 malformed_body whose message says `named`, else what is wrong.
    static std::string malformed_problem(const HttpReply& reply, const std::string& named) {
        const auto error = error_of(reply.body);
        if (reply.status != 400 || error.code() != "malformed_body")
            return "answered " + std::to_string(reply.status) + " " + reply.body.substr(0, 300);
        if (error.message().find(named) == std::string::npos)
            return "the message does not say '" + named + "': " + error.message();
        return {};
    }

    // The server still answers a normal client.
    void require_serving() {
        REQUIRE(client_.request("GET", "/healthz", {}, {}).status == 200);
        REQUIRE(call("GET", "/api/v1/me", {}, &manager).status == 200);
    }

    Account manager;
    Account admin;
    Account analyst;
    std::unique_ptr<RecordFactory> factory;

private:
    static test::TestServerOptions options(const std::filesystem::path& dir) {
        const auto web = dir / "web";
        std::filesystem::create_directories(web);
        std::ofstream(web / "index.html") << "<!doctype html><title>Floorwalk</title>";
        std::ofstream(web / "app.js") << "console.log('dashboard');\n";
        test::TestServerOptions options;
        options.web_root = web;
        options.http.log_requests = false;
        return options;
    }

    test::TempDir dir_;
    test::TestServer server_;

protected:
    HttpClient client_;
};

}  // namespace

// --- Trailers ----------------------------------------------------------------------------------------------------

TEST_CASE_METHOD(HostileHttp, "an Authorization sent only in a chunked trailer authenticates nothing") {
    const auto before = stored_observations();
    const auto result = exchange(
        chunked("POST", "/api/v1/sync/push", "Content-Type: application/json\r\n", push_json(), bearer(manager)) +
        chunked("GET", "/api/v1/me", "", "", bearer(admin), true));
    INFO(result.raw);
    REQUIRE(result.responses.size() == 2);
    for (const auto& response : result.responses) {
        CHECK(response.status == 401);
        CHECK(error_of(response.body).code() == "token_missing");
    }
    CHECK(stored_observations() == before);
}

TEST_CASE_METHOD(HostileHttp, "a header's Authorization is not replaced or joined by a trailer's") {
    const auto result = exchange(chunked("GET", "/api/v1/me", bearer(manager), "", bearer(admin), true));
    INFO(result.raw);
    REQUIRE(result.responses.size() == 1);
    CHECK(result.responses[0].status == 200);
    pb::MeResponse me;
    std::string problem;
    REQUIRE(wire::from_json(result.responses[0].body, &me, &problem));
    CHECK(me.user().username() == "manager");
}

TEST_CASE_METHOD(HostileHttp, "a Content-Type or Accept sent only in a trailer is not used") {
    pb::PushRequest request;
    request.set_device_id(manager.device_id);
    *request.add_observations() = factory->observation(wall_now());
    const auto before = stored_observations();
    // A binary body whose media type only the trailer names: read as JSON (the default), so refused.
    const auto result = exchange(chunked("POST", "/api/v1/sync/push", bearer(manager), request.SerializeAsString(),
                                         "Content-Type: application/x-protobuf\r\nAccept: application/x-protobuf\r\n",
                                         true));
    INFO(result.raw);
    REQUIRE(result.responses.size() == 1);
    CHECK(result.responses[0].status == 400);
    CHECK(result.responses[0].field("Content-Type").starts_with(json_type));  // not the trailer's Accept
    CHECK(error_of(result.responses[0].body).code() == "malformed_body");
    CHECK(stored_observations() == before);
}

TEST_CASE_METHOD(HostileHttp, "a trailer's Connection: close neither closes the connection nor reaches the API") {
    const auto result = exchange(chunked("POST", "/api/v1/sync/push", bearer(manager) + "Content-Type: application/json\r\n",
                                         push_json(), "Connection: close\r\n") +
                                 plain("GET", "/healthz", "", true));
    INFO(result.raw);
    REQUIRE(result.responses.size() == 2);
    CHECK(result.responses[0].status == 200);
    CHECK(result.responses[0].field("Connection") != "close");
    CHECK(result.responses[1].status == 200);
}

TEST_CASE_METHOD(HostileHttp, "a Content-Length or Transfer-Encoding in a trailer is refused and smuggles nothing") {
    const std::string smuggled = plain("GET", "/api/v1/me", bearer(manager));
    for (const std::string& field : {"Content-Length: " + std::to_string(smuggled.size()) + "\r\n",
                                     std::string("Transfer-Encoding: chunked\r\n")}) {
        const auto result =
            exchange(chunked("POST", "/api/v1/sync/push", bearer(manager) + "Content-Type: application/json\r\n",
                             "{}", field) +
                     smuggled);
        INFO(field << result.raw);
        REQUIRE(result.responses.size() == 1);  // the request after it is never answered
        CHECK(result.responses[0].status == 400);
        CHECK(error_of(result.responses[0].body).code() == "bad_request");
        CHECK(result.closed);
    }
    require_serving();
}

TEST_CASE_METHOD(HostileHttp, "a long trailer or chunk line is refused, not buffered, and cannot end the server") {
    // Beast holds at most 64 KiB in one field and throws out of the I/O thread past that: a 70 KiB trailer field
    // used to end the whole process.
    const std::string huge(1024 * 1024, 'x');
    for (const auto& request :
         {chunked("POST", "/api/v1/sync/push", bearer(manager), "{}", "X-Padding: " + huge.substr(0, 70 * 1024) + "\r\n"),
          chunked("POST", "/api/v1/sync/push", bearer(manager), "{}", "X-Padding: " + huge + "\r\n"),
          chunked("POST", "/api/v1/sync/push", bearer(manager), "{}",
                  [] {
                      std::string many;
                      for (int i = 0; i < 4000; ++i) many += "X-F" + std::to_string(i) + ": v\r\n";
                      return many;
                  }()),
          "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer(manager) +
              "Transfer-Encoding: chunked\r\n\r\n2;ext=" + huge + "\r\n{}\r\n0\r\n\r\n"}) {
        const auto result = exchange(request);
        REQUIRE_FALSE(result.responses.empty());
        INFO(result.responses[0].header << result.responses[0].body);
        CHECK(result.responses[0].status == 400);
        CHECK(error_of(result.responses[0].body).code() == "bad_request");
        CHECK_THAT(error_of(result.responses[0].body).message(), Contains("trailer"));
        CHECK(result.closed);
    }
    require_serving();
}

TEST_CASE_METHOD(HostileHttp, "a trailer within the limit is read and discarded") {
    const auto result = exchange(chunked("POST", "/api/v1/sync/push",
                                         bearer(manager) + "Content-Type: application/json\r\n", push_json(),
                                         "X-Checksum: " + std::string(12 * 1024, 'c') + "\r\n", true));
    REQUIRE(result.responses.size() == 1);
    INFO(result.responses[0].body);
    CHECK(result.responses[0].status == 200);
}

// --- HEAD --------------------------------------------------------------------------------------------------------

TEST_CASE_METHOD(HostileHttp, "HEAD then GET on every kind of route, pipelined on one connection, stay in step") {
    struct Target {
        std::string path;
        const Account* account;
        int status;
        bool stable;  // the GET body is the same bytes each time (no time of the request inside)
    };
    const std::vector<Target> targets = {
        {"/", nullptr, 200, true},                            // the dashboard's files
        {"/app.js", nullptr, 200, true},
        {"/missing.js", nullptr, 404, true},
        {"/healthz", nullptr, 200, true},                     // health
        {"/api/v1/healthz", nullptr, 200, true},
        {"/api/v1/me", &manager, 200, true},                  // API routes
        {"/api/v1/units", &manager, 200, true},
        {"/api/v1/sync/pull?limit=3", &manager, 200, false},
        {"/api/v1/admin/devices", &admin, 200, false},
        {"/api/v1/admin/settings", &admin, 200, true},
        {"/api/v1/indicators", &analyst, 200, false},         // the indicator service
        {"/api/v1/indicators/series", &analyst, 200, false},
        {"/api/v1/indicators/export.csv", &analyst, 200, false},
        {"/api/v1/indicators/kpi", &analyst, 200, false},
        {"/api/v1/me", nullptr, 401, true},                   // refusals
        {"/api/v1/admin/settings", &manager, 403, true},
        {"/api/v1/nothing", &manager, 404, true},
        {"/metrics", nullptr, 404, true},
    };
    std::string bytes;
    std::vector<std::string> methods;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& target = targets[i];
        const auto fields = target.account ? bearer(*target.account) : std::string();
        bytes += plain("HEAD", target.path, fields);
        bytes += plain("GET", target.path, fields, i + 1 == targets.size());
        methods.insert(methods.end(), {"HEAD", "GET"});
    }
    const auto result = exchange(bytes, methods);
    REQUIRE(result.responses.size() == methods.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& head = result.responses[2 * i];
        const auto& get = result.responses[2 * i + 1];
        INFO(targets[i].path << "\n" << head.header << "\n" << get.header << get.body.substr(0, 200));
        CHECK(get.status == targets[i].status);
        CHECK(head.status == get.status);
        CHECK(get.complete);
        CHECK(head.field("Content-Type") == get.field("Content-Type"));
        CHECK_FALSE(head.field("Content-Length").empty());
        if (targets[i].stable) CHECK(head.field("Content-Length") == std::to_string(get.body.size()));
    }
    // Nothing after the last GET's body: no HEAD answer slipped a body in.
    CHECK(result.raw.ends_with(result.responses.back().body));
}

TEST_CASE_METHOD(HostileHttp, "HEAD where only other methods are allowed is a bodiless 405 listing them") {
    const std::vector<std::pair<std::string, std::string>> targets = {
        {"/api/v1/sync/push", "POST"},
        {"/api/v1/auth/login", "POST"},
        {"/api/v1/admin/units", "PUT"},
        {"/api/v1/admin/kpis", "PUT"},
        {"/api/v1/admin/devices/x/revoke", "POST"},
    };
    std::string bytes;
    std::vector<std::string> methods;
    for (const auto& [path, allowed] : targets) {
        bytes += plain("HEAD", path, bearer(admin));
        methods.push_back("HEAD");
    }
    bytes += plain("GET", "/healthz", "", true);
    methods.push_back("GET");
    const auto result = exchange(bytes, methods);
    REQUIRE(result.responses.size() == methods.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        INFO(targets[i].first << "\n" << result.responses[i].header);
        CHECK(result.responses[i].status == 405);
        CHECK(result.responses[i].field("Allow") == targets[i].second);
    }
    CHECK(result.responses.back().status == 200);
    CHECK(result.responses.back().body == R"({"status":"ok"})");
    // And a GET-only route answers a PUT with both.
    const auto refused = call("PUT", "/api/v1/units", "{}", &manager);
    CHECK(refused.status == 405);
    CHECK(refused.header("Allow") == "GET, HEAD");
}

// --- JSON nesting and size ---------------------------------------------------------------------------------------

TEST_CASE_METHOD(HostileHttp, "JSON nested 10,000 deep is refused 400 naming the limit on every JSON route") {
    const std::vector<std::pair<std::string, const Account*>> routes = {
        {"/api/v1/auth/login", nullptr},       {"/api/v1/sync/push", &manager},
        {"/api/v1/admin/units", &admin},       {"/api/v1/admin/employees", &admin},
        {"/api/v1/admin/users", &admin},       {"/api/v1/admin/model", &admin},
        {"/api/v1/admin/settings", &admin},    {"/api/v1/admin/kpis", &admin},
    };
    const std::vector<std::string> bodies = {
        nested(10'000, "[", "1", "]"),
        nested(10'000, "{\"a\":", "1", "}"),
        "{\"observations\":" + nested(5'000, "[{\"ratings\":", "[]", "}]") + "}",
        "{\"units\":" + nested(10'000, "[", "", "") ,  // never closed
        nested(33, "[", "0", "]"),                      // one past the limit
    };
    std::vector<std::string> problems;
    for (const auto& [path, account] : routes) {
        const auto method = path == "/api/v1/auth/login" || path == "/api/v1/sync/push" ? "POST" : "PUT";
        for (const auto& body : bodies) {
            const auto problem = malformed_problem(call(method, path, body, account), "the limit is 32 levels");
            if (!problem.empty()) problems.push_back(path + " " + body.substr(0, 40) + ": " + problem);
        }
    }
    INFO(Catch::Detail::stringify(problems));
    CHECK(problems.empty());
    require_serving();
}

TEST_CASE_METHOD(HostileHttp, "objects of 200,000 members and arrays of a million elements are refused") {
    std::string members = "{";
    for (int i = 0; i < 200'000; ++i) members += (i ? ",\"m" : "\"m") + std::to_string(i) + "\":0";
    members += "}";
    CHECK(malformed_problem(call("POST", "/api/v1/sync/push", members, &manager), "the limit is 1000").empty());
    std::string elements = "{\"observations\":[0";
    for (int i = 1; i < 1'000'000; ++i) elements += ",0";
    elements += "]}";
    CHECK(malformed_problem(call("POST", "/api/v1/sync/push", elements, &manager), "the limit is 100000").empty());
    std::string rows = "{\"employees\":[{}";
    for (int i = 1; i < 100'001; ++i) rows += ",{}";
    rows += "]}";
    CHECK(malformed_problem(call("PUT", "/api/v1/admin/employees", rows, &admin), "in employees").empty());
    // Within the limits, still far past what a push takes: refused by the push's own rule, as a 4xx.
    std::string many = "{\"observations\":[{}";
    for (int i = 1; i < 100'000; ++i) many += ",{}";
    many += "]}";
    const auto reply = call("POST", "/api/v1/sync/push", many, &manager);
    CHECK(reply.status >= 400);
    CHECK(reply.status < 500);
    require_serving();
}

// --- Duplicate members -------------------------------------------------------------------------------------------

TEST_CASE_METHOD(HostileHttp, "a push naming a member twice, at any depth, is refused and stores nothing") {
    const auto valid = push_json();
    auto edited = [&valid](const std::string& from, const std::string& to) {
        auto text = valid;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        return text;
    };
    const auto before = stored_observations();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {edited("{\"deviceId\":", "{\"deviceId\":\"elsewhere\",\"deviceId\":"),
         "\"deviceId\" appears twice in the top-level object"},
        {edited("\"employeeId\":", "\"employeeId\":\"e4\",\"employeeId\":"),
         "\"employeeId\" appears twice in observations[0]"},
        {edited("\"level\":", "\"level\":9,\"level\":"), "\"level\" appears twice in observations[0].ratings[0]"},
        {edited("\"observedAt\":", "\"observedAt\":\"2026-01-01T00:00:00Z\",\"observed_at\":"),
         "\"observedAt\" and \"observed_at\""},
        {edited("\"employeeId\":", "\"employee\\u0049d\":\"e4\",\"employeeId\":"),
         "\"employeeId\" appears twice in observations[0]"},
        {edited("\"comment\":", "\"\\u0063omment\":\"x\",\"comm\\u0065nt\":"), "\"comment\" appears twice"},
    };
    std::vector<std::string> problems;
    for (const auto& [body, named] : cases) {
        const auto problem = malformed_problem(call("POST", "/api/v1/sync/push", body, &manager), named);
        if (!problem.empty()) problems.push_back(named + ": " + problem);
    }
    INFO(Catch::Detail::stringify(problems));
    CHECK(problems.empty());
    CHECK(stored_observations() == before);
    // The same names in sibling objects and at other depths are no duplicate: a two-record push is taken whole.
    pb::PushRequest two;
    two.set_device_id(manager.device_id);
    *two.add_observations() = factory->observation(wall_now());
    *two.add_observations() = factory->observation(wall_now());
    CHECK(call("POST", "/api/v1/sync/push", wire::to_json(two), &manager).status == 200);
    CHECK(stored_observations() == before + 2);
}

TEST_CASE_METHOD(HostileHttp, "sign-in, imports, settings and KPIs refuse a member given twice") {
    const std::vector<std::tuple<std::string, std::string, const Account*, std::string, std::string>> cases = {
        {"POST", "/api/v1/auth/login", nullptr,
         R"({"organization":"acme","username":"analyst","password":"wrong","deviceId":"d","username":"manager"})",
         "\"username\" appears twice"},
        {"PUT", "/api/v1/admin/units", &admin, R"({"units":[{"id":"n9","parentId":"north","parentId":"south"}]})",
         "\"parentId\" appears twice in units[0]"},
        {"PUT", "/api/v1/admin/employees", &admin,
         R"({"employees":[{"id":"e9","unitId":"n1","displayName":"A","active":false,"active":true}]})",
         "\"active\" appears twice in employees[0]"},
        {"PUT", "/api/v1/admin/users", &admin,
         R"({"users":[{"username":"x","role":"MANAGER","unitIds":["n1"],"unit_ids":["hq"]}]})",
         "\"unitIds\" and \"unit_ids\" in users[0]"},
        {"PUT", "/api/v1/admin/model", &admin, R"({"name":"m","scale":{"masteryThreshold":3,"masteryThreshold":1}})",
         "\"masteryThreshold\" appears twice in scale"},
        {"PUT", "/api/v1/admin/settings", &admin, R"({"minGroupSize":3,"min\u0047roupSize":1})",
         "\"minGroupSize\" appears twice"},
        {"PUT", "/api/v1/admin/kpis", &admin,
         R"({"kpis":[{"unitId":"n1","period":"2026-11","metric":"nps","value":1,"value":99}]})",
         "\"value\" appears twice in kpis[0]"},
    };
    std::vector<std::string> problems;
    for (const auto& [method, path, account, body, named] : cases) {
        const auto problem = malformed_problem(call(method, path, body, account), named);
        if (!problem.empty()) problems.push_back(path + ": " + problem);
    }
    INFO(Catch::Detail::stringify(problems));
    CHECK(problems.empty());
    require_serving();
}
