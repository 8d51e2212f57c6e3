// Pull cursors: opaque to clients, base64url of "<database id>:<sequence>". The database id makes a cursor from
// another database (a restored backup, another server) recognisable, so the client is told to start over instead
// of silently missing records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace floorwalk::server {

struct CursorPosition {
    std::string database_id;
    std::int64_t seq = 0;
};

[[nodiscard]] std::string encode_cursor(const CursorPosition& position);
// nullopt when the text is not a cursor this code made (bad base64url, no separator, bad or negative number).
[[nodiscard]] std::optional<CursorPosition> decode_cursor(std::string_view cursor);

}  // namespace floorwalk::server
