// Every validation rule: a record that breaks exactly one rule gets exactly one error with the rule's code and field
// (and a message that starts with the field), and the record just inside the rule passes.
#include "floorwalk/time.h"
#include "floorwalk/validation.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace floorwalk;
using namespace std::chrono;

namespace {

const std::string uuid = "0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d";

Timestamp now() { return *parse_rfc3339("2026-03-01T12:00:00Z"); }

ExperienceModel model() {
    ExperienceModel m;
    m.id = "cx";
    m.version = 2;
    m.name = "Customer experience";
    m.scale.levels = {{1, "Discovering"}, {2, "Practising"}, {3, "Mastering"}, {4, "Expert"}};
    m.scale.mastery_threshold = 3;
    m.dimensions = {{"welcome", "Welcome", "Greets every customer", {"Smiles", "Makes eye contact"}},
                    {"advice", "Advice", "", {"Asks about the need"}},
                    {"closing", "Closing", "", {}}};
    return m;
}

Observation observation() {
    Observation o;
    o.id = uuid;
    o.employee_id = "E001";
    o.observer_id = "u-manager";
    o.observed_at = now() - hours{2};
    o.model_version = 2;
    o.ratings = {{"welcome", 3}, {"advice", 2}};
    o.comment = "Good welcome";
    o.coaching_action = "Ask an open question";
    return o;
}

CoachingActivity activity() {
    CoachingActivity a;
    a.id = uuid;
    a.manager_id = "u-manager";
    a.kind = ActivityKind::team_briefing;
    a.occurred_at = now() - hours{1};
    a.participant_ids = {"E001", "E002"};
    a.note = "Morning briefing";
    return a;
}

Unit unit() { return {"S01", "R01", "Lyon Part-Dieu", UnitKind::store}; }
Employee employee() { return {"E001", "S01", "Alice Martin", "Sales advisor", true}; }
User user() { return {"u1", "alice.m", "Alice Martin", Role::manager, {"S01", "S02"}}; }
KpiValue kpi() { return {"S01", "2026-03", "nps", 42.5}; }

std::string repeat(std::string_view piece, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) text += piece;
    return text;
}

// Exactly one error, with this code and field, whose message names the field first.
void expect_single(const ValidationErrors& errors, const std::string& code, const std::string& field) {
    std::string got;
    for (const auto& e : errors) got += "\n  got " + e.code + " on " + e.field + ": " + e.message;
    INFO("expected " << code << " on " << field << got);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == code);
    CHECK(errors[0].field == field);
    CHECK(errors[0].message.rfind(field, 0) == 0);
    CHECK(errors[0].message.size() > field.size() + 10);
}

void expect_valid(const ValidationErrors& errors) {
    std::string got;
    for (const auto& e : errors) got += "\n  unexpected " + e.code + " on " + e.field + ": " + e.message;
    INFO(got);
    CHECK(errors.empty());
}

}  // namespace

TEST_CASE("utf8_length counts code points and rejects malformed UTF-8") {
    CHECK(utf8_length("") == 0u);
    CHECK(utf8_length("abc") == 3u);
    CHECK(utf8_length("\xC3\xA9t\xC3\xA9") == 3u);        // "été"
    CHECK(utf8_length("\xE2\x82\xAC") == 1u);             // euro sign
    CHECK(utf8_length("\xF0\x9F\x98\x80") == 1u);         // an emoji, 4 bytes
    CHECK(utf8_length("\xF4\x8F\xBF\xBF") == 1u);         // U+10FFFF, the last code point
    CHECK_FALSE(utf8_length("\xC3\x28"));                 // continuation byte missing
    CHECK_FALSE(utf8_length("\x80"));                     // lone continuation byte
    CHECK_FALSE(utf8_length("\xC0\xAF"));                 // overlong "/"
    CHECK_FALSE(utf8_length("\xE0\x80\xAF"));             // overlong, 3 bytes
    CHECK_FALSE(utf8_length("\xED\xA0\x80"));             // UTF-16 surrogate
    CHECK_FALSE(utf8_length("\xF4\x90\x80\x80"));         // above U+10FFFF
    CHECK_FALSE(utf8_length("\xE2\x82"));                 // cut short by the end
    CHECK_FALSE(utf8_length("\xFF"));
}

TEST_CASE("sanitize_utf8 keeps valid text and replaces each byte that starts no valid sequence with U+FFFD") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(sanitize_utf8("") == "");
    CHECK(sanitize_utf8("plain") == "plain");
    CHECK(sanitize_utf8("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80") == "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(sanitize_utf8(std::string("nul \0 kept", 11)) == std::string("nul \0 kept", 11));
    CHECK(sanitize_utf8("/api/v1/\xFF") == "/api/v1/" + fffd);
    CHECK(sanitize_utf8("\xC0\xAF") == fffd + fffd);                      // overlong "/"
    CHECK(sanitize_utf8("a\xED\xA0\x80" "b") == "a" + fffd + fffd + fffd + "b");  // surrogate
    CHECK(sanitize_utf8("cut \xE2\x82") == "cut " + fffd + fffd);        // cut short by the end
    CHECK(sanitize_utf8("\xE2\x82\xAC\x80") == "\xE2\x82\xAC" + fffd);  // euro sign, then a stray byte
    for (const std::string text : {"\xFF\xFE", "\xC0\xAF", "x\xF4\x90\x80\x80y", "\xC3\x28"})
        CHECK(utf8_length(sanitize_utf8(text)));
}

TEST_CASE("is_uuid accepts the canonical 8-4-4-4-12 form of any version") {
    CHECK(is_uuid(uuid));
    CHECK(is_uuid("0190B6A2-4C1E-7D3F-9A2B-5E6F7A8B9C0D"));
    CHECK(is_uuid("123e4567-e89b-42d3-a456-426614174000"));  // version 4
    CHECK(is_uuid("00000000-0000-0000-0000-000000000000"));
    CHECK_FALSE(is_uuid(""));
    CHECK_FALSE(is_uuid("0190b6a24c1e7d3f9a2b5e6f7a8b9c0d"));       // no hyphens
    CHECK_FALSE(is_uuid("{0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d}"));  // braces
    CHECK_FALSE(is_uuid("0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0"));     // one digit short
    CHECK_FALSE(is_uuid("0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0dd"));
    CHECK_FALSE(is_uuid("0190b6a2-4c1e-7d3f-9a2b_5e6f7a8b9c0d"));
    CHECK_FALSE(is_uuid("0190b6g2-4c1e-7d3f-9a2b-5e6f7a8b9c0d"));   // g is no hex digit
    CHECK_FALSE(is_uuid("0190b6a-24c1e-7d3f-9a2b-5e6f7a8b9c0d"));   // hyphen misplaced
}

TEST_CASE("observation: a complete observation is valid") {
    expect_valid(validate_observation(observation(), model(), now()));
}

TEST_CASE("observation: id is a UUID") {
    auto o = observation();
    SECTION("not a UUID") {
        o.id = "obs-1";
        expect_single(validate_observation(o, model(), now()), "not_uuid", "id");
    }
    SECTION("empty") {
        o.id = "";
        expect_single(validate_observation(o, model(), now()), "not_uuid", "id");
    }
    SECTION("upper-case hex passes") {
        o.id = "0190B6A2-4C1E-7D3F-9A2B-5E6F7A8B9C0D";
        expect_valid(validate_observation(o, model(), now()));
    }
}

TEST_CASE("observation: employeeId is required and has no surrounding spaces") {
    auto o = observation();
    SECTION("empty") {
        o.employee_id = "";
        expect_single(validate_observation(o, model(), now()), "required", "employeeId");
    }
    SECTION("trailing space") {
        o.employee_id = "E001 ";
        expect_single(validate_observation(o, model(), now()), "surrounding_whitespace", "employeeId");
    }
    SECTION("too long") {
        o.employee_id = std::string(max_id_length + 1, 'e');
        expect_single(validate_observation(o, model(), now()), "text_too_long", "employeeId");
    }
    SECTION("inner space and the longest id pass") {
        o.employee_id = "E 001";
        expect_valid(validate_observation(o, model(), now()));
        o.employee_id = std::string(max_id_length, 'e');
        expect_valid(validate_observation(o, model(), now()));
    }
}

TEST_CASE("observation: observedAt is set and at most 24 h after now") {
    auto o = observation();
    SECTION("unset") {
        o.observed_at = Timestamp{};
        expect_single(validate_observation(o, model(), now()), "required", "observedAt");
    }
    SECTION("one millisecond beyond 24 h") {
        o.observed_at = now() + hours{24} + milliseconds{1};
        const auto errors = validate_observation(o, model(), now());
        expect_single(errors, "time_in_future", "observedAt");
        CHECK(errors[0].message.find("2026-03-02T12:00:00.001Z") != std::string::npos);
    }
    SECTION("exactly 24 h ahead passes, and so does the past") {
        o.observed_at = now() + hours{24};
        expect_valid(validate_observation(o, model(), now()));
        o.observed_at = now() - days{400};
        expect_valid(validate_observation(o, model(), now()));
    }
}

TEST_CASE("observedAt and occurredAt lie in years 2000 and later, whatever the wire could carry") {
    const auto earliest = *parse_rfc3339("2000-01-01T00:00:00Z");
    SECTION("the first millisecond of 2000 is accepted") {
        auto o = observation();
        o.observed_at = earliest;
        expect_valid(validate_observation(o, model(), now()));
        auto a = activity();
        a.occurred_at = earliest;
        expect_valid(validate_activity(a, now()));
    }
    SECTION("earlier times, down to what no calendar can print, are refused naming the field") {
        for (const Timestamp t : {earliest - milliseconds{1}, *parse_rfc3339("1970-01-01T00:00:01Z"),
                                  *parse_rfc3339("0001-01-01T00:00:00Z") - milliseconds{1},
                                  Timestamp{milliseconds{std::numeric_limits<long long>::min()}}}) {
            auto o = observation();
            o.observed_at = t;
            const auto errors = validate_observation(o, model(), now());
            expect_single(errors, "time_too_early", "observedAt");
            CHECK(errors[0].message.find("2000-01-01") != std::string::npos);
            CHECK(utf8_length(errors[0].message));
            auto a = activity();
            a.occurred_at = t;
            expect_single(validate_activity(a, now()), "time_too_early", "occurredAt");
        }
    }
    SECTION("the latest instant a timestamp can hold is in the future, and the message stays readable") {
        auto o = observation();
        o.observed_at = Timestamp{milliseconds{std::numeric_limits<long long>::max()}};
        const auto errors = validate_observation(o, model(), now());
        expect_single(errors, "time_in_future", "observedAt");
        CHECK(errors[0].message.find("years 0001 to 9999") != std::string::npos);
    }
}

TEST_CASE("observation: revision numbering") {
    auto o = observation();
    SECTION("revision below 1") {
        o.revision = 0;
        o.base_revision = 0;
        expect_single(validate_observation(o, model(), now()), "revision_too_small", "revision");
    }
    SECTION("negative base revision") {
        o.revision = 1;
        o.base_revision = -1;
        expect_single(validate_observation(o, model(), now()), "base_revision_negative", "baseRevision");
    }
    SECTION("revision is not base + 1") {
        o.revision = 3;
        o.base_revision = 1;
        expect_single(validate_observation(o, model(), now()), "revision_not_after_base", "revision");
        o.revision = 2;
        o.base_revision = 2;
        expect_single(validate_observation(o, model(), now()), "revision_not_after_base", "revision");
    }
    SECTION("an edit names the revision it replaces") {
        o.revision = 3;
        o.base_revision = 2;
        expect_valid(validate_observation(o, model(), now()));
    }
}

TEST_CASE("observation: at least one rating, except for a tombstone") {
    auto o = observation();
    o.ratings.clear();
    expect_single(validate_observation(o, model(), now()), "ratings_required", "ratings");
    o.deleted = true;
    o.revision = 2;
    o.base_revision = 1;
    expect_valid(validate_observation(o, model(), now()));
}

TEST_CASE("observation: each rating's dimension exists in the model, once") {
    auto o = observation();
    SECTION("unknown dimension") {
        o.ratings[1].dimension_id = "smile";
        const auto errors = validate_observation(o, model(), now());
        expect_single(errors, "rating_dimension_unknown", "ratings[1].dimensionId");
        CHECK(errors[0].message.find("\"smile\"") != std::string::npos);
    }
    SECTION("empty dimension") {
        o.ratings[0].dimension_id = "";
        expect_single(validate_observation(o, model(), now()), "required", "ratings[0].dimensionId");
    }
    SECTION("duplicate dimension") {
        o.ratings = {{"welcome", 3}, {"advice", 2}, {"welcome", 4}};
        expect_single(validate_observation(o, model(), now()), "rating_dimension_duplicate", "ratings[2].dimensionId");
    }
    SECTION("every dimension once passes") {
        o.ratings = {{"closing", 1}, {"welcome", 3}, {"advice", 2}};
        expect_valid(validate_observation(o, model(), now()));
    }
}

TEST_CASE("observation: each level lies within the model's scale") {
    auto o = observation();
    SECTION("above the scale") {
        o.ratings[1].level = 7;
        const auto errors = validate_observation(o, model(), now());
        expect_single(errors, "rating_level_out_of_scale", "ratings[1].level");
        CHECK(errors[0].message == "ratings[1].level is 7, outside the model's scale 1 to 4");
    }
    SECTION("below the scale") {
        o.ratings[0].level = 0;
        expect_single(validate_observation(o, model(), now()), "rating_level_out_of_scale", "ratings[0].level");
    }
    SECTION("a gap in a non-contiguous scale") {
        auto m = model();
        m.scale.levels = {{1, "Low"}, {2, "Mid"}, {4, "High"}};
        o.ratings[0].level = 3;
        const auto errors = validate_observation(o, m, now());
        expect_single(errors, "rating_level_out_of_scale", "ratings[0].level");
        CHECK(errors[0].message.find("1, 2, 4") != std::string::npos);
    }
    SECTION("both ends of the scale pass") {
        o.ratings = {{"welcome", 1}, {"advice", 4}};
        expect_valid(validate_observation(o, model(), now()));
    }
    SECTION("a tombstone's ratings are still checked") {
        o.deleted = true;
        o.ratings[0].level = 9;
        expect_single(validate_observation(o, model(), now()), "rating_level_out_of_scale", "ratings[0].level");
    }
}

TEST_CASE("observation: comment and coachingAction are valid UTF-8 of at most 2000 code points") {
    auto o = observation();
    const std::string e_acute = "\xC3\xA9";  // 2 bytes, 1 code point
    SECTION("2000 code points pass, even at 4000 bytes") {
        o.comment = repeat(e_acute, max_comment_length);
        o.coaching_action = repeat(e_acute, max_comment_length);
        expect_valid(validate_observation(o, model(), now()));
    }
    SECTION("comment of 2001 code points") {
        o.comment = repeat(e_acute, max_comment_length + 1);
        const auto errors = validate_observation(o, model(), now());
        expect_single(errors, "text_too_long", "comment");
        CHECK(errors[0].message.find("2001") != std::string::npos);
        CHECK(errors[0].message.find("2000") != std::string::npos);
    }
    SECTION("coachingAction of 2001 code points") {
        o.coaching_action = std::string(max_comment_length + 1, 'a');
        expect_single(validate_observation(o, model(), now()), "text_too_long", "coachingAction");
    }
    SECTION("invalid UTF-8 comment") {
        o.comment = "caf\xC3";
        expect_single(validate_observation(o, model(), now()), "invalid_utf8", "comment");
    }
    SECTION("invalid UTF-8 coachingAction") {
        o.coaching_action = "\xED\xA0\x80";
        expect_single(validate_observation(o, model(), now()), "invalid_utf8", "coachingAction");
    }
}

TEST_CASE("observation: several broken rules give one error each") {
    Observation o;
    o.revision = 1;
    o.ratings = {{"welcome", 9}};
    const auto errors = validate_observation(o, model(), now());
    std::vector<std::string> codes;
    for (const auto& e : errors) codes.push_back(e.code + "@" + e.field);
    CHECK(codes == std::vector<std::string>{"not_uuid@id", "required@employeeId", "required@observedAt",
                                            "rating_level_out_of_scale@ratings[0].level"});
}

TEST_CASE("activity: a complete activity is valid") { expect_valid(validate_activity(activity(), now())); }

TEST_CASE("activity: id, kind and occurredAt") {
    auto a = activity();
    SECTION("id not a UUID") {
        a.id = "act-1";
        expect_single(validate_activity(a, now()), "not_uuid", "id");
    }
    SECTION("kind unset") {
        a.kind = ActivityKind::unspecified;
        expect_single(validate_activity(a, now()), "required", "kind");
    }
    SECTION("occurredAt unset") {
        a.occurred_at = Timestamp{};
        expect_single(validate_activity(a, now()), "required", "occurredAt");
    }
    SECTION("occurredAt beyond 24 h") {
        a.occurred_at = now() + hours{24} + milliseconds{1};
        expect_single(validate_activity(a, now()), "time_in_future", "occurredAt");
    }
    SECTION("each kind and exactly 24 h ahead pass") {
        a.occurred_at = now() + hours{24};
        for (const auto kind : {ActivityKind::one_to_one, ActivityKind::team_briefing, ActivityKind::challenge}) {
            a.kind = kind;
            expect_valid(validate_activity(a, now()));
        }
    }
}

TEST_CASE("activity: revision numbering") {
    auto a = activity();
    SECTION("revision below 1") {
        a.revision = 0;
        expect_single(validate_activity(a, now()), "revision_too_small", "revision");
    }
    SECTION("negative base") {
        a.base_revision = -1;
        expect_single(validate_activity(a, now()), "base_revision_negative", "baseRevision");
    }
    SECTION("not base + 1") {
        a.revision = 4;
        a.base_revision = 1;
        expect_single(validate_activity(a, now()), "revision_not_after_base", "revision");
    }
    SECTION("an edit") {
        a.revision = 2;
        a.base_revision = 1;
        expect_valid(validate_activity(a, now()));
    }
}

TEST_CASE("activity: participants") {
    auto a = activity();
    SECTION("none") {
        a.participant_ids.clear();
        expect_single(validate_activity(a, now()), "participants_required", "participantIds");
    }
    SECTION("none in a tombstone passes") {
        a.participant_ids.clear();
        a.deleted = true;
        a.revision = 2;
        a.base_revision = 1;
        expect_valid(validate_activity(a, now()));
    }
    SECTION("duplicate") {
        a.participant_ids = {"E001", "E002", "E001"};
        expect_single(validate_activity(a, now()), "participant_duplicate", "participantIds[2]");
    }
    SECTION("empty id") {
        a.participant_ids = {"", "E002"};
        expect_single(validate_activity(a, now()), "required", "participantIds[0]");
    }
    SECTION("id with a leading space") {
        a.participant_ids = {"E001", " E003"};
        expect_single(validate_activity(a, now()), "surrounding_whitespace", "participantIds[1]");
    }
    SECTION("one participant passes") {
        a.participant_ids = {"E001"};
        expect_valid(validate_activity(a, now()));
    }
}

TEST_CASE("activity: note") {
    auto a = activity();
    a.note = std::string(max_note_length, 'n');
    expect_valid(validate_activity(a, now()));
    a.note += "n";
    expect_single(validate_activity(a, now()), "text_too_long", "note");
    a.note = "\xC0\xAF";
    expect_single(validate_activity(a, now()), "invalid_utf8", "note");
}

TEST_CASE("model: a complete model is valid") { expect_valid(validate_model(model())); }

TEST_CASE("model: id, version and name") {
    auto m = model();
    SECTION("id empty") {
        m.id = "";
        expect_single(validate_model(m), "required", "id");
    }
    SECTION("id with a trailing space") {
        m.id = "cx ";
        expect_single(validate_model(m), "surrounding_whitespace", "id");
    }
    SECTION("version 0") {
        m.version = 0;
        expect_single(validate_model(m), "version_too_small", "version");
    }
    SECTION("name empty") {
        m.name = "";
        expect_single(validate_model(m), "required", "name");
    }
    SECTION("name too long") {
        m.name = std::string(max_name_length + 1, 'x');
        expect_single(validate_model(m), "text_too_long", "name");
        m.name.pop_back();
        expect_valid(validate_model(m));
    }
    SECTION("version 1") {
        m.version = 1;
        expect_valid(validate_model(m));
    }
}

TEST_CASE("model: the scale has >= 2 strictly increasing labelled levels and a threshold that is one of them") {
    auto m = model();
    SECTION("a single level") {
        m.scale.levels = {{1, "Only"}};
        m.scale.mastery_threshold = 1;
        expect_single(validate_model(m), "too_few_levels", "scale.levels");
    }
    SECTION("two levels pass") {
        m.scale.levels = {{0, "Not yet"}, {1, "Yes"}};
        m.scale.mastery_threshold = 1;
        expect_valid(validate_model(m));
    }
    SECTION("a level equal to the previous one") {
        m.scale.levels = {{1, "A"}, {2, "B"}, {2, "C"}, {3, "D"}};
        expect_single(validate_model(m), "levels_not_increasing", "scale.levels[2].level");
    }
    SECTION("a decreasing level") {
        m.scale.levels = {{1, "A"}, {3, "B"}, {2, "C"}};
        expect_single(validate_model(m), "levels_not_increasing", "scale.levels[2].level");
    }
    SECTION("an empty label") {
        m.scale.levels[1].label = "";
        expect_single(validate_model(m), "required", "scale.levels[1].label");
    }
    SECTION("a threshold between levels") {
        m.scale.levels = {{1, "A"}, {2, "B"}, {4, "D"}};
        m.scale.mastery_threshold = 3;
        expect_single(validate_model(m), "threshold_not_a_level", "scale.masteryThreshold");
    }
    SECTION("a threshold above the scale") {
        m.scale.mastery_threshold = 5;
        expect_single(validate_model(m), "threshold_not_a_level", "scale.masteryThreshold");
    }
    SECTION("the threshold at either end passes") {
        m.scale.mastery_threshold = 4;
        expect_valid(validate_model(m));
        m.scale.mastery_threshold = 1;
        expect_valid(validate_model(m));
    }
}

TEST_CASE("model: dimensions have unique non-empty ids and names") {
    auto m = model();
    SECTION("no dimension") {
        m.dimensions.clear();
        expect_single(validate_model(m), "dimensions_required", "dimensions");
    }
    SECTION("empty id") {
        m.dimensions[1].id = "";
        expect_single(validate_model(m), "required", "dimensions[1].id");
    }
    SECTION("duplicate id") {
        m.dimensions[2].id = "welcome";
        expect_single(validate_model(m), "dimension_id_duplicate", "dimensions[2].id");
    }
    SECTION("empty name") {
        m.dimensions[0].name = "";
        expect_single(validate_model(m), "required", "dimensions[0].name");
    }
    SECTION("duplicate name") {
        m.dimensions[2].name = "Advice";
        expect_single(validate_model(m), "dimension_name_duplicate", "dimensions[2].name");
    }
    SECTION("empty behaviour") {
        m.dimensions[0].behaviours[1] = "";
        expect_single(validate_model(m), "required", "dimensions[0].behaviours[1]");
    }
    SECTION("description too long") {
        m.dimensions[1].description = std::string(max_comment_length + 1, 'd');
        expect_single(validate_model(m), "text_too_long", "dimensions[1].description");
    }
    SECTION("one dimension without description or behaviours passes") {
        m.dimensions = {{"welcome", "Welcome", "", {}}};
        expect_valid(validate_model(m));
    }
}

TEST_CASE("unit: id and name required, a parent that is not itself") {
    auto u = unit();
    expect_valid(validate_unit(u));
    SECTION("the root has an empty parentId") {
        u.parent_id = "";
        expect_valid(validate_unit(u));
    }
    SECTION("empty id") {
        u.id = "";
        expect_single(validate_unit(u), "required", "id");
    }
    SECTION("id too long") {
        u.id = std::string(max_id_length + 1, 's');
        expect_single(validate_unit(u), "text_too_long", "id");
        u.id.pop_back();
        expect_valid(validate_unit(u));
    }
    SECTION("parent is itself") {
        u.parent_id = "S01";
        expect_single(validate_unit(u), "unit_parent_is_self", "parentId");
    }
    SECTION("parent with a space") {
        u.parent_id = " R01";
        expect_single(validate_unit(u), "surrounding_whitespace", "parentId");
    }
    SECTION("empty name") {
        u.name = "";
        expect_single(validate_unit(u), "required", "name");
    }
    SECTION("name with invalid UTF-8") {
        u.name = "Lyon \xE9";  // Latin-1, not UTF-8
        expect_single(validate_unit(u), "invalid_utf8", "name");
    }
}

TEST_CASE("employee: id, unitId and displayName required") {
    auto e = employee();
    expect_valid(validate_employee(e));
    SECTION("inactive and without job title passes") {
        e.active = false;
        e.job_title = "";
        expect_valid(validate_employee(e));
    }
    SECTION("empty id") {
        e.id = "";
        expect_single(validate_employee(e), "required", "id");
    }
    SECTION("empty unitId") {
        e.unit_id = "";
        expect_single(validate_employee(e), "required", "unitId");
    }
    SECTION("unitId with a tab") {
        e.unit_id = "S01\t";
        expect_single(validate_employee(e), "surrounding_whitespace", "unitId");
    }
    SECTION("empty displayName") {
        e.display_name = "";
        expect_single(validate_employee(e), "required", "displayName");
    }
    SECTION("jobTitle too long") {
        e.job_title = std::string(max_name_length + 1, 'j');
        expect_single(validate_employee(e), "text_too_long", "jobTitle");
    }
}

TEST_CASE("user: username, name, role, units") {
    auto u = user();
    expect_valid(validate_user(u));
    SECTION("a new user has no id yet") {
        u.id = "";
        expect_valid(validate_user(u));
    }
    SECTION("id with a space") {
        u.id = "u1 ";
        expect_single(validate_user(u), "surrounding_whitespace", "id");
    }
    SECTION("empty username") {
        u.username = "";
        expect_single(validate_user(u), "required", "username");
    }
    SECTION("username with an inner space") {
        u.username = "alice m";
        expect_single(validate_user(u), "username_invalid", "username");
    }
    SECTION("an e-mail address is a valid username") {
        u.username = "alice.martin@example.com";
        expect_valid(validate_user(u));
    }
    SECTION("empty displayName") {
        u.display_name = "";
        expect_single(validate_user(u), "required", "displayName");
    }
    SECTION("role unset") {
        u.role = Role::unspecified;
        expect_single(validate_user(u), "required", "role");
    }
    SECTION("a manager without units") {
        u.unit_ids.clear();
        expect_single(validate_user(u), "units_required", "unitIds");
    }
    SECTION("a director without units") {
        u.role = Role::director;
        u.unit_ids.clear();
        expect_single(validate_user(u), "units_required", "unitIds");
    }
    SECTION("HQ and admin read the whole organisation without units") {
        u.unit_ids.clear();
        u.role = Role::hq;
        expect_valid(validate_user(u));
        u.role = Role::admin;
        expect_valid(validate_user(u));
    }
    SECTION("duplicate unit") {
        u.unit_ids = {"S01", "S02", "S01"};
        expect_single(validate_user(u), "unit_assignment_duplicate", "unitIds[2]");
    }
    SECTION("empty unit") {
        u.unit_ids = {"S01", ""};
        expect_single(validate_user(u), "required", "unitIds[1]");
    }
}

TEST_CASE("kpi: unit, period, metric and a finite value") {
    auto k = kpi();
    expect_valid(validate_kpi(k));
    SECTION("ISO week periods, week 53 where it exists") {
        k.period = "2020-W53";
        expect_valid(validate_kpi(k));
        k.period = "2021-W53";
        expect_single(validate_kpi(k), "period_invalid", "period");
    }
    SECTION("empty unitId") {
        k.unit_id = "";
        expect_single(validate_kpi(k), "required", "unitId");
    }
    SECTION("empty period") {
        k.period = "";
        expect_single(validate_kpi(k), "required", "period");
    }
    SECTION("a date is no period") {
        k.period = "2026-03-01";
        expect_single(validate_kpi(k), "period_invalid", "period");
    }
    SECTION("empty metric") {
        k.metric = "";
        expect_single(validate_kpi(k), "required", "metric");
    }
    SECTION("metric with a space") {
        k.metric = "nps ";
        expect_single(validate_kpi(k), "surrounding_whitespace", "metric");
    }
    SECTION("NaN and infinity") {
        k.value = std::numeric_limits<double>::quiet_NaN();
        expect_single(validate_kpi(k), "value_not_finite", "value");
        k.value = -std::numeric_limits<double>::infinity();
        expect_single(validate_kpi(k), "value_not_finite", "value");
    }
    SECTION("zero and negative values pass") {
        k.value = 0;
        expect_valid(validate_kpi(k));
        k.value = -12.5;
        expect_valid(validate_kpi(k));
    }
}

TEST_CASE("settings: minGroupSize and dueAfterDays are at least 1") {
    OrganizationSettings s;
    expect_valid(validate_settings(s));
    SECTION("minGroupSize 0") {
        s.min_group_size = 0;
        expect_single(validate_settings(s), "min_group_size_too_small", "minGroupSize");
    }
    SECTION("dueAfterDays 0") {
        s.due_after_days = 0;
        expect_single(validate_settings(s), "due_after_days_too_small", "dueAfterDays");
    }
    SECTION("1 and 1 pass") {
        s.min_group_size = 1;
        s.due_after_days = 1;
        expect_valid(validate_settings(s));
    }
}

TEST_CASE("messages never echo invalid UTF-8 and shorten long values") {
    auto o = observation();
    o.ratings[0].dimension_id = "bad\xFF";
    const auto errors = validate_observation(o, model(), now());
    expect_single(errors, "rating_dimension_unknown", "ratings[0].dimensionId");
    CHECK(utf8_length(errors[0].message));
    o.ratings[0].dimension_id = std::string(100, 'x');
    const auto long_errors = validate_observation(o, model(), now());
    REQUIRE(long_errors.size() == 1);
    CHECK(long_errors[0].message.find(std::string(41, 'x')) == std::string::npos);
    CHECK(long_errors[0].message.find(std::string(40, 'x') + "...") != std::string::npos);
}

TEST_CASE("every repeated field of a record is bounded, and its rule speaks once") {
    SECTION("ratings: each dimension at most once, so at most max_ratings_per_observation") {
        auto o = observation();
        o.ratings.assign(max_ratings_per_observation + 1, {"welcome", 9});
        const auto errors = validate_observation(o, model(), now());
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "too_many_ratings");
        CHECK(errors[0].field == "ratings");
    }
    SECTION("participants") {
        auto a = activity();
        a.participant_ids.clear();
        for (std::size_t i = 0; i <= max_participants_per_activity; ++i) a.participant_ids.push_back("E" + std::to_string(i));
        const auto errors = validate_activity(a, now());
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "too_many_participants");
        a.participant_ids.pop_back();
        CHECK(validate_activity(a, now()).empty());
    }
    SECTION("a user's units") {
        auto u = user();
        u.unit_ids.clear();
        for (std::size_t i = 0; i <= max_units_per_user; ++i) u.unit_ids.push_back("S" + std::to_string(i));
        const auto errors = validate_user(u);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "too_many_units");
    }
    SECTION("a model's dimensions, levels and behaviours, and the range of level values") {
        auto m = model();
        m.dimensions.clear();
        for (std::size_t i = 0; i <= max_model_dimensions; ++i)
            m.dimensions.push_back({"d" + std::to_string(i), "D" + std::to_string(i), "", {}});
        CHECK(validate_model(m).at(0).code == "too_many_dimensions");

        m = model();
        m.dimensions[0].behaviours.assign(max_behaviours_per_dimension + 1, "Smiles");
        CHECK(validate_model(m).at(0).code == "too_many_behaviours");

        m = model();
        m.scale.levels.clear();
        for (int i = 0; i <= static_cast<int>(max_model_levels); ++i) m.scale.levels.push_back({i, "L"});
        CHECK(validate_model(m).at(0).code == "too_many_levels");

        m = model();
        m.scale.levels.back().level = max_mastery_level + 1;
        const auto errors = validate_model(m);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "level_out_of_range");
    }
    SECTION("a record with many faults lists at most max_errors_per_record, then counts the rest") {
        auto o = observation();
        o.ratings.clear();
        for (std::size_t i = 0; i < max_ratings_per_observation; ++i) o.ratings.push_back({"nope" + std::to_string(i), 99});
        const auto errors = validate_observation(o, model(), now());
        REQUIRE(errors.size() == max_errors_per_record + 1);
        CHECK(errors.back().code == "too_many_errors");
        CHECK(errors.back().message.find(std::to_string(2 * max_ratings_per_observation - max_errors_per_record)) !=
              std::string::npos);
    }
}
