// The JSON screen in front of protobuf's parser: strict RFC 8259, bounded nesting and sizes, and no member given
// twice in one object, whatever its spelling.
#include "floorwalk/json_screen.h"

#include <catch2/catch.hpp>

using namespace floorwalk;
using Catch::Matchers::Contains;
using json::ScreenFailure;

namespace {

void require_accepted(std::string_view text) {
    const auto refusal = json::screen(text);
    INFO(std::string(text.substr(0, 200)) << "\n  -> " << (refusal ? refusal->message : std::string("accepted")));
    REQUIRE_FALSE(refusal);
}

json::ScreenRefusal refused(std::string_view text, ScreenFailure failure, const json::ScreenLimits& limits = {}) {
    const auto refusal = json::screen(text, limits);
    INFO(std::string(text.substr(0, 200)));
    REQUIRE(refusal);
    INFO(refusal->message);
    CHECK(refusal->failure == failure);
    CHECK_FALSE(refusal->message.empty());
    return *refusal;
}

std::string nested(std::size_t depth, std::string_view open, std::string_view close, std::string_view inner = "1") {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i) text += open;
    text += inner;
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text;
}

std::string object_with_members(std::size_t count) {
    std::string text = "{";
    for (std::size_t i = 0; i < count; ++i) text += (i ? ",\"m" : "\"m") + std::to_string(i) + "\":0";
    return text + "}";
}

std::string array_with_elements(std::size_t count) {
    std::string text = "[";
    for (std::size_t i = 0; i < count; ++i) text += i ? ",0" : "0";
    return text + "]";
}

}  // namespace

TEST_CASE("well-formed JSON of every kind passes") {
    for (const char* text : {
             "{}", "[]", "0", "-0", "12.5e-3", "1E+9", "true", "false", "null", "\"\"", " \t\r\n{ } \n",
             R"({"a":[1,{"b":null},"x",[]],"c":{"d":{"e":-1.0}}})",
             R"({"text":"quote \" backslash \\ slash \/ \b\f\n\r\t nul \u0000 e \u00e9 emoji \ud83d\ude00"})",
             "{\"raw\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}",
             R"([{"id":"a"},{"id":"a"}])",            // the same name in two objects
             R"({"id":"a","inner":{"id":"b"}})",      // the same name at two depths
             R"({"a":1,"A":2,"ab":3,"a1":4})",        // names that differ for protobuf too
         })
        require_accepted(text);
}

TEST_CASE("what protobuf's lenient parser would take, or read differently, is refused as a syntax error") {
    for (const char* text : {
             "", "   ", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "[,1]", "{\"a\" 1}", "{\"a\":}", "{,}",
             "{\"a\":NaN}", "[Infinity]", "[-Infinity]", "[01]", "[1.]", "[.5]", "[1e]", "[+1]", "[0x10]",
             "{\"a\":1}{}", "{}x", "[true false]", "[tru]", "[nul]", "{\"a\":1 // comment\n}", "{\"a\":1 /* c */}",
             "\xef\xbb\xbf{}",                  // a byte order mark
             "{\"a\":\"tab\there\"}",            // a raw control character
             "{\"a\":\"unclosed}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "\"\\",
             "[", "{", "{\"a\"", "{\"a\":", "{\"a\":[", "[1,", "}", "]",
         })
        refused(text, ScreenFailure::syntax);
}

TEST_CASE("strings must be UTF-8 and \\u escapes whole code points") {
    for (const std::string& text : {
             std::string("[\"\xff\"]"), std::string("[\"\xc0\xaf\"]"),        // a stray byte, an overlong '/'
             std::string("[\"\xed\xa0\x80\"]"),                                // a surrogate encoded in UTF-8
             std::string("[\"\xe2\x82\"]"), std::string("[\"\xf4\x90\x80\x80\"]"),  // cut short, past U+10FFFF
             std::string("[\"\\ud800\"]"), std::string("[\"\\udc00\\ud800\"]"), std::string("[\"\\ud800x\"]"),
             std::string("[\"\\ud800\\u0041\"]"),
             std::string("{\"\xff\":1}"),                                       // in a member name too
         })
        refused(text, ScreenFailure::syntax);
}

TEST_CASE("syntax errors say where reading stopped") {
    const auto refusal = refused("{\n  \"a\": 1,\n  \"b\" 2\n}", ScreenFailure::syntax);
    CHECK_THAT(refusal.message, Contains("line 3, column 7"));
    CHECK_THAT(refusal.message, Contains("':'"));
}

TEST_CASE("nesting is bounded, and deep nesting is refused without recursion") {
    require_accepted(nested(32, "[", "]"));
    require_accepted(nested(31, "{\"a\":", "}", "[]"));
    auto refusal = refused(nested(33, "[", "]"), ScreenFailure::too_deep);
    CHECK_THAT(refusal.message, Contains("the limit is 32 levels"));
    CHECK_THAT(refusal.message, Contains("[0][0][0]"));
    refusal = refused(nested(33, "{\"a\":", "}"), ScreenFailure::too_deep);
    CHECK_THAT(refusal.message, Contains("a.a.a"));
    // Far beyond any stack: arrays, objects, both mixed, closed or not.
    refused(nested(10'000, "[", "]"), ScreenFailure::too_deep);
    refused(nested(10'000, "{\"a\":", "}"), ScreenFailure::too_deep);
    refused(nested(10'000, "{\"a\":[", "]}"), ScreenFailure::too_deep);
    refused(std::string(1'000'000, '['), ScreenFailure::too_deep);
    json::ScreenLimits four;
    four.max_depth = 4;
    CHECK_FALSE(json::screen(nested(4, "[", "]"), four));
    refusal = refused(R"({"observations":[{"ratings":[{"level":1}]}]})", ScreenFailure::too_deep, four);
    CHECK_THAT(refusal.message, Contains("observations[0].ratings[0]"));
    CHECK_THAT(refusal.message, Contains("the limit is 4 levels"));
}

TEST_CASE("members of an object and elements of an array are bounded") {
    require_accepted(object_with_members(1'000));
    auto refusal = refused(object_with_members(1'001), ScreenFailure::too_many_members);
    CHECK_THAT(refusal.message, Contains("the limit is 1000"));
    CHECK_THAT(refusal.message, Contains("top-level object"));
    refusal = refused("{\"employees\":[{}," + object_with_members(1'001) + "]}", ScreenFailure::too_many_members);
    CHECK_THAT(refusal.message, Contains("in employees[1]"));

    require_accepted(array_with_elements(100'000));
    refusal = refused("{\"observations\":" + array_with_elements(100'001) + "}", ScreenFailure::too_many_elements);
    CHECK_THAT(refusal.message, Contains("the limit is 100000"));
    CHECK_THAT(refusal.message, Contains("in observations"));
    json::ScreenLimits small;
    small.max_members = 2;
    small.max_elements = 3;
    CHECK_FALSE(json::screen(R"({"a":[1,2,3],"b":{}})", small));
    refused(R"({"a":[1,2,3,4]})", ScreenFailure::too_many_elements, small);
    refused(R"({"a":1,"b":2,"c":3})", ScreenFailure::too_many_members, small);
}

TEST_CASE("a member given twice is refused at any depth, naming it and where it is") {
    auto refusal = refused(R"({"deviceId":"a","deviceId":"b"})", ScreenFailure::duplicate_member);
    CHECK_THAT(refusal.message, Contains("\"deviceId\" appears twice in the top-level object"));

    refusal = refused(R"({"observations":[{"id":"1"},{"id":"2","employeeId":"A","comment":"","employeeId":"B"}]})",
                      ScreenFailure::duplicate_member);
    CHECK_THAT(refusal.message, Contains("\"employeeId\" appears twice in observations[1]"));

    refusal = refused(R"({"observations":[{"ratings":[{"dimensionId":"x","level":1,"level":4}]}]})",
                      ScreenFailure::duplicate_member);
    CHECK_THAT(refusal.message, Contains("\"level\" appears twice in observations[0].ratings[0]"));

    refusal = refused(R"({"a b":{"x":1,"x":2}})", ScreenFailure::duplicate_member);
    CHECK_THAT(refusal.message, Contains(R"(in ["a b"])"));

    // An object closed and another opened: its names start afresh, while the outer object's still count.
    refused(R"({"a":{"b":1},"c":{"b":2},"a":3})", ScreenFailure::duplicate_member);
}

TEST_CASE("names are compared after unescaping") {
    for (const char* text : {
             R"({"employeeId":"A","employee\u0049d":"B"})",
             R"({"employee\u0049d":"A","employeeId":"B"})",
             R"({"\u0065mployeeId":"A","employeeI\u0064":"B"})",
             R"({"a\/b":1,"a/b":2})",
             "{\"caf\\u00e9\":1,\"caf\xc3\xa9\":2}",
             "{\"\\ud83d\\ude00\":1,\"\xf0\x9f\x98\x80\":2}",
             R"({"":1,"":2})",
         }) {
        const auto refusal = refused(text, ScreenFailure::duplicate_member);
        CHECK_THAT(refusal.message, Contains("appears twice"));
    }
}

TEST_CASE("a field's proto name and JSON name are the same member, as protobuf reads them") {
    auto refusal = refused(R"({"employeeId":"A","employee_id":"B"})", ScreenFailure::duplicate_member);
    CHECK_THAT(refusal.message, Contains("\"employeeId\" and \"employee_id\""));
    refused(R"({"participant_ids":["A"],"participantIds":["B"]})", ScreenFailure::duplicate_member);
    refused(R"({"base_revision":1,"baseRevision":2})", ScreenFailure::duplicate_member);
    json::ScreenLimits exact;
    exact.fold_protobuf_names = false;
    CHECK_FALSE(json::screen(R"({"employeeId":"A","employee_id":"B"})", exact));
    CHECK(json::screen(R"({"employeeId":"A","employeeId":"B"})", exact));
}

TEST_CASE("protobuf_json_name follows protobuf's ToJsonName") {
    CHECK(json::protobuf_json_name("employee_id") == "employeeId");
    CHECK(json::protobuf_json_name("employeeId") == "employeeId");
    CHECK(json::protobuf_json_name("min_group_size") == "minGroupSize");
    CHECK(json::protobuf_json_name("a__b") == "aB");
    CHECK(json::protobuf_json_name("trailing_") == "trailing");
    CHECK(json::protobuf_json_name("_x") == "X");
    CHECK(json::protobuf_json_name("x_1") == "x1");
}

TEST_CASE("long or unprintable member names are shown escaped and cut") {
    const std::string long_name(500, 'n');
    auto refusal = refused("{\"" + long_name + "\":1,\"" + long_name + "\":2}", ScreenFailure::duplicate_member);
    CHECK(refusal.message.size() < 200);
    CHECK_THAT(refusal.message, Contains("..."));
    refusal = refused(R"({"a\u0001\"b":1,"a\u0001\"b":2})", ScreenFailure::duplicate_member);
    CHECK_THAT(refusal.message, Contains(R"("a\u0001\"b")"));
}
