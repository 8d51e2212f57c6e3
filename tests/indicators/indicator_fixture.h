// A small organisation in a store on the test database (SQLite in a temporary folder, or PostgreSQL in the pg.*
// registration) with an IndicatorService over it, as the server wires them; requests go through the service's
// routes on a router (no network).
//
// The organisation (tests/data/indicators): HQ > North (R1) > {Lille (S1): e1-e4, Lens (S2): e5},
// HQ > South (R2) > Nice (S3): e6-e9 (push_march_records deactivates e9). Users: admin, hq, director-north (R1), m1 (S1),
// m2 (S2), m3 (S3). Model: d1 Greeting, d2 Listening, levels 1-4, mastery threshold 3.
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/indicators.h"
#include "floorwalk/v1/floorwalk.pb.h"
#include "api/api.h"
#include "api/router.h"
#include "indicators/indicator_service.h"
#include "storage/store.h"
#include "test_database.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace floorwalk::test {

using server::Caller;
using server::IndicatorService;
using server::Request;
using server::Response;
using server::Store;

// A temporary folder, removed with its content when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Reads tests/data/indicators/<name>.
[[nodiscard]] std::string read_data(const std::string& name);
[[nodiscard]] Timestamp at(const std::string& rfc3339);
[[nodiscard]] Observation observation(const std::string& id, const std::string& employee_id, const std::string& when,
                                      std::vector<Rating> ratings);
[[nodiscard]] CoachingActivity activity(const std::string& id, const std::string& when,
                                        std::vector<std::string> participants);
// A canonical UUID whose last digits are `n` (ordered like n).
[[nodiscard]] std::string uuid(int n);

using Query = std::multimap<std::string, std::string>;

// An argon2id hash (fast cost) for the fixture's users, computed once.
[[nodiscard]] const std::string& test_password_hash();

// Creates the organisation `name` with the fixture's units, employees, model and users (tests/data/indicators);
// answers its id.
[[nodiscard]] std::string add_fixture_organization(Store& store, const std::string& name);
// The signed-in caller of a user (by username) of an organisation.
[[nodiscard]] Caller caller_of(Store& store, const std::string& organization_id, const std::string& username);
// An organisation's current records and data, as the naive computation (shared's compute_indicators) reads them.
[[nodiscard]] IndicatorInput naive_input(Store& store, const std::string& organization_id);

// A rate that must be a number (the test fails when it is null).
[[nodiscard]] double number(const google::protobuf::Value& value);

class IndicatorFixture {
public:
    // `now` is the service's clock (the default of at and to).
    explicit IndicatorFixture(const std::string& now = "2026-04-01T00:00:00Z");
    ~IndicatorFixture();

    [[nodiscard]] Store& store() { return *store_; }
    // The fixture's database (SQLite or PostgreSQL, as the test's registration asks).
    [[nodiscard]] TestDatabase& database() const;
    // Another store on the fixture's database, as a second server would open it.
    [[nodiscard]] std::unique_ptr<Store> open_store() const { return database().open(); }
    [[nodiscard]] IndicatorService& service() { return *service_; }
    // Routes a request as the server does (the indicator routes and the admin routes on one router) for an
    // already authenticated caller; nullopt when no route has the path.
    [[nodiscard]] std::optional<Response> call(const Request& request, const Caller& caller);
    [[nodiscard]] const std::string& organization_id() const { return organization_id_; }
    [[nodiscard]] Timestamp now() const { return now_; }

    // The signed-in caller of a user of the fixture (by username).
    [[nodiscard]] Caller caller(const std::string& username);
    // Pushes as that user (a manager); every record must be accepted.
    void push(const std::string& username, std::vector<Observation> observations,
              std::vector<CoachingActivity> activities = {});
    [[nodiscard]] std::vector<server::PushOutcome> try_push(const std::string& username,
                                                            std::vector<Observation> observations,
                                                            std::vector<CoachingActivity> activities = {});
    void move_employee(const std::string& employee_id, const std::string& unit_id);
    void set_min_group_size(int size);

    // Calls the service as `username`; the path is relative to /api/v1.
    [[nodiscard]] Response request(const std::string& method, const std::string& path, const Query& query,
                                   const std::string& username, std::string body = {},
                                   std::string content_type = {});
    [[nodiscard]] Response get(const std::string& path, const Query& query, const std::string& username) {
        return request("GET", path, query, username);
    }
    // GET decoded from JSON; fails the test when the status is not 200.
    template <typename Message>
    [[nodiscard]] Message get_json(const std::string& path, const Query& query, const std::string& username) {
        Message message;
        decode_json(get(path, query, username), &message);
        return message;
    }
    static void decode_json(const Response& response, google::protobuf::Message* message);

    // The March 2026 records of the hand-computed cases (see indicator_service_test.cpp).
    void push_march_records();

    // The store's current records and organisation, as the naive computation reads them.
    [[nodiscard]] IndicatorInput naive_input();

    // Restarts the service from the store, as a server restart would.
    void restart_service();

private:
    TempDir dir_;
    Timestamp now_;
    std::unique_ptr<Store> store_;
    std::shared_ptr<IndicatorService> service_;
    std::string organization_id_;
    std::map<std::string, Caller> callers_;
    // What call() routes through, rebuilt with the service.
    std::unique_ptr<server::Authenticator> auth_;
    server::Metrics metrics_;
    server::ApiConfig api_config_;
    std::unique_ptr<server::ApiContext> api_context_;
    std::unique_ptr<server::Router> router_;
};

}  // namespace floorwalk::test
