// Validation of domain records. Each failure names the field and the rule in words a person can act on.
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/unit_tree.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk {

// Error codes (stable; clients may switch on them). Fields are the wire's lowerCamelCase paths.
//   required                  a required value is empty or unset (ids, names, labels, kind, role, observedAt...)
//   not_uuid                  an observation's or activity's id is not a canonical UUID
//   surrounding_whitespace    an id, username or metric starts or ends with whitespace
//   text_too_long             more code points than allowed (ids 128, names 200, comments and notes 2000)
//   invalid_utf8              text that is not valid UTF-8
//   revision_too_small        revision < 1
//   base_revision_negative    baseRevision < 0
//   revision_not_after_base   revision != baseRevision + 1
//   time_too_early            observedAt / occurredAt before 2000-01-01T00:00:00Z (earliest_record_time): a phone's
//                             clock that was never set, or a time the JSON mapping could not even print
//   time_in_future            observedAt / occurredAt more than 24 h after the server's time (also any time after
//                             year 9999, which binary protobuf can carry and JSON cannot print)
//   ratings_required          a non-deleted observation without ratings
//   rating_dimension_unknown  ratings[i].dimensionId is not a dimension of the model
//   rating_dimension_duplicate ratings[i].dimensionId already rated in the same observation
//   rating_level_out_of_scale ratings[i].level is not a level of the model's scale
//   participants_required     a non-deleted activity without participants
//   participant_duplicate     participantIds[i] already listed
//   version_too_small         a model version < 1
//   too_few_levels            a scale with fewer than 2 levels
//   levels_not_increasing     scale.levels[i].level <= the previous level
//   threshold_not_a_level     scale.masteryThreshold is not one of the levels
//   dimensions_required       a model without dimensions
//   dimension_id_duplicate / dimension_name_duplicate   two dimensions share an id / a name
//   unit_parent_is_self       a unit whose parentId is its own id
//   username_invalid          a username with whitespace or control characters
//   units_required            a MANAGER or DIRECTOR assigned to no unit
//   unit_assignment_duplicate unitIds[i] already listed
//   period_invalid            a KPI period that is neither YYYY-MM nor an existing ISO week YYYY-Www
//   value_not_finite          a KPI value that is NaN or infinite
//   min_group_size_too_small / due_after_days_too_small   a setting below 1
//   unit_no_root, unit_several_roots, unit_parent_unknown, unit_cycle, unit_id_duplicate, unit_too_deep,
//   too_many_problems          (UnitTree::validate)
//   too_many_ratings, too_many_participants, too_many_units, too_many_dimensions, too_many_levels,
//   too_many_behaviours        a repeated field over its bound (max_* below)
//   level_out_of_range         a scale level outside [min_mastery_level, max_mastery_level]
//   too_many_errors            the record had more than max_errors_per_record errors; the rest are counted
//   device_id_invalid          a device id outside [A-Za-z0-9._~:-]{1,128}
//   text_nul                   text holding U+0000 (no database engine stores it in text)
struct ValidationError {
    std::string code;     // stable, e.g. "rating_level_out_of_scale"
    std::string field;    // e.g. "ratings[2].level"
    std::string message;  // e.g. "ratings[2].level is 7, outside the model's scale 1 to 4"
    friend bool operator==(const ValidationError&, const ValidationError&) = default;
};
using ValidationErrors = std::vector<ValidationError>;

inline constexpr std::size_t max_comment_length = 2000;  // in Unicode code points
inline constexpr std::size_t max_note_length = 2000;
inline constexpr auto max_clock_skew = std::chrono::hours(24);
// Observations and activities happen from 2000-01-01T00:00:00Z on: earlier is a clock error, never a record.
inline constexpr Timestamp earliest_record_time{std::chrono::milliseconds(946'684'800'000)};
inline constexpr std::size_t max_id_length = 128;    // ids, usernames and metric names, in code points
inline constexpr std::size_t max_name_length = 200;  // names, labels and job titles, in code points

// Bounds on every repeated field of a record, so that no record, however crafted, makes a large structure, a
// large answer or a long loop. wire::from_proto copies at most one element more than each bound (enough for the
// rule to say "more than"), whatever the message held.
inline constexpr std::size_t max_model_dimensions = 50;
inline constexpr std::size_t max_model_levels = 20;
inline constexpr std::size_t max_behaviours_per_dimension = 30;
inline constexpr int min_mastery_level = 0;  // level values lie in [min_mastery_level, max_mastery_level]
inline constexpr int max_mastery_level = 100;
inline constexpr std::size_t max_ratings_per_observation = max_model_dimensions;  // each dimension at most once
inline constexpr std::size_t max_participants_per_activity = 100;
inline constexpr std::size_t max_units_per_user = 500;
// A record answers at most this many errors, then one that counts the rest.
inline constexpr std::size_t max_errors_per_record = 10;

[[nodiscard]] bool is_uuid(std::string_view text);  // canonical 8-4-4-4-12 hex form, any version
// Number of Unicode code points of UTF-8 text; nullopt when the bytes are not valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid).
[[nodiscard]] std::optional<std::size_t> utf8_length(std::string_view text);
// The text with every byte that does not start a valid UTF-8 sequence (by utf8_length's rules) replaced by U+FFFD;
// valid text comes back unchanged. For echoing what a client sent in a message that must be valid UTF-8.
[[nodiscard]] std::string sanitize_utf8(std::string_view text);

// Record-level rules that need no stored state: ids, revision numbering, ratings against the model's scale,
// duplicate dimensions, at least one rating, observed_at from earliest_record_time to 24 h after `now`, text lengths.
// The caller checks what needs the database (employee exists and is in scope, model version known).
[[nodiscard]] ValidationErrors validate_observation(const Observation& observation, const ExperienceModel& model,
                                                    Timestamp now);
[[nodiscard]] ValidationErrors validate_activity(const CoachingActivity& activity, Timestamp now);

// The experience model: id, name, >=1 dimension with unique non-empty ids, >=2 strictly increasing levels with
// labels, a threshold that is one of the levels.
[[nodiscard]] ValidationErrors validate_model(const ExperienceModel& model);
[[nodiscard]] ValidationErrors validate_unit(const Unit& unit);
[[nodiscard]] ValidationErrors validate_employee(const Employee& employee);
[[nodiscard]] ValidationErrors validate_user(const User& user);
[[nodiscard]] ValidationErrors validate_kpi(const KpiValue& kpi);
[[nodiscard]] ValidationErrors validate_settings(const OrganizationSettings& settings);
// A device id names a phone or a browser in URLs (POST /admin/devices/{deviceId}/revoke): 1 to 128 characters
// that a URL path carries as they are (letters, digits and . _ ~ : -), so that every device can be revoked.
[[nodiscard]] ValidationErrors validate_device_id(std::string_view device_id);
// An observation's or activity's id: a UUID (the first rule a record is held to, before anything is looked up).
[[nodiscard]] ValidationErrors validate_record_id(std::string_view id);

}  // namespace floorwalk
