// Password hashing with argon2id (libsodium's crypto_pwhash_str): salted, memory-hard, self-describing strings.
#pragma once

#include <string>
#include <string_view>

namespace floorwalk::server {

// Shortest password an administrator may set (imports, admin init, reset-password).
inline constexpr std::size_t min_password_length = 8;

// Cost of one hash. `interactive` is libsodium's recommendation for logins; `fast` exists for tests and demo
// generation on small machines, and is still argon2id.
enum class HashCost { interactive, fast };

// The encoded "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string. Throws std::runtime_error when out of memory.
[[nodiscard]] std::string hash_password(std::string_view password, HashCost cost = HashCost::interactive);
// Constant-time check of a password against a stored hash; false for an empty or malformed hash.
[[nodiscard]] bool verify_password(std::string_view password, const std::string& stored_hash);

}  // namespace floorwalk::server
