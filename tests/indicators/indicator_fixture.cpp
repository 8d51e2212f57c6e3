#include "indicator_fixture.h"

#include "api/handlers.h"

#include "auth/password.h"
#include "floorwalk/time.h"
#include "floorwalk/wire.h"
#include "sync/sql_store.h"
#include "test_database.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace floorwalk::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "floorwalk-indicators-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string read_data(const std::string& name) {
    const auto path = std::filesystem::path(FLOORWALK_INDICATOR_DATA) / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Timestamp at(const std::string& rfc3339) {
    const auto t = parse_date_or_time(rfc3339);
    if (!t) throw std::invalid_argument("bad time in a test: " + rfc3339);
    return *t;
}

Observation observation(const std::string& id, const std::string& employee_id, const std::string& when,
                        std::vector<Rating> ratings) {
    Observation o;
    o.id = id;
    o.employee_id = employee_id;
    o.observed_at = at(when);
    o.model_version = 1;
    o.ratings = std::move(ratings);
    return o;
}

CoachingActivity activity(const std::string& id, const std::string& when, std::vector<std::string> participants) {
    CoachingActivity a;
    a.id = id;
    a.kind = ActivityKind::one_to_one;
    a.occurred_at = at(when);
    a.participant_ids = std::move(participants);
    return a;
}

std::string uuid(int n) {
    char tail[13];
    std::snprintf(tail, sizeof tail, "%012d", n);
    return std::string("018f0000-0000-7000-8000-") + tail;
}

const std::string& test_password_hash() {
    static const std::string hash = server::hash_password("fixture-password", server::HashCost::fast);
    return hash;
}

double number(const google::protobuf::Value& value) {
    const auto number = wire::get_value(value);
    INFO("expected a number, got " << value.DebugString());
    REQUIRE(number.has_value());
    return *number;
}

namespace {

template <typename Message>
Message parse_data(const std::string& name) {
    Message message;
    std::string error;
    if (!wire::from_json(read_data(name), &message, &error))
        throw std::runtime_error(name + " is not a valid " + message.GetTypeName() + ": " + error);
    return message;
}

void require_applied(const server::ImportResult& result, const std::string& what) {
    if (result.errors.empty()) return;
    std::string text = what + " import failed:";
    for (const auto& error : result.errors)
        text += " [row " + std::to_string(error.row) + " " + error.field + ": " + error.message + "]";
    throw std::runtime_error(text);
}

}  // namespace

std::string add_fixture_organization(Store& store, const std::string& name) {
    const auto organization_id = store.create_organization(name).id;

    std::vector<Unit> units;
    const auto units_file = parse_data<v1::UnitsImport>("units.json");
    for (const auto& unit : units_file.units()) units.push_back(wire::from_proto(unit));
    require_applied(store.import_units(organization_id, units), "units");

    std::vector<Employee> employees;
    const auto employees_file = parse_data<v1::EmployeesImport>("employees.json");
    for (const auto& employee : employees_file.employees())
        employees.push_back(wire::from_proto(employee));
    require_applied(store.import_employees(organization_id, employees), "employees");

    require_applied(store.import_model(organization_id, wire::from_proto(parse_data<v1::ExperienceModel>("model.json"))),
                    "model");

    std::vector<server::UserImportRow> users;
    const auto users_file = parse_data<v1::UsersImport>("users.json");
    for (const auto& user : users_file.users()) {
        server::UserImportRow row;
        row.user.username = user.username();
        row.user.display_name = user.display_name();
        row.user.role = wire::from_proto(user.role());
        row.user.unit_ids.assign(user.unit_ids().begin(), user.unit_ids().end());
        row.password_hash = test_password_hash();
        users.push_back(std::move(row));
    }
    require_applied(store.import_users(organization_id, users), "users");
    return organization_id;
}

Caller caller_of(Store& store, const std::string& organization_id, const std::string& username) {
    const auto user = store.find_user_by_username(organization_id, username);
    if (!user) throw std::invalid_argument("no fixture user " + username);
    Caller caller;
    caller.organization_id = organization_id;
    caller.user_id = user->user.id;
    caller.username = user->user.username;
    caller.display_name = user->user.display_name;
    caller.role = user->user.role;
    caller.unit_ids = user->user.unit_ids;
    caller.device_id = "test-device";
    return caller;
}

IndicatorFixture::IndicatorFixture(const std::string& now) : now_(at(now)) {
    store_ = database().open();
    organization_id_ = add_fixture_organization(*store_, "acme");
    restart_service();
}

TestDatabase& IndicatorFixture::database() const { return floorwalk::test::test_database(dir_.path()); }

IndicatorFixture::~IndicatorFixture() = default;

void IndicatorFixture::restart_service() {
    service_ = std::make_shared<IndicatorService>(*store_, server::IndicatorOptions{.clock = [this] { return now_; }});
    if (!auth_) {
        auth_ = std::make_unique<server::Authenticator>(*store_);
        api_config_.password_cost = server::HashCost::fast;
        api_context_ = std::make_unique<server::ApiContext>(
            server::ApiContext{*store_, *auth_, metrics_, api_config_});
    }
    router_ = std::make_unique<server::Router>();
    server::add_admin_routes(*router_, *api_context_);
    service_->add_routes(*router_);
}

std::optional<Response> IndicatorFixture::call(const Request& request, const Caller& caller) {
    const auto match = router_->match(request.method, request.path);
    if (!match.route) {
        if (match.pattern.empty()) return std::nullopt;
        return server::error_response(request, 405, "method_not_allowed", request.method + " is not allowed here");
    }
    const server::RouteContext context{request, &caller, match.params};
    return match.route->handler(context);
}

Caller IndicatorFixture::caller(const std::string& username) {
    return caller_of(*store_, organization_id_, username);
}

std::vector<server::PushOutcome> IndicatorFixture::try_push(const std::string& username,
                                                            std::vector<Observation> observations,
                                                            std::vector<CoachingActivity> activities) {
    return store_->push(caller(username), observations, activities, now_);
}

void IndicatorFixture::push(const std::string& username, std::vector<Observation> observations,
                            std::vector<CoachingActivity> activities) {
    for (const auto& outcome : try_push(username, std::move(observations), std::move(activities))) {
        INFO("record " << outcome.id << ": " << outcome.error_code << " " << outcome.error_message);
        REQUIRE(outcome.status == server::PushStatus::accepted);
    }
}

void IndicatorFixture::move_employee(const std::string& employee_id, const std::string& unit_id) {
    for (auto employee : store_->employees(organization_id_)) {
        if (employee.id != employee_id) continue;
        employee.unit_id = unit_id;
        require_applied(store_->import_employees(organization_id_, {employee}), "employee move");
        return;
    }
    throw std::invalid_argument("no fixture employee " + employee_id);
}

void IndicatorFixture::set_min_group_size(int size) {
    auto settings = store_->settings(organization_id_);
    settings.min_group_size = size;
    store_->set_settings(organization_id_, settings);
}

Response IndicatorFixture::request(const std::string& method, const std::string& path, const Query& query,
                                   const std::string& username, std::string body, std::string content_type) {
    Request request;
    request.method = method;
    request.path = "/api/v1" + path;
    request.query = query;
    request.body = std::move(body);
    request.content_type = std::move(content_type);
    const auto response = call(request, caller(username));
    REQUIRE(response.has_value());
    return *response;
}

void IndicatorFixture::decode_json(const Response& response, google::protobuf::Message* message) {
    INFO(response.body);
    REQUIRE(response.status == 200);
    REQUIRE(response.content_type == "application/json");
    std::string error;
    REQUIRE(wire::from_json(response.body, message, &error));
}

void IndicatorFixture::push_march_records() {
    push("m1",
         {observation(uuid(1), "e1", "2026-03-10T10:00:00Z", {{"d1", 4}, {"d2", 2}}),
          observation(uuid(2), "e2", "2026-03-12T10:00:00Z", {{"d1", 3}, {"d2", 3}}),
          observation(uuid(3), "e3", "2026-03-15T10:00:00Z", {{"d1", 1}})},
         {activity(uuid(101), "2026-03-20T09:00:00Z", {"e4"})});
    push("m2", {observation(uuid(4), "e5", "2026-03-05T10:00:00Z", {{"d1", 2}, {"d2", 1}})});
    push("m3", {observation(uuid(5), "e6", "2026-02-01T10:00:00Z", {{"d1", 4}, {"d2", 4}}),
                observation(uuid(6), "e7", "2026-03-25T10:00:00Z", {{"d1", 3}}),
                observation(uuid(7), "e8", "2026-03-26T10:00:00Z", {{"d1", 4}}),
                observation(uuid(8), "e9", "2026-03-20T10:00:00Z", {{"d1", 4}, {"d2", 4}})});
    // An edit (revision 2 replaces revision 1) and a deletion (a tombstone).
    auto edit = observation(uuid(6), "e7", "2026-03-25T10:00:00Z", {{"d1", 2}, {"d2", 4}});
    edit.revision = 2;
    edit.base_revision = 1;
    auto tombstone = observation(uuid(7), "e8", "2026-03-26T10:00:00Z", {{"d1", 4}});
    tombstone.revision = 2;
    tombstone.base_revision = 1;
    tombstone.deleted = true;
    push("m3", {edit, tombstone});
    // e9 leaves: his observation counts nowhere.
    for (auto employee : store_->employees(organization_id_)) {
        if (employee.id != "e9") continue;
        employee.active = false;
        require_applied(store_->import_employees(organization_id_, {employee}), "deactivation");
    }
}

IndicatorInput naive_input(Store& store, const std::string& organization_id) {
    IndicatorInput input;
    input.units = UnitTree(store.units(organization_id));
    input.employees = store.employees(organization_id);
    input.users = store.users(organization_id);
    input.model = store.model(organization_id).value_or(ExperienceModel{});
    store.for_each_observation(organization_id, [&](const Observation& o) { input.observations.push_back(o); });
    store.for_each_activity(organization_id, [&](const CoachingActivity& a) { input.activities.push_back(a); });
    return input;
}

IndicatorInput IndicatorFixture::naive_input() { return test::naive_input(*store_, organization_id_); }

}  // namespace floorwalk::test
