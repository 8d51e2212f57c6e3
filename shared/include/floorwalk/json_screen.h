// A strict, bounded screening of a JSON text before protobuf's JSON parser reads it. Protobuf's parser is lenient
// (single quotes, bare member names), lets the last of two same-named members win, and recurses on nesting; a body
// that two readers could understand differently, or that costs far more to parse than its size suggests, is
// refused here instead. One linear pass with an explicit stack: no recursion, memory bounded by the limits.
// Plain C++ (no protobuf), so the rules are tested on their own.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace floorwalk::json {

struct ScreenLimits {
    std::size_t max_depth = 32;          // arrays and objects nested in one another (the top-level object is 1)
    std::size_t max_members = 1'000;     // members of one object (the widest API message has about 20 fields)
    std::size_t max_elements = 100'000;  // elements of one array (a 4 MiB import holds fewer rows)
    // Compare member names as protobuf's JSON parser resolves them, which takes a field's proto name and its JSON
    // name alike: "employee_id" then "employeeId" is the same field given twice.
    bool fold_protobuf_names = true;
};

enum class ScreenFailure { syntax, too_deep, too_many_members, too_many_elements, duplicate_member };

struct ScreenRefusal {
    ScreenFailure failure = ScreenFailure::syntax;
    // A sentence naming what is wrong and where: the path ("observations[0].ratings") or, for a syntax error, the
    // line and column; for a limit, the limit.
    std::string message;
};

// nullopt when `text` is exactly one RFC 8259 JSON value (UTF-8, no byte order mark, surrounding whitespace only),
// nested and sized within `limits`, whose every object names each member once. Names are compared after
// unescaping ("employee\u0049d" is "employeeId"), and folded as protobuf reads them when the limits ask.
[[nodiscard]] std::optional<ScreenRefusal> screen(std::string_view text, const ScreenLimits& limits = {});

// "employee_id" -> "employeeId": the name protobuf's JSON parser resolves a member name to (protobuf's ToJsonName:
// every '_' is dropped and the letter after it is upper-cased).
[[nodiscard]] std::string protobuf_json_name(std::string_view name);

}  // namespace floorwalk::json
