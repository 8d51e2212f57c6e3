// Record-level validation rules. Every error carries a stable code, the lowerCamelCase field path of the wire
// (what a client sent) and a sentence that starts with that path and states the rule.
#include "floorwalk/validation.h"

#include "floorwalk/time.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace floorwalk {
namespace {

void add(ValidationErrors& errors, std::string code, std::string field, std::string message) {
    errors.push_back({std::move(code), std::move(field), std::move(message)});
}

// Keeps the first max_errors_per_record errors and counts the others in one last error.
ValidationErrors capped(ValidationErrors errors) {
    if (errors.size() <= max_errors_per_record) return errors;
    const auto more = errors.size() - max_errors_per_record;
    errors.resize(max_errors_per_record);
    add(errors, "too_many_errors", "record",
        std::to_string(more) + " more errors in this record are not listed: correct the ones above first");
    return errors;
}

// A repeated field over its bound; wire::from_proto keeps at most one element more than the bound, so "more than".
bool over_bound(ValidationErrors& errors, std::string code, const std::string& field, std::size_t size,
                std::size_t bound, std::string_view rule) {
    if (size <= bound) return false;
    add(errors, std::move(code), field,
        field + " has more than " + std::to_string(bound) + " entries: " + std::string(rule));
    return true;
}

std::string indexed(std::string_view name, std::size_t index) {
    return std::string(name) + "[" + std::to_string(index) + "]";
}

// A value echoed in a message: quoted, shortened, and never invalid UTF-8 (the message travels in a protobuf
// string, which must be valid UTF-8).
std::string quote(std::string_view text) {
    constexpr std::size_t max_shown = 40;
    if (!utf8_length(text)) return "(text that is not valid UTF-8)";
    std::size_t points = 0;
    std::size_t cut = text.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (points == max_shown) {
                cut = i;
                break;
            }
            ++points;
        }
    }
    if (cut < text.size()) return "\"" + std::string(text.substr(0, cut)) + "...\"";
    return "\"" + std::string(text) + "\"";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Optional free text: valid UTF-8 and at most `max_length` code points.
void check_text(ValidationErrors& errors, const std::string& field, std::string_view text, std::size_t max_length) {
    const auto length = utf8_length(text);
    if (!length) {
        add(errors, "invalid_utf8", field, field + " is not valid UTF-8 text");
    } else if (text.find('\0') != std::string_view::npos) {
        // PostgreSQL's text cannot hold it, and no person types it: refused on every engine alike.
        add(errors, "text_nul", field, field + " holds a NUL character (U+0000): remove it");
    } else if (*length > max_length) {
        add(errors, "text_too_long", field,
            field + " has " + std::to_string(*length) + " characters, more than the " + std::to_string(max_length) +
                " allowed");
    }
}

// Required text: not empty, then the free-text rules.
void check_required_text(ValidationErrors& errors, const std::string& field, std::string_view text,
                         std::size_t max_length, std::string_view what) {
    if (text.empty()) {
        add(errors, "required", field, field + " is empty: " + std::string(what) + " is required");
        return;
    }
    check_text(errors, field, text, max_length);
}

// A customer's id (unit, employee, dimension...): required, short, and without the leading or trailing spaces that
// spreadsheets leave behind and that would silently make it a different id.
void check_id(ValidationErrors& errors, const std::string& field, std::string_view id, std::string_view what) {
    const auto before = errors.size();
    check_required_text(errors, field, id, max_id_length, what);
    if (errors.size() == before && (is_space(id.front()) || is_space(id.back()))) {
        add(errors, "surrounding_whitespace", field,
            field + " is " + quote(id) + ": an id must not start or end with a space");
    }
}

void check_uuid(ValidationErrors& errors, const std::string& field, std::string_view id) {
    if (!is_uuid(id)) {
        add(errors, "not_uuid", field,
            field + " is " + (id.empty() ? std::string("empty") : quote(id)) +
                ", not a UUID (8-4-4-4-12 hexadecimal digits, e.g. 0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d)");
    }
}

// Revision 1 has base 0; every later revision names the one it replaces: revision = baseRevision + 1.
void check_revisions(ValidationErrors& errors, int revision, int base_revision) {
    if (revision < 1) {
        add(errors, "revision_too_small", "revision",
            "revision is " + std::to_string(revision) + ": the first revision of a record is 1");
    }
    if (base_revision < 0) {
        add(errors, "base_revision_negative", "baseRevision",
            "baseRevision is " + std::to_string(base_revision) + ": it must be 0 for a new record, or the revision "
                                                                  "being replaced");
    }
    if (revision >= 1 && base_revision >= 0 && static_cast<long long>(revision) != base_revision + 1LL) {
        add(errors, "revision_not_after_base", "revision",
            "revision is " + std::to_string(revision) + " but baseRevision is " + std::to_string(base_revision) +
                ": revision must be baseRevision + 1");
    }
}

// A time as RFC 3339 when a calendar can print it. Binary protobuf carries any 64-bit seconds (and wire::from_proto
// saturates what milliseconds cannot hold), far outside the years 0001-9999 that format_rfc3339 handles.
std::string describe_time(Timestamp t) {
    constexpr Timestamp first{std::chrono::milliseconds(-62'135'596'800'000)};  // 0001-01-01T00:00:00Z
    constexpr Timestamp last{std::chrono::milliseconds(253'402'300'799'999)};   // 9999-12-31T23:59:59.999Z
    if (t < first || t > last) return "a time outside years 0001 to 9999";
    return format_rfc3339(t);
}

// A record's time: set, not before the product could have recorded it, and not further ahead of the server's clock
// than a phone's clock can plausibly drift. Stored, a time outside years 0001-9999 could never be sent as JSON again.
void check_time(ValidationErrors& errors, const std::string& field, Timestamp t, Timestamp now) {
    if (t == Timestamp{}) {
        add(errors, "required", field, field + " is not set: the time of the record is required");
    } else if (t < earliest_record_time) {
        add(errors, "time_too_early", field,
            field + " is " + describe_time(t) + ", before " + format_rfc3339(earliest_record_time) +
                ": check the date and time of the device");
    } else if (t > now + max_clock_skew) {
        add(errors, "time_in_future", field,
            field + " is " + describe_time(t) + ", more than 24 hours after the server's time " +
                format_rfc3339(now) + ": check the date and time of the device");
    }
}

std::string describe_scale(const MasteryScale& scale) {
    if (scale.levels.empty()) return "(no levels)";
    const bool contiguous = scale.levels.back().level - scale.levels.front().level + 1 ==
                            static_cast<long long>(scale.levels.size());
    if (contiguous) {
        return std::to_string(scale.levels.front().level) + " to " + std::to_string(scale.levels.back().level);
    }
    std::string text;
    for (const auto& level : scale.levels) {
        if (!text.empty()) text += ", ";
        text += std::to_string(level.level);
    }
    return text;
}

void check_ratings(ValidationErrors& errors, const std::vector<Rating>& ratings, const ExperienceModel& model) {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        const Rating& rating = ratings[i];
        const std::string base = indexed("ratings", i);
        const std::string dimension_field = base + ".dimensionId";
        if (rating.dimension_id.empty()) {
            add(errors, "required", dimension_field, dimension_field + " is empty: the rated dimension is required");
        } else if (!model.find_dimension(rating.dimension_id)) {
            add(errors, "rating_dimension_unknown", dimension_field,
                dimension_field + " is " + quote(rating.dimension_id) + ", not a dimension of the experience model " +
                    quote(model.id) + " version " + std::to_string(model.version));
        } else if (!seen.insert(rating.dimension_id).second) {
            add(errors, "rating_dimension_duplicate", dimension_field,
                dimension_field + " is " + quote(rating.dimension_id) +
                    ", already rated in this observation: rate each dimension at most once");
        }
        if (!model.scale.contains(rating.level)) {
            const std::string level_field = base + ".level";
            add(errors, "rating_level_out_of_scale", level_field,
                level_field + " is " + std::to_string(rating.level) + ", outside the model's scale " +
                    describe_scale(model.scale));
        }
    }
}

// The length in bytes of the UTF-8 sequence starting at text[i]; 0 when no valid sequence starts there.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t point = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        extra = 1, point = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2, point = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3, point = lead & 0x07, minimum = 0x10000;
    } else {
        return 0;  // a continuation byte or 0xF8..0xFF where a character should start
    }
    if (i + extra >= text.size()) return 0;  // a sequence cut short by the end
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        point = (point << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points beyond Unicode.
    if (point < minimum || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return 0;
    return extra + 1;
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        const auto length = sequence_length(text, i);
        if (length == 0) return std::nullopt;
        i += length;
    }
    return count;
}

std::string sanitize_utf8(std::string_view text) {
    constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const auto length = sequence_length(text, i); length > 0) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out.append(replacement);
            ++i;
        }
    }
    return out;
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

ValidationErrors validate_observation(const Observation& observation, const ExperienceModel& model, Timestamp now) {
    ValidationErrors errors;
    check_uuid(errors, "id", observation.id);
    check_id(errors, "employeeId", observation.employee_id, "the observed employee's id");
    check_time(errors, "observedAt", observation.observed_at, now);
    check_revisions(errors, observation.revision, observation.base_revision);
    // A tombstone only says "this record is gone": it needs no rating, but any rating it carries must still be valid.
    if (!observation.deleted && observation.ratings.empty()) {
        add(errors, "ratings_required", "ratings",
            "ratings is empty: an observation rates at least one dimension of the experience model");
    }
    if (!over_bound(errors, "too_many_ratings", "ratings", observation.ratings.size(), max_ratings_per_observation,
                    "an observation rates each dimension of the experience model at most once")) {
        check_ratings(errors, observation.ratings, model);
    }
    check_text(errors, "comment", observation.comment, max_comment_length);
    check_text(errors, "coachingAction", observation.coaching_action, max_comment_length);
    return capped(std::move(errors));
}

ValidationErrors validate_activity(const CoachingActivity& activity, Timestamp now) {
    ValidationErrors errors;
    check_uuid(errors, "id", activity.id);
    if (activity.kind == ActivityKind::unspecified) {
        add(errors, "required", "kind", "kind is not set: choose ONE_TO_ONE, TEAM_BRIEFING or CHALLENGE");
    }
    check_time(errors, "occurredAt", activity.occurred_at, now);
    check_revisions(errors, activity.revision, activity.base_revision);
    if (!activity.deleted && activity.participant_ids.empty()) {
        add(errors, "participants_required", "participantIds",
            "participantIds is empty: a coaching activity names at least one participating employee");
    }
    std::unordered_set<std::string_view> seen;
    const bool too_many = over_bound(errors, "too_many_participants", "participantIds", activity.participant_ids.size(),
                                     max_participants_per_activity,
                                     "record a larger session as several activities, or as a team briefing");
    for (std::size_t i = 0; !too_many && i < activity.participant_ids.size(); ++i) {
        const std::string field = indexed("participantIds", i);
        const std::string& id = activity.participant_ids[i];
        const auto before = errors.size();
        check_id(errors, field, id, "the participant's employee id");
        if (errors.size() == before && !seen.insert(id).second) {
            add(errors, "participant_duplicate", field,
                field + " is " + quote(id) + ", already a participant: name each employee once");
        }
    }
    check_text(errors, "note", activity.note, max_note_length);
    return capped(std::move(errors));
}

ValidationErrors validate_model(const ExperienceModel& model) {
    ValidationErrors errors;
    check_id(errors, "id", model.id, "the model's id");
    if (model.version < 1) {
        add(errors, "version_too_small", "version",
            "version is " + std::to_string(model.version) + ": model versions start at 1");
    }
    check_required_text(errors, "name", model.name, max_name_length, "the model's name");

    const auto& levels = model.scale.levels;
    if (levels.size() < 2) {
        add(errors, "too_few_levels", "scale.levels",
            "scale.levels has " + std::to_string(levels.size()) + " level(s): a mastery scale needs at least 2");
    }
    const bool too_many_levels = over_bound(errors, "too_many_levels", "scale.levels", levels.size(),
                                            max_model_levels, "a mastery scale has a handful of levels");
    for (std::size_t i = 0; !too_many_levels && i < levels.size(); ++i) {
        const std::string base = indexed("scale.levels", i);
        if (levels[i].level < min_mastery_level || levels[i].level > max_mastery_level) {
            add(errors, "level_out_of_range", base + ".level",
                base + ".level is " + std::to_string(levels[i].level) + ": levels are whole numbers from " +
                    std::to_string(min_mastery_level) + " to " + std::to_string(max_mastery_level));
        }
        if (i > 0 && levels[i].level <= levels[i - 1].level) {
            add(errors, "levels_not_increasing", base + ".level",
                base + ".level is " + std::to_string(levels[i].level) + ", not greater than the previous level " +
                    std::to_string(levels[i - 1].level) + ": levels must be strictly increasing");
        }
        check_required_text(errors, base + ".label", levels[i].label, max_name_length, "a label for the level");
    }
    if (!model.scale.contains(model.scale.mastery_threshold)) {
        add(errors, "threshold_not_a_level", "scale.masteryThreshold",
            "scale.masteryThreshold is " + std::to_string(model.scale.mastery_threshold) +
                ", not one of the scale's levels " + describe_scale(model.scale));
    }

    if (model.dimensions.empty()) {
        add(errors, "dimensions_required", "dimensions", "dimensions is empty: a model has at least one dimension");
    }
    std::unordered_set<std::string_view> ids;
    std::unordered_set<std::string_view> names;
    const bool too_many_dimensions =
        over_bound(errors, "too_many_dimensions", "dimensions", model.dimensions.size(), max_model_dimensions,
                   "an experience model has a handful of dimensions that every employee can master");
    for (std::size_t i = 0; !too_many_dimensions && i < model.dimensions.size(); ++i) {
        const Dimension& dimension = model.dimensions[i];
        const std::string base = indexed("dimensions", i);
        auto before = errors.size();
        check_id(errors, base + ".id", dimension.id, "the dimension's id");
        if (errors.size() == before && !ids.insert(dimension.id).second) {
            add(errors, "dimension_id_duplicate", base + ".id",
                base + ".id is " + quote(dimension.id) + ", the id of an earlier dimension: ids must be unique");
        }
        before = errors.size();
        check_required_text(errors, base + ".name", dimension.name, max_name_length, "the dimension's name");
        if (errors.size() == before && !names.insert(dimension.name).second) {
            add(errors, "dimension_name_duplicate", base + ".name",
                base + ".name is " + quote(dimension.name) + ", the name of an earlier dimension: names must be unique");
        }
        check_text(errors, base + ".description", dimension.description, max_comment_length);
        if (over_bound(errors, "too_many_behaviours", base + ".behaviours", dimension.behaviours.size(),
                       max_behaviours_per_dimension, "describe a dimension with a few observable behaviours")) {
            continue;
        }
        for (std::size_t k = 0; k < dimension.behaviours.size(); ++k) {
            check_required_text(errors, indexed(base + ".behaviours", k), dimension.behaviours[k], max_comment_length,
                                "the behaviour's text");
        }
    }
    return errors;
}

ValidationErrors validate_unit(const Unit& unit) {
    ValidationErrors errors;
    check_id(errors, "id", unit.id, "the unit's id");
    if (!unit.parent_id.empty()) {
        const auto before = errors.size();
        check_id(errors, "parentId", unit.parent_id, "the parent unit's id");
        if (errors.size() == before && unit.parent_id == unit.id) {
            add(errors, "unit_parent_is_self", "parentId",
                "parentId is " + quote(unit.parent_id) + ", the unit's own id: a unit cannot be its own parent");
        }
    }
    check_required_text(errors, "name", unit.name, max_name_length, "the unit's name");
    return errors;
}

ValidationErrors validate_employee(const Employee& employee) {
    ValidationErrors errors;
    check_id(errors, "id", employee.id, "the employee's id");
    check_id(errors, "unitId", employee.unit_id, "the employee's current unit");
    check_required_text(errors, "displayName", employee.display_name, max_name_length, "the employee's name");
    check_text(errors, "jobTitle", employee.job_title, max_name_length);
    return errors;
}

ValidationErrors validate_user(const User& user) {
    ValidationErrors errors;
    // The id is optional: a new user gets one from the server.
    if (!user.id.empty()) check_id(errors, "id", user.id, "the user's id");
    const auto before = errors.size();
    check_id(errors, "username", user.username, "a username to sign in with");
    if (errors.size() == before &&
        std::any_of(user.username.begin(), user.username.end(),
                    [](char c) { return is_space(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
        add(errors, "username_invalid", "username",
            "username is " + quote(user.username) + ": a username contains no spaces or control characters");
    }
    check_required_text(errors, "displayName", user.display_name, max_name_length, "the user's name");
    if (user.role == Role::unspecified) {
        add(errors, "required", "role", "role is not set: choose MANAGER, DIRECTOR, HQ or ADMIN");
    }
    // Managers observe, and directors read, the employees of their units: without a unit they could do nothing.
    if ((user.role == Role::manager || user.role == Role::director) && user.unit_ids.empty()) {
        add(errors, "units_required", "unitIds",
            "unitIds is empty: a " + std::string(to_string(user.role)) + " is assigned to at least one unit");
    }
    std::unordered_set<std::string_view> seen;
    const bool too_many = over_bound(errors, "too_many_units", "unitIds", user.unit_ids.size(), max_units_per_user,
                                     "assign the user to the units above them instead (a region covers its stores)");
    for (std::size_t i = 0; !too_many && i < user.unit_ids.size(); ++i) {
        const std::string field = indexed("unitIds", i);
        const auto count = errors.size();
        check_id(errors, field, user.unit_ids[i], "the unit's id");
        if (errors.size() == count && !seen.insert(user.unit_ids[i]).second) {
            add(errors, "unit_assignment_duplicate", field,
                field + " is " + quote(user.unit_ids[i]) + ", already listed: name each unit once");
        }
    }
    return capped(std::move(errors));
}

ValidationErrors validate_kpi(const KpiValue& kpi) {
    ValidationErrors errors;
    check_id(errors, "unitId", kpi.unit_id, "the unit the value belongs to");
    if (kpi.period.empty()) {
        add(errors, "required", "period", "period is empty: a month YYYY-MM or an ISO week YYYY-Www is required");
    } else if (!parse_period(kpi.period)) {
        add(errors, "period_invalid", "period",
            "period is " + quote(kpi.period) +
                ", neither a month YYYY-MM nor an ISO week YYYY-Www (week 53 only in years that have one)");
    }
    check_id(errors, "metric", kpi.metric, "the metric's name");
    if (!std::isfinite(kpi.value)) {
        add(errors, "value_not_finite", "value", "value is not a finite number");
    }
    return errors;
}

ValidationErrors validate_settings(const OrganizationSettings& settings) {
    ValidationErrors errors;
    if (settings.min_group_size < 1) {
        add(errors, "min_group_size_too_small", "minGroupSize",
            "minGroupSize is " + std::to_string(settings.min_group_size) + ": it must be at least 1");
    }
    if (settings.due_after_days < 1) {
        add(errors, "due_after_days_too_small", "dueAfterDays",
            "dueAfterDays is " + std::to_string(settings.due_after_days) + ": it must be at least 1 day");
    }
    return errors;
}

ValidationErrors validate_device_id(std::string_view device_id) {
    constexpr std::size_t max_device_id_length = 128;
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '~' || c == ':' || c == '-';
    };
    ValidationErrors errors;
    if (device_id.empty() || device_id.size() > max_device_id_length ||
        !std::all_of(device_id.begin(), device_id.end(), allowed)) {
        add(errors, "device_id_invalid", "deviceId",
            "deviceId is " + (device_id.empty() ? std::string("empty") : quote(device_id)) + ": a device id is 1 to " +
                std::to_string(max_device_id_length) +
                " letters, digits or . _ ~ : - (a UUID made on the device is a good choice)");
    }
    return errors;
}

ValidationErrors validate_record_id(std::string_view id) {
    ValidationErrors errors;
    check_uuid(errors, "id", id);
    return errors;
}

}  // namespace floorwalk
