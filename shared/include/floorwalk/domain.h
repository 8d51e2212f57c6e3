// Floorwalk's domain model: plain values, shared by the server and the phone. No Qt, no protobuf.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace floorwalk {

// Millisecond precision is what phones and SQLite keep; finer precision would not round-trip.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

enum class UnitKind { unspecified, organization, business_unit, region, store, team };
enum class Role { unspecified, manager, director, hq, admin };
enum class ActivityKind { unspecified, one_to_one, team_briefing, challenge };

struct Unit {
    std::string id;
    std::string parent_id;  // empty for the root
    std::string name;
    UnitKind kind = UnitKind::unspecified;
    friend bool operator==(const Unit&, const Unit&) = default;
};

struct Employee {
    std::string id;
    std::string unit_id;
    std::string display_name;
    std::string job_title;
    bool active = true;
    friend bool operator==(const Employee&, const Employee&) = default;
};

struct User {
    std::string id;
    std::string username;
    std::string display_name;
    Role role = Role::unspecified;
    std::vector<std::string> unit_ids;
    bool active = true;  // a deactivated user cannot sign in and holds no valid token
    friend bool operator==(const User&, const User&) = default;
};

struct OrganizationSettings {
    int min_group_size = 3;
    int due_after_days = 30;
    friend bool operator==(const OrganizationSettings&, const OrganizationSettings&) = default;
};

struct MasteryLevel {
    int level = 0;
    std::string label;
    friend bool operator==(const MasteryLevel&, const MasteryLevel&) = default;
};

struct MasteryScale {
    std::vector<MasteryLevel> levels;  // strictly increasing
    int mastery_threshold = 3;
    [[nodiscard]] bool contains(int level) const;
    friend bool operator==(const MasteryScale&, const MasteryScale&) = default;
};

struct Dimension {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> behaviours;
    friend bool operator==(const Dimension&, const Dimension&) = default;
};

struct ExperienceModel {
    std::string id;
    int version = 1;
    std::string name;
    MasteryScale scale;
    std::vector<Dimension> dimensions;
    [[nodiscard]] const Dimension* find_dimension(const std::string& dimension_id) const;
    friend bool operator==(const ExperienceModel&, const ExperienceModel&) = default;
};

struct Rating {
    std::string dimension_id;
    int level = 0;
    friend bool operator==(const Rating&, const Rating&) = default;
};

// Records are versioned: revision 1 has base_revision 0; each edit or deletion is revision = base_revision + 1.
struct Observation {
    std::string id;  // UUID made on the phone
    std::string employee_id;
    std::string observer_id;  // the signed-in manager; the server takes it from the token
    Timestamp observed_at{};
    int model_version = 0;
    std::vector<Rating> ratings;
    std::string comment;
    std::string coaching_action;
    int revision = 1;
    int base_revision = 0;
    bool deleted = false;
    Timestamp received_at{};  // when the server accepted this revision (pulls fill it); unset (the epoch) otherwise
    friend bool operator==(const Observation&, const Observation&) = default;
};

struct CoachingActivity {
    std::string id;
    std::string manager_id;
    ActivityKind kind = ActivityKind::unspecified;
    Timestamp occurred_at{};
    std::vector<std::string> participant_ids;
    std::string note;
    int revision = 1;
    int base_revision = 0;
    bool deleted = false;
    Timestamp received_at{};  // when the server accepted this revision (pulls fill it); unset (the epoch) otherwise
    friend bool operator==(const CoachingActivity&, const CoachingActivity&) = default;
};

struct KpiValue {
    std::string unit_id;
    std::string period;  // "YYYY-MM" or "YYYY-Www"
    std::string metric;
    double value = 0;
    friend bool operator==(const KpiValue&, const KpiValue&) = default;
};

// Stable lower-case names, used in storage and CSV ("manager", "one_to_one"...); the wire uses the proto enums.
[[nodiscard]] std::string_view to_string(Role role);
[[nodiscard]] std::string_view to_string(UnitKind kind);
[[nodiscard]] std::string_view to_string(ActivityKind kind);
[[nodiscard]] std::optional<Role> parse_role(std::string_view text);        // accepts "manager" and "MANAGER"
[[nodiscard]] std::optional<UnitKind> parse_unit_kind(std::string_view text);
[[nodiscard]] std::optional<ActivityKind> parse_activity_kind(std::string_view text);

}  // namespace floorwalk
