// UUIDv7 (RFC 9562): time-ordered ids made on the phone, so records sort by creation without coordination.
#pragma once

#include "floorwalk/domain.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace floorwalk {

// Builds a UUIDv7 from a time and 10 random bytes (the caller supplies randomness: tests stay deterministic).
[[nodiscard]] std::string make_uuid_v7(Timestamp now, const std::array<std::uint8_t, 10>& random_bytes);
// Same, drawing the random bytes from std::random_device.
[[nodiscard]] std::string make_uuid_v7(Timestamp now);
// The one stored form of a record id: UUIDs are case-insensitive (RFC 9562), so hex digits are lower-cased, and
// "0190B6A2-..." and "0190b6a2-..." name the same record. Text that is not a UUID is returned unchanged (validation
// refuses it).
[[nodiscard]] std::string canonical_uuid(std::string_view id);

}  // namespace floorwalk
