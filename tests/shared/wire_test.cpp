// The wire: domain <-> protobuf conversions, binary and JSON round trips of every message of floorwalk.proto, and the
// JSON mapping's shape (lowerCamelCase keys, enum names, RFC 3339 times, null rates, every key printed).
#include "floorwalk/time.h"
#include "floorwalk/validation.h"
#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>

#include <cctype>
#include <fstream>
#include <limits>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

using namespace floorwalk;
using namespace std::chrono;
namespace pb = floorwalk::v1;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

namespace {

Timestamp t(std::string_view text) {
    const auto parsed = parse_rfc3339(text);
    REQUIRE(parsed);
    return *parsed;
}

void stamp(google::protobuf::Timestamp* out, std::string_view text) { wire::to_proto(t(text), out); }

// ---------------------------------------------------------------------------------------------------------------
// Fully-populated domain values

Unit sample_unit() { return {"S01", "R01", "Lyon Part-Dieu", UnitKind::store}; }
Employee sample_employee() { return {"E001", "S01", "Alice Martin", "Sales advisor", true}; }
User sample_user() { return {"u-17", "alice.m", "Alice Martin", Role::manager, {"S01", "S02"}}; }
OrganizationSettings sample_settings() { return {5, 21}; }

ExperienceModel sample_model() {
    ExperienceModel m;
    m.id = "cx";
    m.version = 3;
    m.name = "Customer experience";
    m.scale.levels = {{1, "Discovering"}, {2, "Practising"}, {3, "Mastering"}, {4, "Expert"}};
    m.scale.mastery_threshold = 3;
    m.dimensions = {{"welcome", "Welcome", "Greets every customer", {"Smiles", "Makes eye contact"}},
                    {"advice", "Advice", "Understands the need", {"Asks open questions"}}};
    return m;
}

Observation sample_observation() {
    Observation o;
    o.id = "0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d";
    o.employee_id = "E001";
    o.observer_id = "u-17";
    o.observed_at = t("2026-03-01T09:30:00.250Z");
    o.model_version = 3;
    o.ratings = {{"welcome", 3}, {"advice", 2}};
    o.comment = "Warm welcome, \xC3\xA9" "coute active";
    o.coaching_action = "Ask one more open question";
    o.revision = 2;
    o.base_revision = 1;
    o.deleted = true;
    return o;
}

CoachingActivity sample_activity() {
    CoachingActivity a;
    a.id = "0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0e";
    a.manager_id = "u-17";
    a.kind = ActivityKind::team_briefing;
    a.occurred_at = t("2026-03-02T08:00:00.125Z");
    a.participant_ids = {"E001", "E002"};
    a.note = "Morning briefing on advice";
    a.revision = 3;
    a.base_revision = 2;
    a.deleted = true;
    return a;
}

KpiValue sample_kpi() { return {"S01", "2026-W09", "nps", 42.5}; }

// ---------------------------------------------------------------------------------------------------------------
// Fully-populated messages, one builder per message of floorwalk.proto

pb::Unit unit_message() {
    pb::Unit m;
    wire::to_proto(sample_unit(), &m);
    return m;
}
pb::Employee employee_message() {
    pb::Employee m;
    wire::to_proto(sample_employee(), &m);
    return m;
}
pb::User user_message() {
    pb::User m;
    wire::to_proto(sample_user(), &m);
    return m;
}
pb::OrganizationSettings settings_message() {
    pb::OrganizationSettings m;
    wire::to_proto(sample_settings(), &m);
    return m;
}
pb::ExperienceModel model_message() {
    pb::ExperienceModel m;
    wire::to_proto(sample_model(), &m);
    return m;
}
pb::Observation observation_message() {
    pb::Observation m;
    wire::to_proto(sample_observation(), &m);
    stamp(m.mutable_received_at(), "2026-03-01T09:31:02.500Z");
    return m;
}
pb::CoachingActivity activity_message() {
    pb::CoachingActivity m;
    wire::to_proto(sample_activity(), &m);
    stamp(m.mutable_received_at(), "2026-03-02T08:05:00Z");
    return m;
}
pb::KpiValue kpi_message() {
    pb::KpiValue m;
    wire::to_proto(sample_kpi(), &m);
    return m;
}
pb::FieldError field_error_message() {
    pb::FieldError m;
    m.set_row(4);
    m.set_field("ratings[1].level");
    m.set_message("ratings[1].level is 7, outside the model's scale 1 to 4");
    return m;
}
pb::Error error_message() {
    pb::Error m;
    m.set_code("invalid_argument");
    m.set_message("2 rows are invalid");
    *m.add_details() = field_error_message();
    return m;
}
pb::ErrorResponse error_response_message() {
    pb::ErrorResponse m;
    *m.mutable_error() = error_message();
    return m;
}
pb::LoginRequest login_request_message() {
    pb::LoginRequest m;
    m.set_organization("acme");
    m.set_username("alice.m");
    m.set_password("correct horse battery staple");
    m.set_device_id("device-1");
    m.set_device_name("Alice's phone");
    return m;
}
pb::LoginResponse login_response_message() {
    pb::LoginResponse m;
    m.set_token("tok_abc");
    stamp(m.mutable_expires_at(), "2026-04-01T00:00:00Z");
    *m.mutable_user() = user_message();
    m.set_organization_id("org-1");
    m.set_organization_name("Acme Retail");
    return m;
}
pb::PushRequest push_request_message() {
    pb::PushRequest m;
    m.set_device_id("device-1");
    *m.add_observations() = observation_message();
    *m.add_activities() = activity_message();
    stamp(m.mutable_sent_at(), "2026-03-01T09:31:05Z");
    return m;
}
pb::PushResult push_result_message() {
    pb::PushResult m;
    m.set_id("0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d");
    m.set_status(pb::CONFLICT);
    *m.mutable_error() = error_message();
    m.set_stored_revision(2);
    return m;
}
pb::PushResponse push_response_message() {
    pb::PushResponse m;
    *m.add_results() = push_result_message();
    stamp(m.mutable_server_time(), "2026-03-01T09:31:02.500Z");
    return m;
}
pb::PullResponse pull_response_message() {
    pb::PullResponse m;
    m.set_cursor("c:1234");
    m.set_has_more(true);
    m.set_reset(true);
    *m.mutable_model() = model_message();
    *m.add_units() = unit_message();
    *m.add_employees() = employee_message();
    *m.add_observations() = observation_message();
    *m.add_activities() = activity_message();
    m.add_deleted_ids("0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0f");
    *m.mutable_settings() = settings_message();
    stamp(m.mutable_server_time(), "2026-03-01T09:31:02.500Z");
    *m.mutable_user() = user_message();
    return m;
}
pb::UnitsImport units_import_message() {
    pb::UnitsImport m;
    *m.add_units() = unit_message();
    return m;
}
pb::EmployeesImport employees_import_message() {
    pb::EmployeesImport m;
    *m.add_employees() = employee_message();
    return m;
}
pb::UserImport user_import_message() {
    pb::UserImport m;
    m.set_username("bob");
    m.set_display_name("Bob Durand");
    m.set_role(pb::DIRECTOR);
    m.add_unit_ids("R01");
    m.set_password("s3cret-enough");
    m.set_active(false);
    return m;
}
pb::UsersImport users_import_message() {
    pb::UsersImport m;
    *m.add_users() = user_import_message();
    return m;
}
pb::UsersResponse users_response_message() {
    pb::UsersResponse m;
    *m.add_users() = user_message();
    return m;
}
pb::KpisImport kpis_import_message() {
    pb::KpisImport m;
    *m.add_kpis() = kpi_message();
    return m;
}
pb::ImportResponse import_response_message() {
    pb::ImportResponse m;
    m.set_applied(12);
    return m;
}
pb::Device device_message() {
    pb::Device m;
    m.set_id("device-1");
    m.set_name("Alice's phone");
    m.set_user_id("u-17");
    m.set_username("alice.m");
    stamp(m.mutable_last_seen(), "2026-03-01T09:31:02.500Z");
    m.set_revoked(true);
    return m;
}
pb::DevicesResponse devices_response_message() {
    pb::DevicesResponse m;
    *m.add_devices() = device_message();
    return m;
}
pb::UnitsResponse units_response_message() {
    pb::UnitsResponse m;
    *m.add_units() = unit_message();
    return m;
}
pb::MeResponse me_response_message() {
    pb::MeResponse m;
    *m.mutable_user() = user_message();
    m.set_organization_id("org-1");
    m.set_organization_name("Acme Retail");
    m.set_device_id("device-1");
    *m.mutable_settings() = settings_message();
    return m;
}
pb::DimensionIndicator dimension_indicator_message() {
    pb::DimensionIndicator m;
    wire::to_proto(DimensionFigures{"welcome", "Welcome", 4, 3, 11, 0.75, 0.8, 2.75}, &m);
    return m;
}
pb::ChildIndicator child_indicator_message() {
    pb::ChildIndicator m;
    m.set_unit_id("S01");
    m.set_unit_name("Lyon Part-Dieu");
    wire::set_value(m.mutable_transformation_rate(), 0.5);
    wire::set_value(m.mutable_deployment_rate(), std::nullopt);
    m.set_active_employees(2);
    m.set_hidden(true);
    m.set_kind(pb::STORE);
    *m.add_dimensions() = dimension_indicator_message();
    m.set_hidden_reason(pb::SMALL_GROUP);
    return m;
}
pb::ManagerActivity manager_activity_message() {
    pb::ManagerActivity m;
    m.set_user_id("u-17");
    m.set_display_name("Lea");
    m.set_observations(4);
    m.set_activities(1);
    return m;
}
pb::IndicatorsResponse indicators_response_message() {
    pb::IndicatorsResponse m;
    m.set_unit_id("R01");
    m.set_unit_name("North");
    stamp(m.mutable_at(), "2026-04-01T00:00:00Z");
    m.set_window_days(90);
    stamp(m.mutable_from(), "2026-03-02T00:00:00Z");
    stamp(m.mutable_to(), "2026-04-01T00:00:00Z");
    wire::set_value(m.mutable_transformation_rate(), 5.0 / 7);
    wire::set_value(m.mutable_deployment_rate(), 0.6);
    wire::set_value(m.mutable_active_manager_rate(), std::nullopt);
    m.set_active_employees(5);
    m.set_assessed_employees(4);
    m.set_accompanied_employees(3);
    m.set_observations(3);
    m.set_activities(1);
    *m.add_dimensions() = dimension_indicator_message();
    *m.add_children() = child_indicator_message();
    *m.add_managers() = manager_activity_message();
    m.set_hidden(true);
    wire::set_value(m.mutable_coverage(), 0.8);
    m.set_hidden_reason(pb::COMPLEMENTARY);
    return m;
}
pb::SeriesPoint series_point_message() {
    pb::SeriesPoint m;
    m.set_week("2026-W10");
    stamp(m.mutable_at(), "2026-03-08T23:59:59.999Z");
    wire::set_value(m.mutable_transformation_rate(), 0.5);
    wire::set_value(m.mutable_deployment_rate(), 1.0);
    *m.add_dimensions() = dimension_indicator_message();
    m.set_active_employees(2);
    m.set_observations(2);
    return m;
}
pb::SeriesResponse series_response_message() {
    pb::SeriesResponse m;
    m.set_unit_id("R01");
    m.set_unit_name("North");
    m.set_window_days(90);
    *m.add_points() = series_point_message();
    m.set_hidden(true);
    m.set_hidden_reason(pb::COMPLEMENTARY);
    return m;
}
pb::KpiPoint kpi_point_message() {
    pb::KpiPoint m;
    m.set_unit_id("S01");
    m.set_unit_name("Lyon Part-Dieu");
    m.set_period("2026-02");
    m.set_kpi_period("2026-03");
    wire::set_value(m.mutable_transformation_rate(), 0.42);
    m.set_kpi_value(41.5);
    m.set_hidden(true);
    m.set_hidden_reason(pb::SMALL_GROUP);
    return m;
}
pb::KpiResponse kpi_response_message() {
    pb::KpiResponse m;
    m.set_metric("nps");
    m.set_lag_periods(1);
    *m.add_points() = kpi_point_message();
    wire::set_value(m.mutable_pearson(), 0.52);
    wire::set_value(m.mutable_spearman(), std::nullopt);
    m.set_n(8);
    m.add_metrics("nps");
    m.add_metrics("averageBasket");
    m.set_unit_kind(pb::STORE);
    m.add_unit_kinds(pb::REGION);
    m.add_unit_kinds(pb::STORE);
    return m;
}
pb::RoiResponse roi_response_message() {
    pb::RoiResponse m;
    m.set_unit_id("org");
    m.set_benefit_metric("margin");
    m.set_cost_metric("trainingCost");
    m.set_benefit(150000);
    m.set_cost(100000);
    wire::set_value(m.mutable_roi_percent(), 50.0);
    stamp(m.mutable_from(), "2026-01-01T00:00:00Z");
    stamp(m.mutable_to(), "2026-04-01T00:00:00Z");
    return m;
}

std::vector<std::unique_ptr<Message>> all_samples() {
    std::vector<std::unique_ptr<Message>> samples;
    const auto add = [&](auto message) {
        samples.push_back(std::make_unique<decltype(message)>(std::move(message)));
    };
    add(unit_message());
    add(employee_message());
    add(user_message());
    add(settings_message());
    pb::MasteryLevel level;
    level.set_level(3);
    level.set_label("Mastering");
    add(level);
    add(model_message().scale());
    add(model_message().dimensions(0));
    add(model_message());
    add(observation_message().ratings(0));
    add(observation_message());
    add(activity_message());
    add(field_error_message());
    add(error_message());
    add(error_response_message());
    add(login_request_message());
    add(login_response_message());
    add(push_request_message());
    add(push_result_message());
    add(push_response_message());
    add(pull_response_message());
    add(units_import_message());
    add(employees_import_message());
    add(user_import_message());
    add(users_import_message());
    add(users_response_message());
    add(kpi_message());
    add(kpis_import_message());
    add(import_response_message());
    add(device_message());
    add(devices_response_message());
    add(units_response_message());
    add(me_response_message());
    add(dimension_indicator_message());
    add(child_indicator_message());
    add(manager_activity_message());
    add(indicators_response_message());
    add(series_point_message());
    add(series_response_message());
    add(kpi_point_message());
    add(kpi_response_message());
    add(roi_response_message());
    return samples;
}

// Every field of every floorwalk message holds a non-default value (lists at least one element), recursively.
void check_fully_populated(const Message& message, const std::string& path) {
    const auto* descriptor = message.GetDescriptor();
    if (descriptor->file()->package() != "floorwalk.v1") return;  // Timestamp, Value: set is enough
    const auto* reflection = message.GetReflection();
    for (int i = 0; i < descriptor->field_count(); ++i) {
        const auto* field = descriptor->field(i);
        const std::string where = path + "." + field->name();
        INFO(where);
        if (field->is_repeated()) {
            const int size = reflection->FieldSize(message, field);
            CHECK(size > 0);
            if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
                for (int k = 0; k < size; ++k) {
                    check_fully_populated(reflection->GetRepeatedMessage(message, field, k), where);
                }
            }
        } else {
            CHECK(reflection->HasField(message, field));  // proto3 scalars: true when not the default
            if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE &&
                reflection->HasField(message, field)) {
                check_fully_populated(reflection->GetMessage(message, field), where);
            }
        }
    }
}

std::vector<std::string> json_keys(const std::string& json) {
    static const std::regex key(R"re("([^"\\]*)"\s*:)re");
    std::vector<std::string> keys;
    for (auto it = std::sregex_iterator(json.begin(), json.end(), key); it != std::sregex_iterator(); ++it) {
        keys.push_back((*it)[1].str());
    }
    return keys;
}

bool contains(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

}  // namespace

TEST_CASE("timestamps convert at millisecond precision, before 1970 too") {
    google::protobuf::Timestamp pt;
    wire::to_proto(t("2026-03-01T09:30:00.250Z"), &pt);
    CHECK(pt.seconds() == 1772357400);
    CHECK(pt.nanos() == 250000000);
    CHECK(wire::from_proto(pt) == t("2026-03-01T09:30:00.250Z"));

    wire::to_proto(Timestamp{milliseconds{-1}}, &pt);
    CHECK(pt.seconds() == -1);
    CHECK(pt.nanos() == 999000000);
    CHECK(wire::from_proto(pt) == Timestamp{milliseconds{-1}});

    pt.set_seconds(10);
    pt.set_nanos(250999999);  // finer than a millisecond: dropped
    CHECK(wire::from_proto(pt) == Timestamp{milliseconds{10250}});
    CHECK(wire::from_proto(google::protobuf::Timestamp{}) == Timestamp{});
}

TEST_CASE("timestamps beyond what milliseconds can hold saturate instead of overflowing") {
    using limits = std::numeric_limits<long long>;
    const Timestamp latest{milliseconds{limits::max()}};
    const Timestamp earliest{milliseconds{limits::min()}};
    google::protobuf::Timestamp pt;
    pt.set_seconds(limits::max());
    CHECK(wire::from_proto(pt) == latest);
    pt.set_seconds(limits::max() / 1000 + 1);
    CHECK(wire::from_proto(pt) == latest);
    pt.set_seconds(limits::max() / 1000);  // fits in milliseconds, but not with the nanos added
    pt.set_nanos(999'999'999);
    CHECK(wire::from_proto(pt) == latest);
    pt.set_nanos(std::numeric_limits<int>::max());
    CHECK(wire::from_proto(pt) == latest);

    pt.set_seconds(limits::min());
    pt.set_nanos(0);
    CHECK(wire::from_proto(pt) == earliest);
    pt.set_seconds(limits::min() / 1000);
    pt.set_nanos(std::numeric_limits<int>::min());
    CHECK(wire::from_proto(pt) == earliest);

    // Within range, nanos outside [0, 1e9) still add up to the instant they name.
    pt.set_seconds(1'700'000'000);
    pt.set_nanos(-1'000'000);
    CHECK(wire::from_proto(pt) == Timestamp{milliseconds{1'699'999'999'999}});
}

TEST_CASE("set_value and get_value: a number, or null that JSON prints as null") {
    google::protobuf::Value value;
    wire::set_value(&value, 0.25);
    CHECK(value.kind_case() == google::protobuf::Value::kNumberValue);
    CHECK(wire::get_value(value) == 0.25);
    wire::set_value(&value, 0.0);
    CHECK(wire::get_value(value) == 0.0);  // zero is a number, not null
    wire::set_value(&value, std::nullopt);
    CHECK(value.kind_case() == google::protobuf::Value::kNullValue);
    CHECK_FALSE(wire::get_value(value));
    CHECK_FALSE(wire::get_value(google::protobuf::Value{}));
    google::protobuf::Value text;
    text.set_string_value("0.5");
    CHECK_FALSE(wire::get_value(text));

    pb::DimensionIndicator indicator;
    wire::set_value(indicator.mutable_mastery_rate(), std::nullopt);
    wire::set_value(indicator.mutable_coverage(), 0.0);
    const std::string json = wire::to_json(indicator);
    CHECK(contains(json, "\"masteryRate\":null"));
    CHECK(contains(json, "\"coverage\":0"));
    pb::DimensionIndicator back;
    std::string error;
    REQUIRE(wire::from_json(json, &back, &error));
    CHECK(back.has_mastery_rate());
    CHECK_FALSE(wire::get_value(back.mastery_rate()));
    CHECK(wire::get_value(back.coverage()) == 0.0);
}

TEST_CASE("enums convert both ways, and values a newer schema may add read as unspecified") {
    for (const Role role : {Role::unspecified, Role::manager, Role::director, Role::hq, Role::admin}) {
        CHECK(wire::from_proto(wire::to_proto(role)) == role);
    }
    CHECK(wire::to_proto(Role::manager) == pb::MANAGER);
    CHECK(wire::to_proto(Role::director) == pb::DIRECTOR);
    CHECK(wire::to_proto(Role::hq) == pb::HQ);
    CHECK(wire::to_proto(Role::admin) == pb::ADMIN);
    CHECK(wire::to_proto(Role::unspecified) == pb::ROLE_UNSPECIFIED);
    CHECK(wire::from_proto(static_cast<pb::Role>(99)) == Role::unspecified);

    for (const UnitKind kind : {UnitKind::unspecified, UnitKind::organization, UnitKind::business_unit,
                                UnitKind::region, UnitKind::store, UnitKind::team}) {
        CHECK(wire::from_proto(wire::to_proto(kind)) == kind);
    }
    CHECK(wire::to_proto(UnitKind::organization) == pb::ORGANIZATION);
    CHECK(wire::to_proto(UnitKind::business_unit) == pb::BUSINESS_UNIT);
    CHECK(wire::to_proto(UnitKind::region) == pb::REGION);
    CHECK(wire::to_proto(UnitKind::store) == pb::STORE);
    CHECK(wire::to_proto(UnitKind::team) == pb::TEAM);
    CHECK(wire::from_proto(static_cast<pb::UnitKind>(42)) == UnitKind::unspecified);

    for (const ActivityKind kind : {ActivityKind::unspecified, ActivityKind::one_to_one, ActivityKind::team_briefing,
                                    ActivityKind::challenge}) {
        CHECK(wire::from_proto(wire::to_proto(kind)) == kind);
    }
    CHECK(wire::to_proto(ActivityKind::one_to_one) == pb::ONE_TO_ONE);
    CHECK(wire::to_proto(ActivityKind::team_briefing) == pb::TEAM_BRIEFING);
    CHECK(wire::to_proto(ActivityKind::challenge) == pb::CHALLENGE);
    CHECK(wire::from_proto(static_cast<pb::ActivityKind>(7)) == ActivityKind::unspecified);
}

TEST_CASE("every domain type survives domain -> message -> binary -> JSON -> message -> domain") {
    const auto through_wire = [](const auto& value, auto message) {
        wire::to_proto(value, &message);
        decltype(message) from_bytes;
        REQUIRE(wire::from_binary(message.SerializeAsString(), &from_bytes));
        decltype(message) from_text;
        std::string error;
        REQUIRE(wire::from_json(wire::to_json(from_bytes), &from_text, &error));
        return wire::from_proto(from_text);
    };
    CHECK(through_wire(sample_unit(), pb::Unit{}) == sample_unit());
    CHECK(through_wire(sample_employee(), pb::Employee{}) == sample_employee());
    Employee inactive = sample_employee();
    inactive.active = false;
    CHECK(through_wire(inactive, pb::Employee{}) == inactive);
    CHECK(through_wire(sample_user(), pb::User{}) == sample_user());
    CHECK(through_wire(sample_settings(), pb::OrganizationSettings{}) == sample_settings());
    CHECK(through_wire(sample_model(), pb::ExperienceModel{}) == sample_model());
    CHECK(through_wire(sample_observation(), pb::Observation{}) == sample_observation());
    CHECK(through_wire(sample_activity(), pb::CoachingActivity{}) == sample_activity());
    CHECK(through_wire(sample_kpi(), pb::KpiValue{}) == sample_kpi());
}

TEST_CASE("to_proto replaces repeated fields and leaves server-set fields alone") {
    pb::Observation message = observation_message();
    REQUIRE(message.has_received_at());
    Observation edited = sample_observation();
    edited.ratings = {{"advice", 4}};
    wire::to_proto(edited, &message);
    CHECK(message.ratings_size() == 1);
    CHECK(message.ratings(0).level() == 4);
    CHECK(message.has_received_at());

    pb::User user = user_message();
    User moved = sample_user();
    moved.unit_ids = {"S09"};
    wire::to_proto(moved, &user);
    REQUIRE(user.unit_ids_size() == 1);
    CHECK(user.unit_ids(0) == "S09");
}

TEST_CASE("binary and JSON round trips of every message of floorwalk.proto, fully populated") {
    const auto samples = all_samples();
    std::set<std::string> sampled;
    for (const auto& sample : samples) sampled.insert(sample->GetDescriptor()->full_name());
    // The list above must follow the schema: a message added to floorwalk.proto without a sample fails here.
    std::set<std::string> declared;
    const auto* file = pb::Unit::descriptor()->file();
    for (int i = 0; i < file->message_type_count(); ++i) declared.insert(file->message_type(i)->full_name());
    CHECK(sampled == declared);
    CHECK(samples.size() == declared.size());

    for (const auto& sample : samples) {
        const std::string name = sample->GetDescriptor()->name();
        INFO(name);
        check_fully_populated(*sample, name);

        const std::string bytes = sample->SerializeAsString();
        std::unique_ptr<Message> from_bytes(sample->New());
        REQUIRE(wire::from_binary(bytes, from_bytes.get()));
        CHECK(MessageDifferencer::Equals(*sample, *from_bytes));

        const std::string json = wire::to_json(*sample);
        INFO(json);
        std::unique_ptr<Message> from_text(sample->New());
        std::string error;
        REQUIRE(wire::from_json(json, from_text.get(), &error));
        CHECK(error.empty());
        CHECK(MessageDifferencer::Equals(*sample, *from_text));
        CHECK(wire::to_json(*from_text) == json);

        // Pretty JSON parses to the same message.
        std::unique_ptr<Message> from_pretty(sample->New());
        REQUIRE(wire::from_json(wire::to_json(*sample, true), from_pretty.get(), &error));
        CHECK(MessageDifferencer::Equals(*sample, *from_pretty));

        // Keys are lowerCamelCase: every field's JSON name appears, no snake_case key does.
        const auto* descriptor = sample->GetDescriptor();
        for (int i = 0; i < descriptor->field_count(); ++i) {
            const std::string key = descriptor->field(i)->json_name();
            INFO(key);
            CHECK(contains(json, "\"" + key + "\":"));
        }
        for (const auto& key : json_keys(json)) {
            INFO(key);
            CHECK(key.find('_') == std::string::npos);
            CHECK(std::islower(static_cast<unsigned char>(key.front())));
        }
    }
}

TEST_CASE("JSON shape: camelCase names, enum names, RFC 3339 times, null rates, defaults printed") {
    const std::string observation = wire::to_json(observation_message());
    CHECK(contains(observation, "\"employeeId\":\"E001\""));
    CHECK(contains(observation, "\"observedAt\":\"2026-03-01T09:30:00.250Z\""));
    CHECK(contains(observation, "\"receivedAt\":\"2026-03-01T09:31:02.500Z\""));
    CHECK(contains(observation, "\"coachingAction\":"));
    CHECK(contains(observation, "\"baseRevision\":1"));
    CHECK(contains(observation, "\"ratings\":[{\"dimensionId\":\"welcome\",\"level\":3}"));
    CHECK_FALSE(contains(observation, "employee_id"));

    CHECK(contains(wire::to_json(activity_message()), "\"kind\":\"TEAM_BRIEFING\""));
    CHECK(contains(wire::to_json(activity_message()), "\"participantIds\":[\"E001\",\"E002\"]"));
    CHECK(contains(wire::to_json(user_message()), "\"role\":\"MANAGER\""));
    CHECK(contains(wire::to_json(unit_message()), "\"kind\":\"STORE\""));
    CHECK(contains(wire::to_json(unit_message()), "\"parentId\":\"R01\""));
    CHECK(contains(wire::to_json(push_result_message()), "\"status\":\"CONFLICT\""));

    const std::string indicators = wire::to_json(indicators_response_message());
    CHECK(contains(indicators, "\"activeManagerRate\":null"));
    CHECK(contains(indicators, "\"deploymentRate\":0.6"));
    CHECK(contains(indicators, "\"at\":\"2026-04-01T00:00:00Z\""));
    CHECK(contains(wire::to_json(child_indicator_message()), "\"deploymentRate\":null"));

    // Fields at their default value are printed all the same, so a client always sees every key.
    const std::string empty = wire::to_json(pb::Observation{});
    CHECK(contains(empty, "\"id\":\"\""));
    CHECK(contains(empty, "\"deleted\":false"));
    CHECK(contains(empty, "\"revision\":0"));
    CHECK(contains(empty, "\"ratings\":[]"));
    CHECK(contains(wire::to_json(pb::Unit{}), "\"kind\":\"UNIT_KIND_UNSPECIFIED\""));
}

TEST_CASE("from_json accepts RFC 3339 offsets and enum names, as clients send them") {
    pb::Observation message;
    std::string error;
    REQUIRE(wire::from_json(R"({"id":"x","observedAt":"2026-03-01T10:30:00.250+01:00","ratings":[{"dimensionId":"welcome","level":2}]})",
                            &message, &error));
    const Observation o = wire::from_proto(message);
    CHECK(o.observed_at == t("2026-03-01T09:30:00.250Z"));
    REQUIRE(o.ratings.size() == 1);
    CHECK(o.ratings[0] == Rating{"welcome", 2});

    pb::CoachingActivity activity;
    REQUIRE(wire::from_json(R"({"kind":"ONE_TO_ONE","participantIds":["E1"]})", &activity, &error));
    CHECK(wire::from_proto(activity).kind == ActivityKind::one_to_one);
    // The original proto field names are accepted too (protobuf's JSON parser takes both).
    REQUIRE(wire::from_json(R"({"participant_ids":["E2"]})", &activity, &error));
    CHECK(activity.participant_ids(0) == "E2");
}

TEST_CASE("from_json rejects unknown fields, wrong types and malformed JSON with protobuf's explanation") {
    pb::Unit unit = unit_message();
    std::string error;
    CHECK_FALSE(wire::from_json(R"({"id":"S01","colour":"blue"})", &unit, &error));
    CHECK(contains(error, "colour"));
    CHECK(unit.id().empty());  // never half a message

    pb::Observation observation;
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"revision":"two"})", &observation, &error));
    CHECK_FALSE(error.empty());
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"observedAt":"2026-02-30T10:00:00Z"})", &observation, &error));
    CHECK_FALSE(error.empty());
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"kind":"WEEKLY"})", &unit, &error));
    CHECK_FALSE(error.empty());
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"id":)", &unit, &error));
    CHECK_FALSE(error.empty());
    CHECK_FALSE(wire::from_json("", &unit, nullptr));
}

TEST_CASE("from_binary rejects bytes that are not the message") {
    pb::Unit unit;
    CHECK_FALSE(wire::from_binary("\xFF\xFF\xFF\xFF", &unit));
    CHECK_FALSE(wire::from_binary(std::string("\x0A\x05" "ab", 4), &unit));  // a string cut short
    CHECK(wire::from_binary("", &unit));  // the empty message
    CHECK(unit.id().empty());
}

TEST_CASE("make_error builds the uniform error body") {
    const auto body = wire::make_error("unit_not_found", "No unit \"S99\" in this organisation");
    CHECK(body.error().code() == "unit_not_found");
    CHECK(wire::to_json(body) ==
          R"({"error":{"code":"unit_not_found","message":"No unit \"S99\" in this organisation","details":[]}})");
}

TEST_CASE("indicator figures convert to their messages, rates null when undefined") {
    DimensionFigures welcome{"welcome", "Welcome", 4, 3, 11, 0.75, 0.8, 2.75};
    DimensionFigures advice{"advice", "Advice", 0, 0, 0, std::nullopt, 0.0, std::nullopt};
    pb::DimensionIndicator d;
    wire::to_proto(advice, &d);
    CHECK(d.dimension_id() == "advice");
    CHECK(d.assessed() == 0);
    CHECK_FALSE(wire::get_value(d.mastery_rate()));
    CHECK(d.mastery_rate().kind_case() == google::protobuf::Value::kNullValue);
    CHECK(wire::get_value(d.coverage()) == 0.0);
    CHECK(d.average_level().kind_case() == google::protobuf::Value::kNullValue);

    UnitIndicators indicators;
    indicators.unit_id = "R01";
    indicators.unit_name = "North";
    indicators.figures = {5, 4, 3, {welcome, advice}, 5.0 / 7, 0.6, 0.8};
    indicators.observations = 3;
    indicators.activities = 1;
    indicators.managers = {{"u-17", "Lea", 2, 0}, {"u-18", "Marc", 2, 1}};
    indicators.active_manager_rate = std::nullopt;
    indicators.children = {{"S01", "Lille", UnitKind::store, {2, 2, 1, {welcome}, 1.0, 0.5, 1.0}},
                           {"S02", "Rouen", UnitKind::store, {0, 0, 0, {advice}, std::nullopt, std::nullopt, std::nullopt}}};
    IndicatorParams params;
    params.at = t("2026-04-01T00:00:00Z");
    params.window_days = 90;
    params.from = t("2026-03-02T00:00:00Z");
    params.to = t("2026-04-01T00:00:00Z");

    pb::IndicatorsResponse response;
    response.set_hidden(true);  // the server's decision survives
    response.set_hidden_reason(pb::COMPLEMENTARY);
    wire::to_proto(indicators, params, &response);
    CHECK(response.hidden());
    CHECK(response.hidden_reason() == pb::COMPLEMENTARY);
    CHECK(response.children(1).kind() == pb::STORE);
    CHECK(response.children(1).deployment_rate().kind_case() == google::protobuf::Value::kNullValue);
    CHECK(response.managers(1).activities() == 1);

    // Golden file: the whole JSON as the dashboard receives it.
    response.set_hidden(false);
    response.set_hidden_reason(pb::HIDDEN_REASON_UNSPECIFIED);
    const std::string actual = wire::to_json(response, true);
    const std::string path = std::string(FLOORWALK_SHARED_TEST_DATA) + "/indicators_response.json";
    std::ifstream file(path, std::ios::binary);
    std::stringstream expected;
    expected << file.rdbuf();
    if (actual != expected.str()) {
        std::ofstream(path + ".actual", std::ios::binary) << actual;
        FAIL("JSON differs from " << path << "; the actual output is in " << path << ".actual:\n" << actual);
    }

    SeriesPointFigures point{"2026-W10", t("2026-03-08T23:59:59.999Z"), indicators.figures, 2};
    pb::SeriesPoint series;
    wire::to_proto(point, &series);
    CHECK(series.week() == "2026-W10");
    CHECK(wire::from_proto(series.at()) == t("2026-03-08T23:59:59.999Z"));
    CHECK(series.active_employees() == 5);
    CHECK(series.observations() == 2);
    CHECK(series.dimensions_size() == 2);
    CHECK(wire::get_value(series.deployment_rate()) == 0.6);
}

TEST_CASE("set_value turns numbers JSON cannot carry into null") {
    pb::DimensionIndicator d;
    wire::set_value(d.mutable_mastery_rate(), std::numeric_limits<double>::quiet_NaN());
    wire::set_value(d.mutable_coverage(), std::numeric_limits<double>::infinity());
    CHECK_FALSE(wire::get_value(d.mastery_rate()));
    CHECK_FALSE(wire::get_value(d.coverage()));
    const std::string json = wire::to_json(d);
    CHECK(contains(json, "\"masteryRate\":null"));
    CHECK(contains(json, "\"coverage\":null"));
}

TEST_CASE("conversion copies at most one element more than each bound, whatever the message holds") {
    pb::Observation observation;
    for (int i = 0; i < 100'000; ++i) observation.add_ratings()->set_dimension_id("welcome");
    CHECK(wire::from_proto(observation).ratings.size() == max_ratings_per_observation + 1);

    pb::CoachingActivity activity;
    for (int i = 0; i < 100'000; ++i) activity.add_participant_ids("E1");
    CHECK(wire::from_proto(activity).participant_ids.size() == max_participants_per_activity + 1);

    pb::User user;
    for (int i = 0; i < 100'000; ++i) user.add_unit_ids("S1");
    CHECK(wire::from_proto(user).unit_ids.size() == max_units_per_user + 1);

    pb::ExperienceModel model;
    for (int i = 0; i < 1'000; ++i) model.mutable_scale()->add_levels()->set_level(i);
    for (int i = 0; i < 1'000; ++i) {
        auto* dimension = model.add_dimensions();
        for (int k = 0; k < 100; ++k) dimension->add_behaviours("b");
    }
    const auto converted = wire::from_proto(model);
    CHECK(converted.scale.levels.size() == max_model_levels + 1);
    REQUIRE(converted.dimensions.size() == max_model_dimensions + 1);
    CHECK(converted.dimensions[0].behaviours.size() == max_behaviours_per_dimension + 1);
}

TEST_CASE("from_json refuses a member given twice, whichever would win, before protobuf reads it") {
    pb::Observation observation;
    std::string error;
    CHECK_FALSE(wire::from_json(R"({"id":"x","employeeId":"E1","employeeId":"E2"})", &observation, &error));
    CHECK(contains(error, "\"employeeId\" appears twice"));
    CHECK(observation.employee_id().empty());
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"employeeId":"E1","employee\u0049d":"E2"})", &observation, &error));
    CHECK(contains(error, "appears twice"));
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"ratings":[{"dimensionId":"a","level":1,"level":4}]})", &observation, &error));
    CHECK(contains(error, "ratings[0]"));
    // Protobuf takes a field by its proto name as well as its JSON name: both at once is the field twice.
    pb::CoachingActivity activity;
    error.clear();
    CHECK_FALSE(wire::from_json(R"({"participantIds":["E1"],"participant_ids":["E2"]})", &activity, &error));
    CHECK(contains(error, "\"participantIds\" and \"participant_ids\""));
    CHECK(activity.participant_ids_size() == 0);
}

TEST_CASE("from_json refuses nesting past 32 levels and JSON protobuf alone would have taken") {
    pb::PushRequest push;
    std::string error;
    std::string deep = R"({"observations":[)";
    for (int i = 0; i < 10'000; ++i) deep += "[";
    CHECK_FALSE(wire::from_json(deep, &push, &error));
    CHECK(contains(error, "the limit is 32 levels"));
    error.clear();
    // Protobuf's parser accepts single quotes and bare names; two parsers reading one text differently is how
    // validation gets bypassed, so only standard JSON is read.
    pb::Unit unit;
    CHECK_FALSE(wire::from_json(R"({'id':'S01'})", &unit, &error));
    CHECK(contains(error, "invalid JSON at line 1, column 2"));
    CHECK_FALSE(wire::from_json(R"({id:"S01"})", &unit, &error));
    CHECK(unit.id().empty());
}
