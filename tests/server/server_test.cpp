// The whole server over real HTTP(S) on 127.0.0.1: the store, the indicator service, authentication, the API and
// the transport, wired as `floorwalk-server serve` wires them.
#include "support/http_client.h"
#include "support/json.h"
#include "support/test_server.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

const Headers json_headers{{"Content-Type", "application/json"}, {"Accept", "application/json"}};

// A signed-in client: one kept-alive connection and its token.
class Session {
public:
    Session(unsigned short port, const std::string& username, const std::string& organization = "acme",
            std::optional<TlsOptions> tls = std::nullopt, const std::string& device = {})
        : client_(port, std::move(tls)) {
        pb::LoginRequest login;
        login.set_organization(organization);
        login.set_username(username);
        login.set_password(test_password);
        login.set_device_id(device.empty() ? username + "-" + organization + "-phone" : device);
        const auto reply = client_.request("POST", "/api/v1/auth/login", to_json(login), json_headers);
        if (reply.status != 200) throw std::runtime_error("sign-in failed: " + reply.body);
        token_ = from_json<pb::LoginResponse>(reply.body).token();
    }

    HttpReply call(const std::string& method, const std::string& target, const std::string& body = {},
                   Headers headers = json_headers) {
        headers.emplace_back("Authorization", "Bearer " + token_);
        return client_.request(method, target, body, headers);
    }

    pb::PushResponse push(const std::vector<Observation>& observations,
                          const std::vector<CoachingActivity>& activities = {}) {
        pb::PushRequest request;
        for (const auto& observation : observations) wire::to_proto(observation, request.add_observations());
        for (const auto& activity : activities) wire::to_proto(activity, request.add_activities());
        const auto reply = call("POST", "/api/v1/sync/push", to_json(request));
        if (reply.status != 200) throw std::runtime_error("push failed: " + reply.body);
        return from_json<pb::PushResponse>(reply.body);
    }

    pb::PullResponse pull(const std::string& cursor = {}, int limit = 500) {
        const auto reply = call("GET", "/api/v1/sync/pull?limit=" + std::to_string(limit) + "&cursor=" + cursor);
        if (reply.status != 200) throw std::runtime_error("pull failed: " + reply.body);
        return from_json<pb::PullResponse>(reply.body);
    }

    [[nodiscard]] const std::string& token() const { return token_; }

private:
    HttpClient client_;
    std::string token_;
};

struct ServerFixture {
    TempDir dir;
    ManualClock clock{std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
    std::unique_ptr<TestServer> server;

    explicit ServerFixture(TestServerOptions options = {}) {
        options.clock = &clock;
        server = std::make_unique<TestServer>(dir.path(), options);
        seed_organization(server->store(), "acme");
        seed_organization(server->store(), "globex");
    }
    [[nodiscard]] unsigned short port() const { return server->port(); }
    [[nodiscard]] Timestamp now() const { return clock.now(); }
};

}  // namespace

TEST_CASE_METHOD(ServerFixture, "sign in, push and pull in JSON over HTTP") {
    Session manager(port(), "manager");
    const auto observation = make_observation("e1", 3, now());
    const auto pushed = manager.push({observation}, {make_activity({"e1"}, now())});
    REQUIRE(pushed.results_size() == 2);
    CHECK(pushed.results(0).status() == pb::ACCEPTED);
    CHECK(pushed.results(1).status() == pb::ACCEPTED);

    const auto page = manager.pull();
    REQUIRE(page.observations_size() == 1);
    CHECK(page.observations(0).id() == observation.id);
    CHECK(page.observations(0).ratings(0).level() == 3);
    CHECK(page.activities_size() == 1);
    CHECK(page.model().id() == "cx");
    CHECK_FALSE(page.cursor().empty());
}

TEST_CASE_METHOD(ServerFixture, "the same exchange in binary protobuf") {
    HttpClient client(port());
    const Headers protobuf{{"Content-Type", "application/x-protobuf"}, {"Accept", "application/x-protobuf"}};
    pb::LoginRequest login;
    login.set_organization("acme");
    login.set_username("manager");
    login.set_password(test_password);
    login.set_device_id("binary-phone");
    auto reply = client.request("POST", "/api/v1/auth/login", login.SerializeAsString(), protobuf);
    REQUIRE(reply.status == 200);
    CHECK(reply.header("Content-Type") == "application/x-protobuf");
    pb::LoginResponse session;
    REQUIRE(session.ParseFromString(reply.body));

    auto headers = protobuf;
    headers.emplace_back("Authorization", "Bearer " + session.token());
    pb::PushRequest push;
    wire::to_proto(make_observation("e2", 4, now()), push.add_observations());
    reply = client.request("POST", "/api/v1/sync/push", push.SerializeAsString(), headers);
    REQUIRE(reply.status == 200);
    pb::PushResponse pushed;
    REQUIRE(pushed.ParseFromString(reply.body));
    CHECK(pushed.results(0).status() == pb::ACCEPTED);

    reply = client.request("GET", "/api/v1/sync/pull", {}, headers);
    REQUIRE(reply.status == 200);
    pb::PullResponse page;
    REQUIRE(page.ParseFromString(reply.body));
    CHECK(page.observations_size() == 1);

    reply = client.request("POST", "/api/v1/sync/push", "\x0a\x03\xff\xff", headers);
    CHECK(reply.status == 400);
    pb::ErrorResponse error;
    REQUIRE(error.ParseFromString(reply.body));
    CHECK(error.error().code() == "malformed_body");
}

TEST_CASE_METHOD(ServerFixture, "every error status over the wire, each with a JSON error a person can act on") {
    Session manager(port(), "manager");
    Session analyst(port(), "analyst");
    HttpClient anonymous(port());
    auto expect = [](const HttpReply& reply, int status, const std::string& code) {
        INFO(reply.body);
        CHECK(reply.status == status);
        CHECK(error_code(reply.body) == code);
        CHECK_FALSE(from_json<pb::ErrorResponse>(reply.body).error().message().empty());
    };
    expect(manager.call("POST", "/api/v1/sync/push", "{\"observations\": ["), 400, "malformed_body");
    expect(manager.call("GET", "/api/v1/sync/pull?limit=zero"), 400, "invalid_argument");
    expect(anonymous.request("GET", "/api/v1/sync/pull"), 401, "token_missing");
    expect(anonymous.request("GET", "/api/v1/sync/pull", {}, {{"Authorization", "Token abc"}}), 401, "token_malformed");
    expect(anonymous.request("GET", "/api/v1/sync/pull", {}, {{"Authorization", "Bearer " + std::string(43, 'x')}}),
           401, "token_invalid");
    expect(analyst.call("POST", "/api/v1/sync/push", "{}"), 403, "forbidden");              // role
    expect(manager.call("GET", "/api/v1/indicators?unitId=s1"), 403, "forbidden");          // scope
    expect(manager.call("PUT", "/api/v1/admin/units", "{}"), 403, "forbidden");
    expect(manager.call("GET", "/api/v1/nowhere"), 404, "not_found");
    expect(manager.call("PUT", "/api/v1/sync/pull"), 405, "method_not_allowed");
    expect(manager.call("POST", "/api/v1/sync/push", std::string(4 * 1024 * 1024 + 10, ' ')), 413, "body_too_large");

    pb::PushRequest too_many;
    for (int i = 0; i < 501; ++i) wire::to_proto(make_observation("e1", 2, now()), too_many.add_observations());
    expect(manager.call("POST", "/api/v1/sync/push", to_json(too_many)), 413, "too_many_records");
    expect(manager.call("POST", "/api/v1/sync/push", "a,b", {{"Content-Type", "text/csv"}}), 415,
           "unsupported_media_type");

    pb::LoginRequest wrong;
    wrong.set_organization("acme");
    wrong.set_username("director");
    wrong.set_password("guess-guess");
    wrong.set_device_id("x");
    for (int i = 0; i < 5; ++i) expect(anonymous.request("POST", "/api/v1/auth/login", to_json(wrong), json_headers), 401, "invalid_credentials");
    const auto throttled = anonymous.request("POST", "/api/v1/auth/login", to_json(wrong), json_headers);
    expect(throttled, 429, "too_many_attempts");
    CHECK(std::stoi(throttled.header("Retry-After")) > 0);
}

TEST_CASE_METHOD(ServerFixture, "a retried push gets the same outcome and stores nothing twice") {
    Session manager(port(), "manager");
    const auto good = make_observation("e1", 3, now());
    const auto bad = make_observation("e4", 3, now());  // outside the manager's store
    const auto first = manager.push({good, bad});
    const auto retry = manager.push({good, bad});
    CHECK(first.results(0).status() == pb::ACCEPTED);
    CHECK(retry.results(0).status() == pb::DUPLICATE);
    CHECK(first.results(1).status() == pb::REJECTED);
    CHECK(retry.results(1).status() == pb::REJECTED);
    CHECK(retry.results(1).error().code() == first.results(1).error().code());
    CHECK(manager.pull().observations_size() == 1);
}

TEST_CASE_METHOD(ServerFixture, "edits, deletions and conflicts over HTTP") {
    Session manager(port(), "manager");
    auto observation = make_observation("e1", 2, now());
    REQUIRE(manager.push({observation}).results(0).status() == pb::ACCEPTED);
    const auto cursor = manager.pull().cursor();

    auto edit = observation;
    edit.revision = 2;
    edit.base_revision = 1;
    edit.comment = "Edited on the phone";
    auto competing = edit;
    competing.comment = "Edited on another phone";
    CHECK(manager.push({edit}).results(0).status() == pb::ACCEPTED);
    CHECK(manager.push({competing}).results(0).status() == pb::CONFLICT);

    auto page = manager.pull(cursor);
    REQUIRE(page.observations_size() == 1);
    CHECK(page.observations(0).comment() == "Edited on the phone");

    auto tombstone = edit;
    tombstone.revision = 3;
    tombstone.base_revision = 2;
    tombstone.deleted = true;
    CHECK(manager.push({tombstone}).results(0).status() == pb::ACCEPTED);
    page = manager.pull(page.cursor());
    CHECK(page.observations_size() == 0);
    REQUIRE(page.deleted_ids_size() == 1);
    CHECK(page.deleted_ids(0) == observation.id);
}

TEST_CASE_METHOD(ServerFixture, "cursor pulls during concurrent pushes skip and repeat nothing", "[concurrency]") {
    constexpr int batches = 15;
    constexpr int per_batch = 8;
    std::mutex mutex;
    std::set<std::string> accepted;
    std::atomic<int> pushers_left{3};
    std::atomic<bool> failed{false};
    auto pusher = [&](std::string username, std::vector<std::string> employees) {
        try {
            Session session(port(), username);
            for (int b = 0; b < batches; ++b) {
                std::vector<Observation> batch;
                for (int i = 0; i < per_batch; ++i)
                    batch.push_back(make_observation(employees[static_cast<std::size_t>(i) % employees.size()], 1 + i % 4, now()));
                const auto answer = session.push(batch);
                std::scoped_lock lock(mutex);
                for (const auto& result : answer.results())
                    if (result.status() == pb::ACCEPTED) accepted.insert(result.id());
            }
        } catch (...) {
            failed = true;
        }
        --pushers_left;
    };
    std::vector<std::thread> pushers;
    pushers.emplace_back(pusher, "manager", std::vector<std::string>{"e1", "e2"});
    pushers.emplace_back(pusher, "manager2", std::vector<std::string>{"e4"});
    pushers.emplace_back(pusher, "director", std::vector<std::string>{"e1", "e2", "e3"});

    Session analyst(port(), "analyst");  // HQ pulls the whole organisation
    std::set<std::string> pulled;
    std::vector<std::string> repeated;
    std::string cursor;
    bool drained = false;
    for (int round = 0; round < 5000 && !drained; ++round) {
        const bool pushing = pushers_left > 0;
        const auto page = analyst.pull(cursor, 7);
        REQUIRE_FALSE(page.reset());
        for (const auto& observation : page.observations())
            if (!pulled.insert(observation.id()).second) repeated.push_back(observation.id());
        cursor = page.cursor();
        // Done once a page that started after every push finished has nothing more.
        drained = !pushing && !page.has_more();
    }
    for (auto& thread : pushers) thread.join();
    REQUIRE_FALSE(failed);
    CHECK(drained);
    CHECK(repeated.empty());
    CHECK(accepted.size() == 3 * batches * per_batch);
    CHECK(pulled == accepted);
}

TEST_CASE_METHOD(ServerFixture, "organisations are isolated, and a manager reads only his store") {
    Session acme_manager(port(), "manager", "acme");
    Session globex_manager(port(), "manager", "globex");
    Session globex_admin(port(), "admin", "globex");
    REQUIRE(acme_manager.push({make_observation("e1", 4, now())}).results(0).status() == pb::ACCEPTED);

    CHECK(globex_manager.pull().observations_size() == 0);
    const auto page = acme_manager.pull();
    std::set<std::string> employees;
    for (const auto& employee : page.employees()) employees.insert(employee.id());
    CHECK(employees == std::set<std::string>{"e1", "e2"});  // never e3 (n2) or e4 (s1)

    const auto revoke = globex_admin.call("POST", "/api/v1/admin/devices/manager-acme-phone/revoke");
    CHECK(revoke.status == 404);
    CHECK(acme_manager.call("GET", "/api/v1/me").status == 200);
    const auto devices = from_json<pb::DevicesResponse>(globex_admin.call("GET", "/api/v1/admin/devices").body);
    for (const auto& device : devices.devices()) CHECK(device.id().find("-acme-") == std::string::npos);
}

TEST_CASE("tokens expire after the configured lifetime") {
    TestServerOptions options;
    options.auth.token_ttl = std::chrono::hours(1);
    ServerFixture fixture(options);
    Session manager(fixture.port(), "manager");
    CHECK(manager.call("GET", "/api/v1/me").status == 200);
    fixture.clock.advance(std::chrono::hours(1));
    const auto reply = manager.call("GET", "/api/v1/me");
    CHECK(reply.status == 401);
    CHECK(error_code(reply.body) == "token_invalid");
    CHECK(reply.header("WWW-Authenticate") == R"(Bearer realm="floorwalk", error="invalid_token")");
}

TEST_CASE_METHOD(ServerFixture, "a revoked device is signed out at once and cannot sign in again") {
    Session phone(port(), "manager", "acme", std::nullopt, "lost-phone");
    Session admin(port(), "admin");
    REQUIRE(phone.call("GET", "/api/v1/me").status == 200);
    CHECK(admin.call("POST", "/api/v1/admin/devices/lost-phone/revoke").status == 200);
    CHECK(phone.call("GET", "/api/v1/me").status == 401);
    CHECK_THROWS_WITH(Session(port(), "manager", "acme", std::nullopt, "lost-phone"), Contains("device_revoked"));
}

TEST_CASE_METHOD(ServerFixture, "logout over HTTP") {
    Session manager(port(), "manager");
    CHECK(manager.call("POST", "/api/v1/auth/logout").status == 204);
    CHECK(manager.call("GET", "/api/v1/me").status == 401);
}

TEST_CASE("the whole API over HTTPS with a self-signed certificate") {
    TempDir certificates;
    const auto certificate = make_self_signed_certificate(certificates.path());
    TestServerOptions options;
    options.http.tls_certificate = certificate.certificate;
    options.http.tls_private_key = certificate.private_key;
    ServerFixture fixture(options);
    Session manager(fixture.port(), "manager", "acme", TlsOptions{certificate.certificate});
    CHECK(manager.push({make_observation("e1", 3, fixture.now())}).results(0).status() == pb::ACCEPTED);
    CHECK(manager.pull().observations_size() == 1);
    CHECK(http_request(fixture.port(), "GET", "/healthz").status == 0);  // plain HTTP gets nothing
    // Browsers told once over HTTPS keep to it for a year; the API's answers and its refusals alike.
    const TlsOptions tls{certificate.certificate};
    for (const auto& [method, target] : {std::pair{"GET", "/healthz"}, std::pair{"GET", "/api/v1/me"},
                                         std::pair{"HEAD", "/"}, std::pair{"POST", "/api/v1/sync/pull"}}) {
        INFO(method << " " << target);
        const auto reply = http_request(fixture.port(), method, target, {}, {}, tls);
        CHECK(reply.status != 0);
        CHECK(reply.header("Strict-Transport-Security") == "max-age=31536000");
    }
}

TEST_CASE("a restart keeps every acknowledged record, token and cursor") {
    TempDir dir;
    ManualClock clock{std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())};
    TestServerOptions options;
    options.clock = &clock;
    std::string token;
    std::string cursor;
    std::set<std::string> ids;
    {
        TestServer server(dir.path(), options);
        seed_organization(server.store(), "acme");
        Session manager(server.port(), "manager");
        std::vector<Observation> observations;
        for (int i = 0; i < 5; ++i) {
            observations.push_back(make_observation("e2", 1 + i % 4, clock.now()));
            ids.insert(observations.back().id);
        }
        const auto answer = manager.push(observations);
        for (const auto& result : answer.results()) REQUIRE(result.status() == pb::ACCEPTED);
        cursor = manager.pull().cursor();
        token = manager.token();
        server.stop();
    }
    TestServer server(dir.path(), options);
    HttpClient client(server.port());
    const Headers headers{{"Authorization", "Bearer " + token}};
    auto reply = client.request("GET", "/api/v1/sync/pull", {}, headers);
    REQUIRE(reply.status == 200);
    std::set<std::string> pulled;
    const auto first_page = from_json<pb::PullResponse>(reply.body);
    for (const auto& observation : first_page.observations()) pulled.insert(observation.id());
    CHECK(pulled == ids);
    reply = client.request("GET", "/api/v1/sync/pull?cursor=" + cursor, {}, headers);
    REQUIRE(reply.status == 200);
    const auto page = from_json<pb::PullResponse>(reply.body);
    CHECK_FALSE(page.reset());
    CHECK(page.observations_size() == 0);
}

TEST_CASE_METHOD(ServerFixture, "indicators come from the indicator service, behind authentication") {
    Session manager(port(), "manager");
    REQUIRE(manager.push({make_observation("e1", 4, now()), make_observation("e2", 1, now())}).results_size() == 2);
    Session admin(port(), "admin");
    const auto reply = admin.call("GET", "/api/v1/indicators?unitId=n1");
    REQUIRE(reply.status == 200);
    const auto figures = from_json<pb::IndicatorsResponse>(reply.body);
    CHECK(figures.unit_id() == "n1");
    CHECK(figures.observations() == 2);
    // Head office may not read n1's two employees (minGroupSize 3): the same service withholds them.
    Session analyst(port(), "analyst");
    const auto withheld = from_json<pb::IndicatorsResponse>(analyst.call("GET", "/api/v1/indicators?unitId=n1").body);
    CHECK(withheld.hidden());
    CHECK(withheld.observations() == 0);
    CHECK(HttpClient(port()).request("GET", "/api/v1/indicators").status == 401);
}

TEST_CASE("health on the main address, metrics only on the metrics listener") {
    TestServerOptions options;
    options.metrics.emplace();
    ServerFixture fixture(options);
    REQUIRE(fixture.server->metrics_port() != 0);
    // One connection throughout: an exchange is counted once its response is written, so only a later request on
    // the same connection proves the push was counted before the scrape.
    Session manager(fixture.port(), "manager");
    auto reply = manager.call("GET", "/healthz");
    CHECK(reply.status == 200);
    CHECK(reply.body == R"({"status":"ok"})");
    manager.push({make_observation("e1", 2, fixture.now())});
    CHECK(manager.call("GET", "/healthz").status == 200);

    for (const char* path : {"/metrics", "/api/v1/metrics"}) {
        INFO(path);
        reply = manager.call("GET", path);
        CHECK(reply.status == 404);
        CHECK_FALSE(Catch::Matchers::Contains("floorwalk_").match(reply.body));
    }

    HttpClient scraper(fixture.server->metrics_port());
    reply = scraper.request("GET", "/metrics");
    REQUIRE(reply.status == 200);
    CHECK_THAT(reply.header("Content-Type"), Contains("text/plain"));
    CHECK_THAT(reply.body, Contains(R"(floorwalk_http_requests_total{route="/api/v1/sync/push",method="POST",status="200"} 1)"));
    // The first /healthz surely, the second perhaps: its count is written after its answer.
    CHECK_THAT(reply.body, Contains(R"(floorwalk_http_requests_total{route="/healthz",method="GET",status="200"} )"));
    CHECK_THAT(reply.body, Contains(R"(floorwalk_sync_records_total{kind="observation",status="accepted"} 1)"));
    CHECK_THAT(reply.body, Contains(R"(floorwalk_http_request_duration_seconds_count{route="/api/v1/auth/login"} 1)"));
    const auto head = scraper.request("HEAD", "/metrics");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(scraper.request("GET", "/healthz").status == 404);  // the metrics listener serves nothing else
    CHECK(scraper.request("GET", "/api/v1/me").status == 404);
}

TEST_CASE_METHOD(ServerFixture, "without a metrics listener, metrics are served nowhere") {
    CHECK(server->metrics_port() == 0);
    CHECK(http_request(port(), "GET", "/metrics").status == 404);
    CHECK(http_request(port(), "HEAD", "/metrics").status == 404);
}

TEST_CASE_METHOD(ServerFixture, "HEAD then GET on one kept-alive connection, on API, health and error routes") {
    Session manager(port(), "manager");
    // (target, whether the GET answer is the same bytes each time: no time of the request inside)
    for (const auto& [target, stable] : {std::pair{"/api/v1/me", true}, std::pair{"/api/v1/units", true},
                                         std::pair{"/healthz", true}, std::pair{"/api/v1/nothing", true},
                                         std::pair{"/api/v1/sync/pull?limit=5", false},
                                         std::pair{"/api/v1/indicators?unitId=n1", false}}) {
        INFO(target);
        const auto head = manager.call("HEAD", target);
        const auto get = manager.call("GET", target);
        REQUIRE(get.status != 0);
        CHECK(head.status == get.status);
        CHECK(head.body.empty());
        CHECK(head.header("Content-Type") == get.header("Content-Type"));
        CHECK_FALSE(head.header("Content-Length").empty());
        if (stable) CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
    }
    CHECK(manager.call("HEAD", "/api/v1/sync/push").header("Allow") == "POST");
    CHECK(manager.call("PUT", "/api/v1/me").header("Allow") == "GET, HEAD");
}
