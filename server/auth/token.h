// Bearer tokens: 256 random bits shown to the client once, stored only as a SHA-256 digest.
#pragma once

#include <string>
#include <string_view>

namespace floorwalk::server {

inline constexpr std::size_t token_bytes = 32;
// Length of a token's text: 32 bytes in unpadded base64url.
inline constexpr std::size_t token_text_length = 43;

// A fresh token from libsodium's CSPRNG, as unpadded base64url text.
[[nodiscard]] std::string generate_token();
// True when `text` has the shape of a token this server issues (43 base64url characters).
[[nodiscard]] bool is_token_shaped(std::string_view text);
// Lower-case hex SHA-256 of the token text: what the store keeps and looks tokens up by.
[[nodiscard]] std::string hash_token(std::string_view token);

}  // namespace floorwalk::server
