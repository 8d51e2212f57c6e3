// POST /sync/push and GET /sync/pull through the API, against a real SqliteStore.
#include "support/api_fixture.h"
#include "support/json.h"

#include "floorwalk/time.h"

#include <catch2/catch.hpp>

#include <set>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using Catch::Matchers::Contains;

namespace {

class SyncFixture : public ApiFixture {
public:
    pb::PushRequest push_request(const std::vector<Observation>& observations,
                                 const std::vector<CoachingActivity>& activities = {}) const {
        pb::PushRequest request;
        for (const auto& observation : observations) wire::to_proto(observation, request.add_observations());
        for (const auto& activity : activities) wire::to_proto(activity, request.add_activities());
        return request;
    }

    Response push(const std::string& token, const pb::PushRequest& request) {
        return call("POST", "/api/v1/sync/push", token, to_json(request));
    }

    pb::PushResponse push_ok(const std::string& token, const std::vector<Observation>& observations,
                             const std::vector<CoachingActivity>& activities = {}) {
        const auto response = push(token, push_request(observations, activities));
        REQUIRE(response.status == 200);
        return from_json<pb::PushResponse>(response.body);
    }

    pb::PullResponse pull(const std::string& token, const std::string& query = {}) {
        const auto response = call("GET", "/api/v1/sync/pull" + query, token);
        REQUIRE(response.status == 200);
        return from_json<pb::PullResponse>(response.body);
    }
};

}  // namespace

TEST_CASE_METHOD(SyncFixture, "a manager's push is stored, with the observer taken from the token") {
    const auto token = login("manager");
    auto observation = make_observation("e1", 3, clock.now());
    observation.observer_id = "someone-else";
    const auto answer = push_ok(token, {observation}, {make_activity({"e1", "e2"}, clock.now())});
    REQUIRE(answer.results_size() == 2);
    CHECK(answer.results(0).id() == observation.id);
    CHECK(answer.results(0).status() == pb::ACCEPTED);
    CHECK(answer.results(0).stored_revision() == 1);
    CHECK(answer.results(1).status() == pb::ACCEPTED);
    CHECK(wire::from_proto(answer.server_time()) == clock.now());

    const auto page = pull(token);
    REQUIRE(page.observations_size() == 1);
    CHECK(page.observations(0).observer_id() == store->find_user_by_username(acme.id, "manager")->user.id);
    CHECK(page.activities_size() == 1);
}

TEST_CASE_METHOD(SyncFixture, "only managers and directors push") {
    for (const auto* username : {"admin", "analyst"}) {
        const auto response = push(login(username), push_request({make_observation("e1", 3, clock.now())}));
        CHECK(response.status == 403);
        CHECK(error_code(response.body) == "forbidden");
        CHECK_THAT(from_json<pb::ErrorResponse>(response.body).error().message(), Contains("MANAGER or DIRECTOR"));
    }
    const auto director = push_ok(login("director"), {make_observation("e3", 2, clock.now())});
    CHECK(director.results(0).status() == pb::ACCEPTED);
}

TEST_CASE_METHOD(SyncFixture, "more than 500 records answer 413 and store nothing") {
    const auto token = login("manager");
    std::vector<Observation> observations;
    for (int i = 0; i < 400; ++i) observations.push_back(make_observation("e1", 2, clock.now()));
    std::vector<CoachingActivity> activities;
    for (int i = 0; i < 101; ++i) activities.push_back(make_activity({"e2"}, clock.now()));
    const auto response = push(token, push_request(observations, activities));
    CHECK(response.status == 413);
    CHECK(error_code(response.body) == "too_many_records");
    CHECK_THAT(from_json<pb::ErrorResponse>(response.body).error().message(), Contains("501"));
    CHECK(pull(token).observations_size() == 0);

    activities.pop_back();
    CHECK(push_ok(token, observations, activities).results_size() == 500);
}

TEST_CASE_METHOD(SyncFixture, "the same push twice: the retry is a DUPLICATE and changes nothing") {
    const auto token = login("manager");
    const auto observation = make_observation("e1", 3, clock.now());
    CHECK(push_ok(token, {observation}).results(0).status() == pb::ACCEPTED);
    const auto cursor = pull(token).cursor();
    const auto retry = push_ok(token, {observation});
    CHECK(retry.results(0).status() == pb::DUPLICATE);
    CHECK(retry.results(0).stored_revision() == 1);
    const auto after = pull(token, "?cursor=" + cursor);
    CHECK(after.observations_size() == 0);
}

TEST_CASE_METHOD(SyncFixture, "edits are new revisions, stale bases and rewritten revisions conflict") {
    const auto token = login("manager");
    auto observation = make_observation("e1", 2, clock.now());
    REQUIRE(push_ok(token, {observation}).results(0).status() == pb::ACCEPTED);

    auto edit = observation;
    edit.revision = 2;
    edit.base_revision = 1;
    edit.ratings = {{"greet", 4}};
    CHECK(push_ok(token, {edit}).results(0).status() == pb::ACCEPTED);

    auto stale = observation;
    stale.revision = 2;
    stale.base_revision = 1;
    stale.comment = "another edit made offline";
    const auto conflict = push_ok(token, {stale}).results(0);
    CHECK(conflict.status() == pb::CONFLICT);
    CHECK(conflict.stored_revision() == 2);
    CHECK_FALSE(conflict.error().code().empty());

    auto skipping = observation;
    skipping.revision = 4;
    skipping.base_revision = 3;
    CHECK(push_ok(token, {skipping}).results(0).status() == pb::CONFLICT);

    const auto page = pull(token);
    REQUIRE(page.observations_size() == 1);
    CHECK(page.observations(0).revision() == 2);
    CHECK(page.observations(0).ratings(0).level() == 4);
}

TEST_CASE_METHOD(SyncFixture, "a deletion is a tombstone revision that pulls as a deleted id") {
    const auto token = login("manager");
    auto observation = make_observation("e1", 2, clock.now());
    REQUIRE(push_ok(token, {observation}).results(0).status() == pb::ACCEPTED);
    const auto cursor = pull(token).cursor();

    auto tombstone = observation;
    tombstone.revision = 2;
    tombstone.base_revision = 1;
    tombstone.deleted = true;
    CHECK(push_ok(token, {tombstone}).results(0).status() == pb::ACCEPTED);

    const auto page = pull(token, "?cursor=" + cursor);
    CHECK(page.observations_size() == 0);
    REQUIRE(page.deleted_ids_size() == 1);
    CHECK(page.deleted_ids(0) == observation.id);
    CHECK(pull(token).observations_size() == 0);
}

TEST_CASE_METHOD(SyncFixture, "bad records are rejected one by one without blocking the others") {
    const auto token = login("manager");
    auto out_of_scope = make_observation("e4", 3, clock.now());  // e4 works in s1, not in the manager's n1
    auto unknown = make_observation("nobody", 3, clock.now());
    auto off_scale = make_observation("e1", 7, clock.now());
    auto future = make_observation("e1", 3, clock.now());
    future.observed_at = clock.now() + std::chrono::hours(25);
    const auto good = make_observation("e2", 3, clock.now());
    const auto answer = push_ok(token, {out_of_scope, unknown, off_scale, future, good});
    REQUIRE(answer.results_size() == 5);
    CHECK(answer.results(0).status() == pb::REJECTED);
    CHECK(answer.results(0).error().code() == "employee_out_of_scope");
    CHECK(answer.results(1).error().code() == "unknown_employee");
    CHECK(answer.results(2).error().code() == "rating_level_out_of_scale");
    CHECK(answer.results(3).error().code() == "time_in_future");
    CHECK(answer.results(4).status() == pb::ACCEPTED);
    CHECK(pull(token).observations_size() == 1);

    const auto metrics = api->metrics().render(0);
    CHECK_THAT(metrics, Contains(R"(floorwalk_sync_records_total{kind="observation",status="rejected"} 4)"));
    CHECK_THAT(metrics, Contains(R"(floorwalk_sync_records_total{kind="observation",status="accepted"} 1)"));
}

TEST_CASE_METHOD(SyncFixture, "a push must come from the device the token was issued to") {
    auto request = push_request({make_observation("e1", 3, clock.now())});
    request.set_device_id("someone-elses-phone");
    const auto response = push(login("manager"), request);
    CHECK(response.status == 400);
    CHECK(error_code(response.body) == "device_mismatch");
    request.set_device_id("manager-phone");
    CHECK(push(login("manager"), request).status == 200);
}

TEST_CASE_METHOD(SyncFixture, "malformed push bodies answer 400, unknown media types 415") {
    const auto token = login("manager");
    auto response = call("POST", "/api/v1/sync/push", token, R"({"observations":[{"identifier":"x"}]})");
    CHECK(response.status == 400);
    CHECK(error_code(response.body) == "malformed_body");
    response = call("POST", "/api/v1/sync/push", token, "\x12\x05garbage-bytes", "application/x-protobuf");
    CHECK(response.status == 400);
    response = call("POST", "/api/v1/sync/push", token, "<xml/>", "application/xml");
    CHECK(response.status == 415);
}

TEST_CASE_METHOD(SyncFixture, "push and pull speak protobuf") {
    const auto token = login("manager");
    auto request = make_request("POST", "/api/v1/sync/push",
                                push_request({make_observation("e1", 3, clock.now())}).SerializeAsString(),
                                "application/x-protobuf");
    request.accept = "application/x-protobuf";
    auto response = call(request, token);
    REQUIRE(response.status == 200);
    pb::PushResponse pushed;
    REQUIRE(pushed.ParseFromString(response.body));
    CHECK(pushed.results(0).status() == pb::ACCEPTED);

    request = make_request("GET", "/api/v1/sync/pull");
    request.accept = "application/x-protobuf";
    response = call(request, token);
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "application/x-protobuf");
    pb::PullResponse page;
    REQUIRE(page.ParseFromString(response.body));
    CHECK(page.observations_size() == 1);
    CHECK(page.user().username() == "manager");
    CHECK(page.model().dimensions_size() == 3);
}

TEST_CASE_METHOD(SyncFixture, "pull pages by cursor without skipping or repeating a record") {
    const auto token = login("manager");
    std::set<std::string> pushed;
    std::vector<Observation> observations;
    for (int i = 0; i < 7; ++i) {
        observations.push_back(make_observation(i % 2 == 0 ? "e1" : "e2", 2, clock.now()));
        pushed.insert(observations.back().id);
    }
    push_ok(token, observations);

    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    for (bool more = true; more && pages < 20; ++pages) {
        const auto page = pull(token, "?limit=3&cursor=" + cursor);
        CHECK(page.observations_size() <= 3);
        for (const auto& observation : page.observations()) CHECK(seen.insert(observation.id()).second);
        cursor = page.cursor();
        more = page.has_more();
    }
    CHECK(seen == pushed);
    CHECK(pages == 3);
}

TEST_CASE_METHOD(SyncFixture, "pull parameters are checked, an unknown cursor answers reset") {
    const auto token = login("manager");
    for (const auto* limit : {"0", "-1", "abc", "1001", "5x"}) {
        const auto response = call("GET", std::string("/api/v1/sync/pull?limit=") + limit, token);
        CHECK(response.status == 400);
        CHECK(error_code(response.body) == "invalid_argument");
    }
    CHECK(pull(token, "?cursor=bm90LWEtY3Vyc29y").reset());
}

TEST_CASE_METHOD(SyncFixture, "a manager pulls only his units' employees, tenants never see each other") {
    const auto manager = login("manager");
    push_ok(manager, {make_observation("e1", 3, clock.now())});

    const auto page = pull(manager);
    std::set<std::string> employees;
    for (const auto& employee : page.employees()) employees.insert(employee.id());
    CHECK(employees == std::set<std::string>{"e1", "e2"});

    // Same ids in globex: its manager sees globex's e1 and e2, and none of acme's observations.
    const auto other = pull(login("manager", "globex"));
    CHECK(other.observations_size() == 0);
    const auto answer = push_ok(login("manager", "globex"), {make_observation("e1", 1, clock.now())});
    CHECK(answer.results(0).status() == pb::ACCEPTED);
    CHECK(pull(manager).observations_size() == 1);
}

TEST_CASE_METHOD(SyncFixture, "one observation with 600,000 ratings is rejected alone, with a small answer") {
    const auto token = login("manager");
    pb::PushRequest in = push_request({make_observation("e1", 3, clock.now())});
    auto* huge = in.add_observations();
    wire::to_proto(make_observation("e2", 3, clock.now()), huge);
    for (int i = 0; i < 600'000; ++i) {
        auto* rating = huge->add_ratings();
        rating->set_dimension_id("welcome");
        rating->set_level(9);
    }
    auto request = make_request("POST", "/api/v1/sync/push", in.SerializeAsString(), "application/x-protobuf");
    const auto response = call(request, token);
    REQUIRE(response.status == 200);
    CHECK(response.body.size() < 2000);
    const auto answer = from_json<pb::PushResponse>(response.body);
    REQUIRE(answer.results_size() == 2);
    CHECK(answer.results(0).status() == pb::ACCEPTED);
    CHECK(answer.results(1).status() == pb::REJECTED);
    CHECK(answer.results(1).error().code() == "too_many_ratings");
    CHECK_THAT(answer.results(1).error().message(), Contains("more than 50"));
}

TEST_CASE_METHOD(SyncFixture, "an activity naming 60,000 participants is rejected with one short error") {
    const auto token = login("manager");
    auto activity = make_activity({"e1"}, clock.now());
    // Under the JSON screen's 100,000 elements per array: the record's own bound answers.
    for (int i = 0; i < 60'000; ++i) activity.participant_ids.push_back("ghost-" + std::to_string(i));
    const auto response = push(token, push_request({}, {activity}));
    REQUIRE(response.status == 200);
    CHECK(response.body.size() < 2000);
    const auto answer = from_json<pb::PushResponse>(response.body);
    REQUIRE(answer.results_size() == 1);
    CHECK(answer.results(0).error().code() == "too_many_participants");
}

TEST_CASE_METHOD(SyncFixture, "pulled records carry receivedAt, the time the server accepted them") {
    const auto token = login("manager");
    const auto accepted_at = clock.now();
    push_ok(token, {make_observation("e1", 3, clock.now() - std::chrono::hours(30))},
            {make_activity({"e1"}, clock.now() - std::chrono::hours(30))});
    clock.advance(std::chrono::minutes(5));
    const auto page = pull(token);
    REQUIRE(page.observations_size() == 1);
    REQUIRE(page.observations(0).has_received_at());
    CHECK(wire::from_proto(page.observations(0).received_at()) == accepted_at);
    REQUIRE(page.activities_size() == 1);
    CHECK(wire::from_proto(page.activities(0).received_at()) == accepted_at);
}

TEST_CASE_METHOD(SyncFixture, "a push's sentAt puts a phone's wrong clock right, in JSON and in binary") {
    // The phone's clock is 26 hours fast: without sentAt its record (made an hour ago) would be refused as in the
    // future.
    const auto token = login("manager");
    const auto fast = std::chrono::hours(26);
    auto observation = make_observation("e1", 3, clock.now());
    const auto made_at = observation.observed_at;
    observation.observed_at += fast;

    auto request = push_request({observation});
    auto refused = from_json<pb::PushResponse>(push(token, request).body);
    CHECK(refused.results(0).status() == pb::REJECTED);
    CHECK(refused.results(0).error().code() == "time_in_future");

    const auto json = to_json(request);
    REQUIRE(json.back() == '}');
    const auto with_sent_at =
        json.substr(0, json.size() - 1) + ",\"sentAt\":\"" + format_rfc3339(clock.now() + fast) + "\"}";
    auto accepted = call("POST", "/api/v1/sync/push", token, with_sent_at);
    REQUIRE(accepted.status == 200);
    CHECK(from_json<pb::PushResponse>(accepted.body).results(0).status() == pb::ACCEPTED);
    auto page = pull(token);
    REQUIRE(page.observations_size() == 1);
    CHECK(wire::from_proto(page.observations(0).observed_at()) == made_at);

    // The same field in binary protobuf, as the app sends it.
    auto second = make_observation("e2", 2, clock.now());
    const auto second_made_at = second.observed_at;
    second.observed_at -= std::chrono::hours(3);
    auto binary = push_request({second});
    wire::to_proto(clock.now() - std::chrono::hours(3), binary.mutable_sent_at());
    std::string bytes;
    REQUIRE(binary.SerializeToString(&bytes));
    const auto answer = call("POST", "/api/v1/sync/push", token, bytes, "application/x-protobuf");
    REQUIRE(answer.status == 200);
    page = pull(token);
    REQUIRE(page.observations_size() == 2);
    for (const auto& pulled : page.observations()) {
        if (pulled.id() == second.id) CHECK(wire::from_proto(pulled.observed_at()) == second_made_at);
    }
}
