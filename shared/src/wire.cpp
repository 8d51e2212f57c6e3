// Domain <-> floorwalk.v1 messages, and protobuf's JSON mapping with the API's options. The one translation unit of
// shared/ that includes protobuf.
#include "floorwalk/wire.h"

#include "floorwalk/json_screen.h"

#include <google/protobuf/util/json_util.h>

#include "floorwalk/validation.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

namespace floorwalk::wire {
namespace {

using std::chrono::milliseconds;

// Replaces a repeated string field with `values`.
void assign(google::protobuf::RepeatedPtrField<std::string>* out, const std::vector<std::string>& values) {
    out->Clear();
    out->Reserve(static_cast<int>(values.size()));
    for (const auto& value : values) *out->Add() = value;
}

// The first `bound + 1` values at most: validation refuses more than `bound` (saying "more than"), so copying
// the rest of a hostile message would only waste memory (see the max_* bounds in validation.h).
std::vector<std::string> to_vector(const google::protobuf::RepeatedPtrField<std::string>& values, std::size_t bound) {
    const auto count = std::min(static_cast<std::size_t>(values.size()), bound + 1);
    return {values.begin(), values.begin() + static_cast<int>(count)};
}

// The first `bound + 1` elements of a repeated message field at most, converted by `convert`.
template <typename Element, typename Convert>
auto bounded(const google::protobuf::RepeatedPtrField<Element>& values, std::size_t bound, Convert convert) {
    std::vector<decltype(convert(values.Get(0)))> result;
    const auto count = std::min(static_cast<std::size_t>(values.size()), bound + 1);
    result.reserve(count);
    for (std::size_t i = 0; i < count; ++i) result.push_back(convert(values.Get(static_cast<int>(i))));
    return result;
}

}  // namespace

Timestamp from_proto(const google::protobuf::Timestamp& t) {
    // nanos is in [0, 1e9) for a valid Timestamp; finer than a millisecond is dropped (floor). Out of that range it
    // still adds up to the instant it names.
    // Binary protobuf carries any 64-bit seconds, not only years 1 to 9999: what milliseconds cannot hold saturates
    // to Timestamp::min() or max() instead of overflowing, so validation sees a time far out of range and refuses it.
    long long millis = 0;
    if (__builtin_mul_overflow(t.seconds(), 1000LL, &millis) ||
        __builtin_add_overflow(millis, static_cast<long long>(t.nanos() / 1'000'000), &millis)) {
        return t.seconds() < 0 ? Timestamp::min() : Timestamp::max();
    }
    return Timestamp{milliseconds{millis}};
}

void to_proto(Timestamp t, google::protobuf::Timestamp* out) {
    const long long millis = t.time_since_epoch().count();
    // Floor division: nanos must be non-negative, also before 1970.
    long long seconds = millis / 1000;
    long long rest = millis % 1000;
    if (rest < 0) {
        rest += 1000;
        --seconds;
    }
    out->set_seconds(seconds);
    out->set_nanos(static_cast<int>(rest * 1'000'000));
}

void set_value(google::protobuf::Value* out, std::optional<double> value) {
    // JSON has no NaN or infinity (protobuf would print the strings "NaN" and "Infinity"): such a value is as
    // undefined as a missing one.
    if (value && std::isfinite(*value)) {
        out->set_number_value(*value);
    } else {
        out->set_null_value(google::protobuf::NULL_VALUE);
    }
}

std::optional<double> get_value(const google::protobuf::Value& value) {
    if (value.kind_case() == google::protobuf::Value::kNumberValue) return value.number_value();
    return std::nullopt;
}

Role from_proto(pb::Role role) {
    switch (role) {
        case pb::MANAGER: return Role::manager;
        case pb::DIRECTOR: return Role::director;
        case pb::HQ: return Role::hq;
        case pb::ADMIN: return Role::admin;
        default: return Role::unspecified;  // includes values a newer schema may add
    }
}

pb::Role to_proto(Role role) {
    switch (role) {
        case Role::manager: return pb::MANAGER;
        case Role::director: return pb::DIRECTOR;
        case Role::hq: return pb::HQ;
        case Role::admin: return pb::ADMIN;
        case Role::unspecified: break;
    }
    return pb::ROLE_UNSPECIFIED;
}

UnitKind from_proto(pb::UnitKind kind) {
    switch (kind) {
        case pb::ORGANIZATION: return UnitKind::organization;
        case pb::BUSINESS_UNIT: return UnitKind::business_unit;
        case pb::REGION: return UnitKind::region;
        case pb::STORE: return UnitKind::store;
        case pb::TEAM: return UnitKind::team;
        default: return UnitKind::unspecified;
    }
}

pb::UnitKind to_proto(UnitKind kind) {
    switch (kind) {
        case UnitKind::organization: return pb::ORGANIZATION;
        case UnitKind::business_unit: return pb::BUSINESS_UNIT;
        case UnitKind::region: return pb::REGION;
        case UnitKind::store: return pb::STORE;
        case UnitKind::team: return pb::TEAM;
        case UnitKind::unspecified: break;
    }
    return pb::UNIT_KIND_UNSPECIFIED;
}

ActivityKind from_proto(pb::ActivityKind kind) {
    switch (kind) {
        case pb::ONE_TO_ONE: return ActivityKind::one_to_one;
        case pb::TEAM_BRIEFING: return ActivityKind::team_briefing;
        case pb::CHALLENGE: return ActivityKind::challenge;
        default: return ActivityKind::unspecified;
    }
}

pb::ActivityKind to_proto(ActivityKind kind) {
    switch (kind) {
        case ActivityKind::one_to_one: return pb::ONE_TO_ONE;
        case ActivityKind::team_briefing: return pb::TEAM_BRIEFING;
        case ActivityKind::challenge: return pb::CHALLENGE;
        case ActivityKind::unspecified: break;
    }
    return pb::ACTIVITY_KIND_UNSPECIFIED;
}

Unit from_proto(const pb::Unit& in) { return {in.id(), in.parent_id(), in.name(), from_proto(in.kind())}; }

void to_proto(const Unit& in, pb::Unit* out) {
    out->set_id(in.id);
    out->set_parent_id(in.parent_id);
    out->set_name(in.name);
    out->set_kind(to_proto(in.kind));
}

Employee from_proto(const pb::Employee& in) {
    return {in.id(), in.unit_id(), in.display_name(), in.job_title(), in.active()};
}

void to_proto(const Employee& in, pb::Employee* out) {
    out->set_id(in.id);
    out->set_unit_id(in.unit_id);
    out->set_display_name(in.display_name);
    out->set_job_title(in.job_title);
    out->set_active(in.active);
}

User from_proto(const pb::User& in) {
    return {in.id(),
            in.username(),
            in.display_name(),
            from_proto(in.role()),
            to_vector(in.unit_ids(), max_units_per_user),
            !in.has_active() || in.active()};
}

void to_proto(const User& in, pb::User* out) {
    out->set_id(in.id);
    out->set_username(in.username);
    out->set_display_name(in.display_name);
    out->set_role(to_proto(in.role));
    assign(out->mutable_unit_ids(), in.unit_ids);
    out->set_active(in.active);
}

OrganizationSettings from_proto(const pb::OrganizationSettings& in) {
    return {in.min_group_size(), in.due_after_days()};
}

void to_proto(const OrganizationSettings& in, pb::OrganizationSettings* out) {
    out->set_min_group_size(in.min_group_size);
    out->set_due_after_days(in.due_after_days);
}

ExperienceModel from_proto(const pb::ExperienceModel& in) {
    ExperienceModel model;
    model.id = in.id();
    model.version = in.version();
    model.name = in.name();
    model.scale.levels = bounded(in.scale().levels(), max_model_levels, [](const pb::MasteryLevel& level) {
        return MasteryLevel{level.level(), level.label()};
    });
    model.scale.mastery_threshold = in.scale().mastery_threshold();
    model.dimensions = bounded(in.dimensions(), max_model_dimensions, [](const pb::Dimension& d) {
        return Dimension{d.id(), d.name(), d.description(), to_vector(d.behaviours(), max_behaviours_per_dimension)};
    });
    return model;
}

void to_proto(const ExperienceModel& in, pb::ExperienceModel* out) {
    out->set_id(in.id);
    out->set_version(in.version);
    out->set_name(in.name);
    auto* scale = out->mutable_scale();
    scale->clear_levels();
    for (const auto& level : in.scale.levels) {
        auto* l = scale->add_levels();
        l->set_level(level.level);
        l->set_label(level.label);
    }
    scale->set_mastery_threshold(in.scale.mastery_threshold);
    out->clear_dimensions();
    for (const auto& dimension : in.dimensions) {
        auto* d = out->add_dimensions();
        d->set_id(dimension.id);
        d->set_name(dimension.name);
        d->set_description(dimension.description);
        assign(d->mutable_behaviours(), dimension.behaviours);
    }
}

Observation from_proto(const pb::Observation& in) {
    Observation o;
    o.id = in.id();
    o.employee_id = in.employee_id();
    o.observer_id = in.observer_id();
    o.observed_at = from_proto(in.observed_at());
    o.model_version = in.model_version();
    o.ratings = bounded(in.ratings(), max_ratings_per_observation,
                        [](const pb::Rating& rating) { return Rating{rating.dimension_id(), rating.level()}; });
    o.comment = in.comment();
    o.coaching_action = in.coaching_action();
    o.revision = in.revision();
    o.base_revision = in.base_revision();
    o.deleted = in.deleted();
    if (in.has_received_at()) o.received_at = from_proto(in.received_at());
    return o;
}

void to_proto(const Observation& in, pb::Observation* out) {
    out->set_id(in.id);
    out->set_employee_id(in.employee_id);
    out->set_observer_id(in.observer_id);
    to_proto(in.observed_at, out->mutable_observed_at());
    out->set_model_version(in.model_version);
    out->clear_ratings();
    for (const auto& rating : in.ratings) {
        auto* r = out->add_ratings();
        r->set_dimension_id(rating.dimension_id);
        r->set_level(rating.level);
    }
    out->set_comment(in.comment);
    out->set_coaching_action(in.coaching_action);
    out->set_revision(in.revision);
    out->set_base_revision(in.base_revision);
    out->set_deleted(in.deleted);
    // Set by the server only: a record that does not carry it leaves the message's own value alone.
    if (in.received_at != Timestamp{}) to_proto(in.received_at, out->mutable_received_at());
}

CoachingActivity from_proto(const pb::CoachingActivity& in) {
    CoachingActivity a;
    a.id = in.id();
    a.manager_id = in.manager_id();
    a.kind = from_proto(in.kind());
    a.occurred_at = from_proto(in.occurred_at());
    a.participant_ids = to_vector(in.participant_ids(), max_participants_per_activity);
    a.note = in.note();
    a.revision = in.revision();
    a.base_revision = in.base_revision();
    a.deleted = in.deleted();
    if (in.has_received_at()) a.received_at = from_proto(in.received_at());
    return a;
}

void to_proto(const CoachingActivity& in, pb::CoachingActivity* out) {
    out->set_id(in.id);
    out->set_manager_id(in.manager_id);
    out->set_kind(to_proto(in.kind));
    to_proto(in.occurred_at, out->mutable_occurred_at());
    assign(out->mutable_participant_ids(), in.participant_ids);
    out->set_note(in.note);
    out->set_revision(in.revision);
    out->set_base_revision(in.base_revision);
    out->set_deleted(in.deleted);
    // Set by the server only: a record that does not carry it leaves the message's own value alone.
    if (in.received_at != Timestamp{}) to_proto(in.received_at, out->mutable_received_at());
}

KpiValue from_proto(const pb::KpiValue& in) { return {in.unit_id(), in.period(), in.metric(), in.value()}; }

void to_proto(const KpiValue& in, pb::KpiValue* out) {
    out->set_unit_id(in.unit_id);
    out->set_period(in.period);
    out->set_metric(in.metric);
    out->set_value(in.value);
}

void to_proto(const DimensionFigures& in, pb::DimensionIndicator* out) {
    out->set_dimension_id(in.dimension_id);
    out->set_name(in.name);
    set_value(out->mutable_mastery_rate(), in.mastery_rate);
    set_value(out->mutable_coverage(), in.coverage);
    out->set_assessed(in.assessed);
    out->set_mastered(in.mastered);
    set_value(out->mutable_average_level(), in.average_level);
}

void to_proto(const ChildFigures& in, pb::ChildIndicator* out) {
    out->set_unit_id(in.unit_id);
    out->set_unit_name(in.unit_name);
    out->set_kind(to_proto(in.kind));
    out->set_active_employees(in.figures.active_employees);
    set_value(out->mutable_transformation_rate(), in.figures.transformation_rate);
    set_value(out->mutable_deployment_rate(), in.figures.deployment_rate);
    out->clear_dimensions();
    for (const auto& dimension : in.figures.dimensions) to_proto(dimension, out->add_dimensions());
}

void to_proto(const ManagerFigures& in, pb::ManagerActivity* out) {
    out->set_user_id(in.user_id);
    out->set_display_name(in.display_name);
    out->set_observations(in.observations);
    out->set_activities(in.activities);
}

void to_proto(const UnitIndicators& in, const IndicatorParams& params, pb::IndicatorsResponse* out) {
    out->set_unit_id(in.unit_id);
    out->set_unit_name(in.unit_name);
    to_proto(params.at, out->mutable_at());
    out->set_window_days(params.window_days);
    to_proto(params.from, out->mutable_from());
    to_proto(params.to, out->mutable_to());
    set_value(out->mutable_transformation_rate(), in.figures.transformation_rate);
    set_value(out->mutable_deployment_rate(), in.figures.deployment_rate);
    set_value(out->mutable_active_manager_rate(), in.active_manager_rate);
    set_value(out->mutable_coverage(), in.figures.coverage);
    out->set_active_employees(in.figures.active_employees);
    out->set_assessed_employees(in.figures.assessed_employees);
    out->set_accompanied_employees(in.figures.accompanied_employees);
    out->set_observations(in.observations);
    out->set_activities(in.activities);
    out->clear_dimensions();
    for (const auto& dimension : in.figures.dimensions) to_proto(dimension, out->add_dimensions());
    out->clear_children();
    for (const auto& child : in.children) to_proto(child, out->add_children());
    out->clear_managers();
    for (const auto& manager : in.managers) to_proto(manager, out->add_managers());
}

void to_proto(const SeriesPointFigures& in, pb::SeriesPoint* out) {
    out->set_week(in.week);
    to_proto(in.at, out->mutable_at());
    set_value(out->mutable_transformation_rate(), in.figures.transformation_rate);
    set_value(out->mutable_deployment_rate(), in.figures.deployment_rate);
    out->clear_dimensions();
    for (const auto& dimension : in.figures.dimensions) to_proto(dimension, out->add_dimensions());
    out->set_active_employees(in.figures.active_employees);
    out->set_observations(in.observations);
}

std::string to_json(const google::protobuf::Message& message, bool pretty) {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = pretty;
    options.always_print_primitive_fields = true;
    options.always_print_enums_as_ints = false;
    options.preserve_proto_field_names = false;
    std::string json;
    // Protobuf 3.21 prints every message it can hold; a failure would be a programming error, not a client's.
    const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
    if (!status.ok()) {
        throw std::invalid_argument("cannot print " + message.GetTypeName() + " as JSON: " + status.ToString());
    }
    return json;
}

bool from_json(std::string_view json, google::protobuf::Message* message, std::string* error) {
    message->Clear();
    // Protobuf's parser is lenient, lets the last of two same-named members win and recurses on nesting: only a
    // strict, bounded, unambiguous text reaches it.
    if (auto refusal = json::screen(json)) {
        if (error) *error = std::move(refusal->message);
        return false;
    }
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto status = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(json.data(), json.size()), message, options);
    if (status.ok()) return true;
    if (error) *error = std::string(status.message());
    message->Clear();  // never hand back half a message
    return false;
}

bool from_binary(std::string_view bytes, google::protobuf::Message* message) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return false;
    if (message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return true;
    message->Clear();
    return false;
}

pb::ErrorResponse make_error(std::string code, std::string message) {
    pb::ErrorResponse response;
    response.mutable_error()->set_code(std::move(code));
    response.mutable_error()->set_message(std::move(message));
    return response;
}

}  // namespace floorwalk::wire
