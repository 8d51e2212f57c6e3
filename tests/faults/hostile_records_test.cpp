// Hostile records against the whole server in-process (on 127.0.0.1): records and imports built to be as large,
// as deep or as ambiguous as the wire formats allow, and sign-ins that try to slip past the throttle or past a
// deactivation. The contract checked every time: never a 5xx, a 4xx carries {"error": {code, message}}, every
// answer stays small, nothing half-applied is stored, and /healthz still answers afterwards.
#include "support/fixtures.h"
#include "support/http_client.h"
#include "support/json.h"
#include "support/test_server.h"

#include "floorwalk/validation.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;

namespace {

constexpr std::size_t small_answer = 256 * 1024;  // every refusal below fits (imports list <= 1000 rows)

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

struct HostileServer {
    TempDir dir;
    TestServer server{dir.path()};
    Organization acme = seed_organization(server.store(), "acme");
    HttpClient client{server.port()};

    HttpReply call(const std::string& method, const std::string& target, const std::string& body = {},
                   const std::string& token = {}, const std::string& content_type = "application/json") {
        Headers headers{{"Content-Type", content_type}};
        if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
        return client.request(method, target, body, headers);
    }

    std::string login(const std::string& username, const std::string& organization = "acme",
                      const std::string& device = "") {
        pb::LoginRequest in;
        in.set_organization(organization);
        in.set_username(username);
        in.set_password(test_password);
        in.set_device_id(device.empty() ? "dev-" + username : device);
        const auto reply = call("POST", "/api/v1/auth/login", to_json(in));
        REQUIRE(reply.status == 200);
        return from_json<pb::LoginResponse>(reply.body).token();
    }

    // The contract every answer keeps; returns the error code of a 4xx ("" otherwise).
    std::string checked(const HttpReply& reply) {
        INFO("status " << reply.status << ", " << reply.body.size() << " bytes: " << reply.body.substr(0, 300));
        REQUIRE(reply.status != 0);
        REQUIRE(reply.status < 500);
        CHECK(reply.body.size() < small_answer);
        if (reply.status < 400) return {};
        const auto code = error_code(reply.body);
        CHECK_FALSE(code.empty());
        return code;
    }

    void still_healthy() { CHECK(call("GET", "/healthz").status == 200); }
};

pb::PushResponse pushed(const HttpReply& reply) {
    REQUIRE(reply.status == 200);
    return from_json<pb::PushResponse>(reply.body);
}

std::string upper(std::string text) {
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

}  // namespace

TEST_CASE_METHOD(HostileServer, "records with repeated fields far over their bounds are refused one by one, briefly",
                 "[faults][hostile][limits]") {
    const auto token = login("manager");
    struct Case {
        const char* name;
        std::function<void(pb::PushRequest&)> build;
        const char* code;
    };
    const std::vector<Case> cases = {
        {"51 ratings (one more than a model can have dimensions)",
         [](pb::PushRequest& in) {
             auto* o = in.add_observations();
             wire::to_proto(make_observation("e1", 3, wall_now()), o);
             for (int i = 0; i < 50; ++i) o->add_ratings()->set_dimension_id("d" + std::to_string(i));
         },
         "too_many_ratings"},
        {"600,000 ratings", [](pb::PushRequest& in) {
             auto* o = in.add_observations();
             wire::to_proto(make_observation("e1", 3, wall_now()), o);
             for (int i = 0; i < 600'000; ++i) o->add_ratings()->set_level(9);
         },
         "too_many_ratings"},
        {"the same dimension rated 50 times", [](pb::PushRequest& in) {
             auto* o = in.add_observations();
             wire::to_proto(make_observation("e1", 3, wall_now()), o);
             for (int i = 0; i < 49; ++i) {
                 auto* r = o->add_ratings();
                 r->set_dimension_id("greet");
                 r->set_level(3);
             }
         },
         "rating_dimension_duplicate"},
        {"101 participants", [](pb::PushRequest& in) {
             auto* a = in.add_activities();
             wire::to_proto(make_activity({"e1"}, wall_now()), a);
             for (int i = 0; i < 100; ++i) a->add_participant_ids("p" + std::to_string(i));
         },
         "too_many_participants"},
        {"200,000 participants", [](pb::PushRequest& in) {
             auto* a = in.add_activities();
             wire::to_proto(make_activity({"e1"}, wall_now()), a);
             for (int i = 0; i < 200'000; ++i) a->add_participant_ids("e1");
         },
         "too_many_participants"},
        {"50 unknown dimensions at once (errors capped per record)", [](pb::PushRequest& in) {
             auto* o = in.add_observations();
             wire::to_proto(make_observation("e1", 3, wall_now()), o);
             o->clear_ratings();
             for (int i = 0; i < 50; ++i) {
                 auto* r = o->add_ratings();
                 r->set_dimension_id("nope-" + std::to_string(i));
                 r->set_level(99);
             }
         },
         "rating_dimension_unknown"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            pb::PushRequest in;
            wire::to_proto(make_observation("e2", 2, wall_now()), in.add_observations());  // a good neighbour
            c.build(in);
            const auto reply = call("POST", "/api/v1/sync/push", in.SerializeAsString(), token,
                                    "application/x-protobuf");
            CHECK(checked(reply).empty());
            const auto answer = pushed(reply);
            REQUIRE(answer.results_size() == 2);
            CHECK(answer.results(0).status() == pb::ACCEPTED);
            CHECK(answer.results(1).status() == pb::REJECTED);
            CHECK(answer.results(1).error().code() == c.code);
            CHECK(answer.results(1).error().message().size() < 2000);
            still_healthy();
        }
    }
}

TEST_CASE_METHOD(HostileServer, "imports built to be huge, deep or circular are refused with a bounded answer",
                 "[faults][hostile][limits]") {
    const auto token = login("admin");
    const auto csv = "text/csv";
    SECTION("a unit chain one level too deep") {
        std::string body = "id,parentId,name,kind\n";
        std::string parent = "n1";  // level 3
        for (int level = 4; level <= max_unit_depth + 1; ++level) {
            body += "deep" + std::to_string(level) + "," + parent + ",Team,TEAM\n";
            parent = "deep" + std::to_string(level);
        }
        const auto reply = call("PUT", "/api/v1/admin/units", body, token, csv);
        CHECK(checked(reply) == "invalid_rows");
        CHECK(reply.body.find("at most 32 levels") != std::string::npos);
    }
    SECTION("a unit chain 20,000 deep") {
        std::string body = "id,parentId,name,kind\n";
        std::string parent = "n1";
        for (int i = 0; i < 20'000; ++i) {
            body += "c" + std::to_string(i) + "," + parent + ",T,TEAM\n";
            parent = "c" + std::to_string(i);
        }
        CHECK(checked(call("PUT", "/api/v1/admin/units", body, token, csv)) == "invalid_rows");
    }
    SECTION("a cycle of 50,000 units") {
        std::string body = "id,parentId,name,kind\n";
        for (int i = 0; i < 50'000; ++i) body += "k" + std::to_string(i) + ",k" + std::to_string((i + 1) % 50'000) + ",K,STORE\n";
        CHECK(checked(call("PUT", "/api/v1/admin/units", body, token, csv)) == "invalid_rows");
    }
    SECTION("50,000 employees in unknown units") {
        std::string body = "id,unitId,displayName\n";
        for (int i = 0; i < 50'000; ++i) body += "x" + std::to_string(i) + ",atlantis,X\n";
        const auto reply = call("PUT", "/api/v1/admin/employees", body, token, csv);
        CHECK(checked(reply) == "invalid_rows");
        const auto error = from_json<pb::ErrorResponse>(reply.body);
        CHECK(error.error().details_size() <= static_cast<int>(max_import_errors) + 1);
    }
    SECTION("a user assigned to 100,000 units") {
        pb::UsersImport in;
        auto* user = in.add_users();
        user->set_username("spread");
        user->set_display_name("Spread");
        user->set_role(pb::DIRECTOR);
        user->set_password("long-enough-password");
        for (int i = 0; i < 100'000; ++i) user->add_unit_ids("n1");
        CHECK(checked(call("PUT", "/api/v1/admin/users", to_json(in), token)) == "invalid_rows");
    }
    SECTION("a model with 1,000 dimensions of 1,000 behaviours") {
        pb::ExperienceModel in;
        in.set_id("huge");
        in.set_name("Huge");
        for (int i = 1; i <= 4; ++i) {
            auto* level = in.mutable_scale()->add_levels();
            level->set_level(i);
            level->set_label("L");
        }
        in.mutable_scale()->set_mastery_threshold(3);
        for (int i = 0; i < 1'000; ++i) {
            auto* d = in.add_dimensions();
            d->set_id("d" + std::to_string(i));
            d->set_name("D" + std::to_string(i));
            for (int k = 0; k < 1'000; ++k) d->add_behaviours("b");
        }
        CHECK(checked(call("PUT", "/api/v1/admin/model", in.SerializeAsString(), token, "application/x-protobuf")) ==
              "invalid_rows");
    }
    SECTION("a scale level beyond the range") {
        pb::ExperienceModel in;
        in.set_id("wide");
        in.set_name("Wide");
        for (const int value : {1, 1'000'000}) {
            auto* level = in.mutable_scale()->add_levels();
            level->set_level(value);
            level->set_label("L");
        }
        in.mutable_scale()->set_mastery_threshold(1);
        auto* d = in.add_dimensions();
        d->set_id("d");
        d->set_name("D");
        CHECK(checked(call("PUT", "/api/v1/admin/model", to_json(in), token)) == "invalid_rows");
    }
    CHECK(server.store().units(acme.id).size() == 6);  // nothing of any of them was written
    still_healthy();
}

TEST_CASE_METHOD(HostileServer, "a record id in another case is the same record", "[faults][hostile][ids]") {
    const auto token = login("manager");
    auto observation = make_observation("e1", 3, wall_now());
    observation.id = "0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d";
    const std::vector<std::string> spellings = {upper(observation.id), observation.id,
                                                "0190B6A2-4c1e-7D3F-9a2B-5E6f7a8b9C0d"};
    for (std::size_t i = 0; i < spellings.size(); ++i) {
        auto resent = observation;
        resent.id = spellings[i];
        pb::PushRequest in;
        wire::to_proto(resent, in.add_observations());
        const auto answer = pushed(call("POST", "/api/v1/sync/push", to_json(in), token));
        CHECK(answer.results(0).id() == spellings[i]);
        CHECK(answer.results(0).status() == (i == 0 ? pb::ACCEPTED : pb::DUPLICATE));
    }
    const auto page = from_json<pb::PullResponse>(call("GET", "/api/v1/sync/pull", {}, token).body);
    REQUIRE(page.observations_size() == 1);
    CHECK(page.observations(0).id() == observation.id);
}

TEST_CASE_METHOD(HostileServer, "device ids that a URL could not carry are refused at sign-in and at revocation",
                 "[faults][hostile][devices]") {
    const auto admin = login("admin");
    for (const std::string bad : {std::string("a/b"), std::string("a b"), std::string("../../etc"),
                                  std::string(129, 'x'), std::string("caf\xc3\xa9"), std::string("a?b=c"),
                                  std::string("a%2Fb"), std::string("\t")}) {
        pb::LoginRequest in;
        in.set_organization("acme");
        in.set_username("manager");
        in.set_password(test_password);
        in.set_device_id(bad);
        CHECK(checked(call("POST", "/api/v1/auth/login", to_json(in))) == "invalid_argument");
    }
    CHECK(checked(call("POST", "/api/v1/admin/devices/a%20b/revoke", {}, admin)) == "invalid_argument");
    CHECK(checked(call("POST", "/api/v1/admin/devices/dev-manager/revoke?signOutUser=maybe", {}, admin)) ==
          "invalid_argument");
    still_healthy();
}

TEST_CASE_METHOD(HostileServer, "no spelling of the organisation buys a fresh allowance of guesses",
                 "[faults][hostile][throttle]") {
    const std::vector<std::string> spellings = {"acme", "ACME", "Acme", "aCME", acme.id};
    int refused = 0;
    for (int i = 0; i < 10; ++i) {
        pb::LoginRequest in;
        in.set_organization(spellings[static_cast<std::size_t>(i) % spellings.size()]);
        in.set_username("manager");
        in.set_password("wrong-password");
        in.set_device_id("guesser");
        const auto reply = call("POST", "/api/v1/auth/login", to_json(in));
        const auto code = checked(reply);
        if (code == "too_many_attempts") {
            ++refused;
            CHECK_FALSE(reply.header("Retry-After").empty());
        }
    }
    CHECK(refused == 5);
    // Locked: the right password under yet another spelling is refused too.
    pb::LoginRequest right;
    right.set_organization("AcMe");
    right.set_username("manager");
    right.set_password(test_password);
    right.set_device_id("phone");
    CHECK(checked(call("POST", "/api/v1/auth/login", to_json(right))) == "too_many_attempts");
}

TEST_CASE_METHOD(HostileServer, "deactivation ends access at once and cannot be undone by the user",
                 "[faults][hostile][users]") {
    const auto admin = login("admin");
    const auto manager = login("manager");
    const auto manager_id = server.store().find_user_by_username(acme.id, "manager")->user.id;
    CHECK(checked(call("POST", "/api/v1/admin/users/" + manager_id + "/deactivate", {}, admin)).empty());
    CHECK(checked(call("GET", "/api/v1/sync/pull", {}, manager)) == "token_invalid");
    pb::LoginRequest in;
    in.set_organization("acme");
    in.set_username("manager");
    in.set_password(test_password);
    in.set_device_id("another-phone");
    CHECK(checked(call("POST", "/api/v1/auth/login", to_json(in))) == "user_deactivated");
    // Not by a manager, not on oneself, not on someone unknown.
    const auto other = login("manager2");
    CHECK(checked(call("POST", "/api/v1/admin/users/" + manager_id + "/activate", {}, other)) == "forbidden");
    const auto admin_id = server.store().find_user_by_username(acme.id, "admin")->user.id;
    CHECK(checked(call("POST", "/api/v1/admin/users/" + admin_id + "/deactivate", {}, admin)) ==
          "cannot_deactivate_self");
    CHECK(checked(call("POST", "/api/v1/admin/users/nobody/deactivate", {}, admin)) == "unknown_user");
    still_healthy();
}

TEST_CASE_METHOD(HostileServer, "revoking a device can sign its user out everywhere", "[faults][hostile][devices]") {
    const auto admin = login("admin");
    const auto phone = login("manager", "acme", "phone-a");
    const auto laptop = login("manager", "acme", "laptop-b");
    CHECK(checked(call("POST", "/api/v1/admin/devices/phone-a/revoke?signOutUser=true", {}, admin)).empty());
    CHECK(checked(call("GET", "/api/v1/me", {}, phone)) == "token_invalid");
    CHECK(checked(call("GET", "/api/v1/me", {}, laptop)) == "token_invalid");
    // The revoked phone cannot come back under the same id; the user can sign in again elsewhere.
    pb::LoginRequest in;
    in.set_organization("acme");
    in.set_username("manager");
    in.set_password(test_password);
    in.set_device_id("phone-a");
    CHECK(checked(call("POST", "/api/v1/auth/login", to_json(in))) == "device_revoked");
    CHECK_FALSE(login("manager", "acme", "laptop-b").empty());
}
