// Pull cursors (server/storage/cursor.h): GET /api/v1/sync/pull?cursor=... hands decode_cursor whatever a client
// sends. Every input must be refused or decoded without a fault, and a decoded position must survive a round trip,
// so a cursor the server hands out always leads back to the same place.
#include "storage/cursor.h"
#include "support/fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace floorwalk;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto position = server::decode_cursor(text);
    if (!position) return 0;
    fuzz::check(position->seq >= 0, "a decoded cursor's sequence is never negative", text);
    fuzz::check(!position->database_id.empty(), "a decoded cursor names its database", text);
    const auto again = server::decode_cursor(server::encode_cursor(*position));
    fuzz::check(again && again->database_id == position->database_id && again->seq == position->seq,
                "decode(encode(p)) == p for every decoded position p", text);
    return 0;
}
