// UUIDv7 (RFC 9562, section 5.7): 48-bit Unix time in milliseconds, version 7, 12 random bits, variant 10,
// 62 random bits.
#include "floorwalk/uuid.h"

#include "floorwalk/validation.h"

#include <algorithm>
#include <random>

namespace floorwalk {

std::string make_uuid_v7(Timestamp now, const std::array<std::uint8_t, 10>& random_bytes) {
    // Times before 1970 cannot be encoded; they become 0 rather than wrapping to the far future.
    const auto millis = static_cast<std::uint64_t>(std::max<std::int64_t>(0, now.time_since_epoch().count()));
    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
    bytes[6] = static_cast<std::uint8_t>(0x70 | (random_bytes[0] & 0x0F));  // version 7 + rand_a (high 4 bits)
    bytes[7] = random_bytes[1];                                           // rand_a (low 8 bits)
    bytes[8] = static_cast<std::uint8_t>(0x80 | (random_bytes[2] & 0x3F));  // variant 10 + rand_b (6 bits)
    for (int i = 9; i < 16; ++i) bytes[i] = random_bytes[i - 6];            // rand_b (56 bits)

    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
        text.push_back(hex[bytes[i] >> 4]);
        text.push_back(hex[bytes[i] & 0x0F]);
    }
    return text;
}

std::string make_uuid_v7(Timestamp now) {
    // random_device is the OS's entropy source on Linux; ids made on several phones must not collide.
    std::random_device device;
    std::array<std::uint8_t, 10> random_bytes{};
    for (std::size_t i = 0; i < random_bytes.size(); i += 2) {
        const auto value = device();
        random_bytes[i] = static_cast<std::uint8_t>(value);
        random_bytes[i + 1] = static_cast<std::uint8_t>(value >> 8);
    }
    return make_uuid_v7(now, random_bytes);
}

std::string canonical_uuid(std::string_view id) {
    std::string canonical(id);
    if (!is_uuid(id)) return canonical;
    for (char& c : canonical) {
        if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    }
    return canonical;
}

}  // namespace floorwalk
