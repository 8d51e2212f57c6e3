// Protobuf and JSON decoding followed by validation (shared/wire.h, shared/validation.h): what the server does
// with every body a phone, a script or an admin sends. The first byte picks the message (its high bits) and the
// encoding (its low bit: 0 binary protobuf, 1 JSON); the rest is the body.
//
// Beyond "no fault", one rule ties decoding and validation together: a record that validation accepts is stored
// and later printed in pulls and answers, so it must print as JSON and read back as the same record. A record that
// passes validation but cannot be printed would fail every later pull of its organisation.
#include "floorwalk/unit_tree.h"
#include "floorwalk/validation.h"
#include "floorwalk/wire.h"
#include "support/fuzz_check.h"

#include <google/protobuf/stubs/logging.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using namespace floorwalk;
namespace pb = wire::pb;

// The server's clock for the time rules (observedAt at most 24 h ahead).
const Timestamp now = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 12 / 1)) + std::chrono::hours(12);

// A model like the demo's: 1..4, mastery at 3, dimensions that the seed corpus rates.
const ExperienceModel& model() {
    static const ExperienceModel m = [] {
        ExperienceModel out;
        out.id = "cx-demo";
        out.version = 1;
        out.name = "Customer experience model";
        out.scale.levels = {{1, "Discovering"}, {2, "Developing"}, {3, "Mastering"}, {4, "Expert"}};
        out.scale.mastery_threshold = 3;
        for (const char* id : {"welcome", "needs-discovery", "advice", "closing", "farewell", "loyalty"})
            out.dimensions.push_back({id, std::string(id) + " dimension", "", {"A behaviour"}});
        return out;
    }();
    return m;
}

enum class Encoding { binary, json };

// Decodes `body` into `message` as the server does (parse_body, run_import's decode): false when it refuses.
bool decode(Encoding encoding, std::string_view body, google::protobuf::Message* message) {
    if (encoding == Encoding::binary) {
        const bool ok = wire::from_binary(body, message);
        if (!ok) fuzz::check(message->ByteSizeLong() == 0, "a refused binary body leaves the message cleared");
        return ok;
    }
    std::string error;
    const bool ok = wire::from_json(body, message, &error);
    if (!ok) {
        fuzz::check(!error.empty(), "a refused JSON body comes with a message");
        fuzz::check(message->ByteSizeLong() == 0, "a refused JSON body leaves the message cleared");
    }
    return ok;
}

// An accepted record prints as JSON and reads back as itself.
template <class Record, class Message>
void check_round_trip(const Record& record, std::string_view what) {
    Message message;
    wire::to_proto(record, &message);
    std::string json;
    try {
        json = wire::to_json(message);
    } catch (const std::invalid_argument& error) {
        fuzz::fail(std::string("a valid ") + std::string(what) + " prints as JSON", error.what());
    }
    Message again;
    std::string error;
    fuzz::check(wire::from_json(json, &again, &error), std::string("the JSON of a valid ") + std::string(what) +
                                                           " reads back", error + " in " + json);
    fuzz::check(wire::from_proto(again) == record, std::string("a valid ") + std::string(what) +
                                                       " reads back from its JSON unchanged", json);
}

void push(Encoding encoding, std::string_view body) {
    pb::PushRequest in;
    if (!decode(encoding, body, &in)) return;
    if (!in.device_id().empty()) (void)validate_device_id(in.device_id());
    for (const auto& message : in.observations()) {
        auto observation = wire::from_proto(message);
        if (!validate_record_id(observation.id).empty()) continue;
        if (!validate_observation(observation, model(), now).empty()) continue;
        // What the store keeps: the observer from the token and the time it accepted the revision.
        observation.observer_id = "user-1";
        observation.received_at = now;
        check_round_trip<Observation, pb::Observation>(observation, "observation");
    }
    for (const auto& message : in.activities()) {
        auto activity = wire::from_proto(message);
        if (!validate_record_id(activity.id).empty()) continue;
        if (!validate_activity(activity, now).empty()) continue;
        activity.manager_id = "user-1";
        activity.received_at = now;
        check_round_trip<CoachingActivity, pb::CoachingActivity>(activity, "coaching activity");
    }
}

void experience_model(Encoding encoding, std::string_view body) {
    pb::ExperienceModel in;
    if (!decode(encoding, body, &in)) return;
    auto imported = wire::from_proto(in);
    imported.version = std::max(imported.version, 1);  // as the model import does: the store numbers versions
    if (!validate_model(imported).empty()) return;
    check_round_trip<ExperienceModel, pb::ExperienceModel>(imported, "experience model");
    // A valid model is one observations can be validated against.
    Observation observation;
    observation.id = "0192f1a4-5b6c-7d8e-9f00-112233445566";
    observation.employee_id = "FR10001";
    observation.observed_at = now - std::chrono::hours(1);
    observation.model_version = imported.version;
    observation.ratings.push_back({imported.dimensions.front().id, imported.scale.levels.front().level});
    const auto errors = validate_observation(observation, imported, now);
    fuzz::check(errors.empty(), "a rating of a valid model's first dimension at its lowest level is valid",
                errors.empty() ? "" : errors.front().message);
}

void units(Encoding encoding, std::string_view body) {
    pb::UnitsImport in;
    if (!decode(encoding, body, &in)) return;
    std::vector<Unit> all;
    bool valid = true;
    for (const auto& message : in.units()) {
        const auto unit = wire::from_proto(message);
        const bool unit_valid = validate_unit(unit).empty();
        if (unit_valid) check_round_trip<Unit, pb::Unit>(unit, "unit");
        valid = valid && unit_valid;
        all.push_back(unit);
    }
    const auto problems = UnitTree::validate(all);
    if (!valid || !problems.empty() || all.empty()) return;
    // A valid set is one tree: every unit placed once, below the root.
    const UnitTree tree(all);
    fuzz::check(tree.root() != nullptr, "a valid unit set has a root");
    for (const auto& unit : all) fuzz::check(tree.find(unit.id) != nullptr, "every unit of a valid set is in the tree");
}

void employees(Encoding encoding, std::string_view body) {
    pb::EmployeesImport in;
    if (!decode(encoding, body, &in)) return;
    for (const auto& message : in.employees()) {
        const auto employee = wire::from_proto(message);
        if (validate_employee(employee).empty()) check_round_trip<Employee, pb::Employee>(employee, "employee");
    }
}

void users(Encoding encoding, std::string_view body) {
    pb::UsersImport in;
    if (!decode(encoding, body, &in)) return;
    for (const auto& message : in.users()) {
        // As the users import builds its rows (server/api/imports.cpp): the id comes from the store.
        User user;
        user.id = "user-1";
        user.username = message.username();
        user.display_name = message.display_name();
        user.role = wire::from_proto(message.role());
        const auto count =
            std::min<std::size_t>(static_cast<std::size_t>(message.unit_ids_size()), max_units_per_user + 1);
        user.unit_ids.assign(message.unit_ids().begin(), message.unit_ids().begin() + static_cast<int>(count));
        if (validate_user(user).empty()) check_round_trip<User, pb::User>(user, "user");
    }
}

void kpis(Encoding encoding, std::string_view body) {
    pb::KpisImport in;
    if (!decode(encoding, body, &in)) return;
    for (const auto& message : in.kpis()) {
        const auto kpi = wire::from_proto(message);
        if (validate_kpi(kpi).empty()) check_round_trip<KpiValue, pb::KpiValue>(kpi, "KPI value");
    }
}

void settings(Encoding encoding, std::string_view body) {
    pb::OrganizationSettings in;
    if (!decode(encoding, body, &in)) return;
    const auto value = wire::from_proto(in);
    if (validate_settings(value).empty())
        check_round_trip<OrganizationSettings, pb::OrganizationSettings>(value, "settings");
}

void login(Encoding encoding, std::string_view body) {
    pb::LoginRequest in;
    if (!decode(encoding, body, &in)) return;
    (void)validate_device_id(in.device_id());
}

using Decoder = void (*)(Encoding, std::string_view);
constexpr std::array<Decoder, 8> decoders = {push, experience_model, units, employees, users, kpis, settings, login};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Protobuf logs a line for every string that is not UTF-8; at thousands of inputs a second that is only noise.
    google::protobuf::SetLogHandler(nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto encoding = (data[0] & 1) != 0 ? Encoding::json : Encoding::binary;
    const auto decoder = decoders[(data[0] >> 1) % decoders.size()];
    decoder(encoding, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
    return 0;
}
