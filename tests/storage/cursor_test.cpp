// Pull cursors: opaque, round-trip exactly, and reject anything they did not produce.
#include "storage/cursor.h"

#include <catch2/catch.hpp>

using floorwalk::server::CursorPosition;
using floorwalk::server::decode_cursor;
using floorwalk::server::encode_cursor;

TEST_CASE("a cursor round-trips its database id and sequence", "[cursor]") {
    for (const std::int64_t seq :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{42}, std::int64_t{9007199254740993}}) {
        const CursorPosition position{"0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d", seq};
        const auto text = encode_cursor(position);
        INFO(text);
        // URL-safe and opaque: no padding, no characters that need escaping in a query string.
        CHECK(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              std::string::npos);
        CHECK(text.find("0190b6a2") == std::string::npos);
        const auto decoded = decode_cursor(text);
        REQUIRE(decoded);
        CHECK(decoded->database_id == position.database_id);
        CHECK(decoded->seq == seq);
    }
}

TEST_CASE("malformed cursors do not decode", "[cursor]") {
    const auto valid = encode_cursor({"db", 17});
    const std::vector<std::string> bad = {
        "",
        "====",
        "a",     // one character cannot hold a byte
        "ab+/",  // base64, not base64url
        encode_cursor({"db", 17}).substr(0, valid.size() - 1) + "!",
        "ZGI",                               // "db": no separator
        "OjE3",                              // ":17": no database id
        "ZGI6",                              // "db:": no number
        "ZGI6LTE",                           // "db:-1"
        "ZGI6MTd4",                          // "db:17x"
        "ZGI6OTk5OTk5OTk5OTk5OTk5OTk5OTk5",  // beyond 64 bits
        std::string(300, 'A'),
    };
    for (const auto& text : bad) {
        INFO(text);
        CHECK_FALSE(decode_cursor(text));
    }
    CHECK(decode_cursor(valid));
}
