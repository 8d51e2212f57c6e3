#include "storage/cursor.h"

#include <array>
#include <charconv>

namespace floorwalk::server {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t max_cursor_length = 256;  // far above any real cursor; bounds the work on garbage input

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3F];
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::array<int, 256> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        values[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = values[static_cast<unsigned char>(c)];
        if (value < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    // Leftover bits must be padding zeros, or the text was not produced by the encoder.
    if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

}  // namespace

std::string encode_cursor(const CursorPosition& position) {
    return base64url_encode(position.database_id + ":" + std::to_string(position.seq));
}

std::optional<CursorPosition> decode_cursor(std::string_view cursor) {
    if (cursor.empty() || cursor.size() > max_cursor_length) return std::nullopt;
    const auto text = base64url_decode(cursor);
    if (!text) return std::nullopt;
    const auto colon = text->rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    CursorPosition position;
    position.database_id = text->substr(0, colon);
    const char* first = text->data() + colon + 1;
    const char* last = text->data() + text->size();
    if (first == last) return std::nullopt;
    const auto [end, error] = std::from_chars(first, last, position.seq);
    if (error != std::errc() || end != last || position.seq < 0) return std::nullopt;
    return position;
}

}  // namespace floorwalk::server
