#include "support/body_mutator.h"

#include <array>
#include <climits>
#include <cstring>

namespace floorwalk::faults {
namespace {

constexpr long long seconds_of_year_1 = -62135596800LL;      // 0001-01-01T00:00:00Z, the JSON mapping's first
constexpr long long seconds_after_year_9999 = 253402300800LL;  // 10000-01-01T00:00:00Z, just past its last

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += unit;
    return out;
}

}  // namespace

BodyMutator::BodyMutator(MutatorContext context, std::uint32_t seed) : context_(std::move(context)), random_(seed) {}

std::size_t BodyMutator::below(std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
}

int BodyMutator::hostile_int() {
    constexpr std::array values = {0, -1, 1, 2, 3, 4, 5, 7, 100, INT_MAX, INT_MIN, INT_MAX - 1, -2};
    return values[below(values.size())];
}

std::string BodyMutator::hostile_id() {
    switch (below(10)) {
        case 0: return "";
        case 1: return "not-a-uuid";
        case 2: return "0192F3A4-5B6C-7D8E-9FA0-B1C2D3E4F5A6";  // upper case
        case 3: return " 0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6";
        case 4: return "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6\n";
        case 5: return repeat("a", 200);
        case 6: return "00000000-0000-0000-0000-000000000000";
        case 7: return "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a";  // one digit short
        case 8: return "'; DROP TABLE observations; --";
        default: return "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5g6";
    }
}

std::string BodyMutator::hostile_text() {
    switch (below(12)) {
        case 0: return "";
        case 1: return repeat("\u00e9", 2000);  // exactly the limit, in 2-byte code points
        case 2: return repeat("\u00e9", 2001);
        case 3: return repeat("\U0001F600", 2000);  // 2,000 code points of 4 bytes
        case 4: return repeat("\U0001F600", 2001);
        case 5: return std::string("nul \0 inside", 12);
        case 6: return "\u202Eright-to-left override\u202C and a zero width\u200B space";
        case 7: return repeat("x", 100'000);
        case 8: return "\"quotes\" \\backslash\\ </script><script>alert(1)</script>";
        case 9: return "control \x01\x02\x1b[31m characters";
        case 10: return "bad utf-8 \xff\xfe \xc0\xaf \xed\xa0\x80";  // the binary encoder keeps these bytes
        default: return "%00%s%n{0}${x}";
    }
}

std::string BodyMutator::hostile_employee() {
    switch (below(6)) {
        case 0: return "";
        case 1: return "nobody";
        case 2: return " " + context_.employees_in_scope.front();
        case 3: return context_.employees_elsewhere.empty() ? "elsewhere"
                                                            : context_.employees_elsewhere[below(
                                                                  context_.employees_elsewhere.size())];
        case 4: return repeat("e", 5000);
        default: return context_.employees_in_scope[below(context_.employees_in_scope.size())];
    }
}

void BodyMutator::mutate_time(google::protobuf::Timestamp& time, bool binary, std::string& log) {
    const auto choice = below(binary ? 12 : 8);
    log += " time#" + std::to_string(choice);
    switch (choice) {
        case 0: time.Clear(); break;
        case 1: time.set_seconds(0); time.set_nanos(0); break;
        case 2: time.set_seconds(-1); break;
        case 3: time.set_seconds(seconds_of_year_1); break;
        case 4: time.set_seconds(seconds_after_year_9999 - 1); break;
        case 5: time.set_seconds(context_.now_seconds + 25 * 3600); break;
        case 6: time.set_seconds(context_.now_seconds + 23 * 3600); break;
        case 7: time.set_nanos(999'999'999); break;
        // Only the binary encoding can carry these.
        case 8: time.set_seconds(seconds_of_year_1 - 1); break;
        case 9: time.set_seconds(LLONG_MAX); break;
        case 10: time.set_seconds(LLONG_MIN); break;
        default: time.set_nanos(below(2) ? -1 : INT_MAX); break;
    }
}

void BodyMutator::mutate_observation(pb::Observation& observation, bool binary, std::string& log) {
    const auto choice = below(16);
    log += " obs#" + std::to_string(choice);
    switch (choice) {
        case 0: observation.set_id(hostile_id()); break;
        case 1: observation.set_employee_id(hostile_employee()); break;
        case 2: mutate_time(*observation.mutable_observed_at(), binary, log); break;
        case 3: observation.set_model_version(hostile_int()); break;
        case 4: observation.clear_ratings(); break;
        case 5:
            if (observation.ratings_size() > 0) *observation.add_ratings() = observation.ratings(0);
            break;
        case 6:
            if (observation.ratings_size() > 0) observation.mutable_ratings(0)->set_level(hostile_int());
            break;
        case 7:
            if (observation.ratings_size() > 0)
                observation.mutable_ratings(0)->set_dimension_id(below(2) ? "unknown" : "");
            break;
        case 8:
            for (int i = 0; i < 1000; ++i) {
                auto* rating = observation.add_ratings();
                rating->set_dimension_id(context_.dimensions[below(context_.dimensions.size())]);
                rating->set_level(1);
            }
            break;
        case 9: observation.set_comment(hostile_text()); break;
        case 10: observation.set_coaching_action(hostile_text()); break;
        case 11: observation.set_revision(hostile_int()); break;
        case 12: observation.set_base_revision(hostile_int()); break;
        case 13: observation.set_deleted(true); break;
        case 14: observation.set_observer_id("someone-else"); break;
        default: mutate_time(*observation.mutable_received_at(), binary, log); break;
    }
}

void BodyMutator::mutate_activity(pb::CoachingActivity& activity, bool binary, std::string& log) {
    const auto choice = below(11);
    log += " act#" + std::to_string(choice);
    switch (choice) {
        case 0: activity.set_id(hostile_id()); break;
        case 1: activity.set_kind(static_cast<pb::ActivityKind>(below(2) ? 0 : 99)); break;
        case 2: mutate_time(*activity.mutable_occurred_at(), binary, log); break;
        case 3: activity.clear_participant_ids(); break;
        case 4:
            if (activity.participant_ids_size() > 0) activity.add_participant_ids(activity.participant_ids(0));
            break;
        case 5: activity.add_participant_ids(hostile_employee()); break;
        case 6:
            for (int i = 0; i < 1000; ++i) activity.add_participant_ids("p" + std::to_string(i));
            break;
        case 7: activity.set_note(hostile_text()); break;
        case 8: activity.set_revision(hostile_int()); break;
        case 9: activity.set_base_revision(hostile_int()); break;
        default: activity.set_deleted(true); break;
    }
}

void BodyMutator::mutate_fields(pb::PushRequest& request, bool binary, std::string& log) {
    const auto mutations = 1 + below(3);
    for (std::size_t m = 0; m < mutations; ++m) {
        const auto target = below(10);
        if (target == 0) {
            const auto choice = below(4);
            log += " device#" + std::to_string(choice);
            if (choice == 0) request.set_device_id("");
            if (choice == 1) request.set_device_id(context_.other_device_ids.front());
            if (choice == 2) request.set_device_id(hostile_text());
            if (choice == 3) request.set_device_id(hostile_id());
        } else if (target == 1 && request.observations_size() > 0) {
            // The same id twice in one batch, with the same or other content.
            log += " same-id";
            auto copy = request.observations(0);
            if (below(2)) copy.set_comment(copy.comment() + " (changed)");
            *request.add_observations() = copy;
        } else if (target == 2) {
            // Past the record cap: 501 records, small ones, so that the count and not the size is what is wrong.
            log += " 501-records";
            while (request.observations_size() + request.activities_size() < 501) {
                auto* activity = request.add_activities();
                activity->set_id("0192f3a4-5b6c-7d8e-9fa0-" + std::to_string(100'000'000'000LL + request.activities_size()));
                activity->set_kind(pb::ONE_TO_ONE);
                activity->add_participant_ids(context_.employees_in_scope.front());
                activity->set_revision(1);
            }
        } else if (target < 7 && request.observations_size() > 0) {
            mutate_observation(*request.mutable_observations(static_cast<int>(below(request.observations_size()))),
                               binary, log);
        } else if (request.activities_size() > 0) {
            mutate_activity(*request.mutable_activities(static_cast<int>(below(request.activities_size()))), binary,
                            log);
        }
    }
}

std::string BodyMutator::damage_json(std::string text, std::string& log) {
    static constexpr std::array<std::string_view, 22> tokens = {
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e400", "-0", "\\u0000", "\\ud800", "\xff",
        "\xc0\xaf", "99999999999999999999", "\"zz\":1,", "NaN", "Infinity", "[[[[[[[[", "\"\\", "1.5"};
    const auto damage = below(7);
    log += " json#" + std::to_string(damage);
    if (text.empty()) return text;
    const auto at = below(text.size());
    switch (damage) {
        case 0: text[at] = static_cast<char>(random_() & 0xFF); break;
        case 1: text.erase(at, 1 + below(16)); break;
        case 2: text.insert(at, tokens[below(tokens.size())]); break;
        case 3: text.resize(at); break;
        case 4: text.insert(at, text.substr(at, 1 + below(64))); break;
        case 5: {
            // A number literal replaced by another kind of value.
            const auto digit = text.find_first_of("0123456789", at);
            if (digit == std::string::npos) break;
            auto end = text.find_first_not_of("0123456789", digit);
            if (end == std::string::npos) end = text.size();
            static constexpr std::array<std::string_view, 10> values = {
                "\"7\"", "null", "[]", "{}", "1e400", "-9223372036854775809", "4294967296", "0.5", "true", "-0"};
            text.replace(digit, end - digit, values[below(values.size())]);
            break;
        }
        default: {
            // A string value replaced by another kind of value.
            const auto colon = text.find(":\"", at);
            if (colon == std::string::npos) break;
            const auto close = text.find('"', colon + 2);
            if (close == std::string::npos) break;
            static constexpr std::array<std::string_view, 6> values = {"123", "null", "[\"a\"]", "{\"a\":1}",
                                                                        "\"\xff\"", "\"\\ud83d\""};
            text.replace(colon + 1, close - colon, values[below(values.size())]);
            break;
        }
    }
    return text;
}

std::string BodyMutator::damage_binary(std::string bytes, std::string& log) {
    const auto damage = below(7);
    log += " bin#" + std::to_string(damage);
    if (bytes.empty()) return bytes;
    const auto at = below(bytes.size());
    switch (damage) {
        case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << below(8))); break;
        case 1: bytes[at] = static_cast<char>(std::array<unsigned char, 4>{0x00, 0xFF, 0x80, 0x7F}[below(4)]); break;
        case 2: bytes.resize(at); break;
        case 3: {
            std::string noise(1 + below(16), '\0');
            for (auto& c : noise) c = static_cast<char>(random_() & 0xFF);
            bytes.insert(at, noise);
            break;
        }
        case 4: bytes += std::string("\xa0\x06\x01", 3); break;  // unknown field 100, varint 1
        case 5: bytes.insert(at, bytes.substr(at, 1 + below(64))); break;
        default:
            // A length prefix claiming more than there is.
            bytes += std::string("\x12\xff\xff\xff\xff\x07", 6);
            break;
    }
    return bytes;
}

}  // namespace floorwalk::faults
