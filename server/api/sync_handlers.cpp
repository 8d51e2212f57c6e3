// POST /api/v1/sync/push and GET /api/v1/sync/pull: what the phones speak.
#include "api/handlers.h"

#include "floorwalk/wire.h"

#include <charconv>

namespace floorwalk::server {
namespace {

namespace pb = ::floorwalk::v1;

pb::PushStatus to_proto(PushStatus status) {
    switch (status) {
        case PushStatus::accepted: return pb::ACCEPTED;
        case PushStatus::duplicate: return pb::DUPLICATE;
        case PushStatus::conflict: return pb::CONFLICT;
        case PushStatus::rejected: return pb::REJECTED;
    }
    return pb::PUSH_STATUS_UNSPECIFIED;
}

Response push(ApiContext& api, const RouteContext& route) {
    const auto& request = route.request;
    const auto& caller = *route.caller;
    // Records are authored by the caller: only the roles that observe and coach in the field write them.
    if (auto refused = require_role(route, {Role::manager, Role::director})) return *refused;
    pb::PushRequest in;
    if (auto refused = parse_body(request, &in)) return *refused;

    const auto count = static_cast<std::size_t>(in.observations_size()) + static_cast<std::size_t>(in.activities_size());
    if (count > api.config.max_push_records)
        return error_response(request, 413, "too_many_records",
                              "A push carries at most " + std::to_string(api.config.max_push_records) +
                                  " records; this one has " + std::to_string(count) + ": send it in batches.");
    if (!in.device_id().empty() && in.device_id() != caller.device_id)
        return error_response(request, 400, "device_mismatch",
                              "deviceId '" + in.device_id() + "' is not the device this token was issued to ('" +
                                  caller.device_id + "'): sign in again from this device.");

    std::vector<Observation> observations;
    observations.reserve(static_cast<std::size_t>(in.observations_size()));
    for (const auto& observation : in.observations()) observations.push_back(wire::from_proto(observation));
    std::vector<CoachingActivity> activities;
    activities.reserve(static_cast<std::size_t>(in.activities_size()));
    for (const auto& activity : in.activities()) activities.push_back(wire::from_proto(activity));

    const auto now = api.auth.now();
    std::optional<Timestamp> sent_at;
    if (in.has_sent_at()) sent_at = wire::from_proto(in.sent_at());
    const auto outcomes = api.store.push(caller, observations, activities, now, sent_at);
    api.metrics.record_push(observations.size(), outcomes);

    pb::PushResponse out;
    for (const auto& outcome : outcomes) {
        auto* result = out.add_results();
        result->set_id(outcome.id);
        result->set_status(to_proto(outcome.status));
        result->set_stored_revision(outcome.stored_revision);
        if (!outcome.error_code.empty() || !outcome.error_message.empty()) {
            result->mutable_error()->set_code(outcome.error_code);
            result->mutable_error()->set_message(outcome.error_message);
        }
    }
    wire::to_proto(now, out.mutable_server_time());
    return message_response(request, out);
}

// A whole number in [low, high], or nullopt.
std::optional<int> parse_int(const std::string& text, int low, int high) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < low || value > high) return std::nullopt;
    return value;
}

Response pull(ApiContext& api, const RouteContext& route) {
    const auto& request = route.request;
    const auto& caller = *route.caller;
    int limit = api.config.default_pull_limit;
    if (auto text = request.param("limit")) {
        auto parsed = parse_int(*text, 1, api.config.max_pull_limit);
        if (!parsed)
            return error_response(request, 400, "invalid_argument",
                                  "limit must be a whole number from 1 to " +
                                      std::to_string(api.config.max_pull_limit) + "; got '" + *text + "'.");
        limit = *parsed;
    }
    const auto cursor = request.param("cursor").value_or("");
    const auto page = api.store.pull(caller, cursor, limit);

    pb::PullResponse out;
    out.set_cursor(page.cursor);
    out.set_has_more(page.has_more);
    out.set_reset(page.reset);
    if (page.model) wire::to_proto(*page.model, out.mutable_model());
    for (const auto& unit : page.units) wire::to_proto(unit, out.add_units());
    for (const auto& employee : page.employees) wire::to_proto(employee, out.add_employees());
    for (const auto& observation : page.observations) wire::to_proto(observation, out.add_observations());
    for (const auto& activity : page.activities) wire::to_proto(activity, out.add_activities());
    for (const auto& id : page.deleted_ids) out.add_deleted_ids(id);
    wire::to_proto(page.settings, out.mutable_settings());
    wire::to_proto(api.auth.now(), out.mutable_server_time());
    auto* user = out.mutable_user();
    user->set_id(caller.user_id);
    user->set_username(caller.username);
    user->set_display_name(caller.display_name);
    user->set_role(wire::to_proto(caller.role));
    for (const auto& unit : caller.unit_ids) user->add_unit_ids(unit);
    return message_response(request, out);
}

}  // namespace

void add_sync_routes(Router& router, ApiContext& api) {
    router.add("POST", "/api/v1/sync/push", Access::authenticated,
               [&api](const RouteContext& route) { return push(api, route); });
    router.add("GET", "/api/v1/sync/pull", Access::authenticated,
               [&api](const RouteContext& route) { return pull(api, route); });
}

}  // namespace floorwalk::server
