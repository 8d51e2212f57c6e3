#include "auth/token.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace floorwalk::server {
namespace {

void ensure_sodium() {
    static const int status = sodium_init();
    if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

bool is_base64url_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string generate_token() {
    ensure_sodium();
    std::array<unsigned char, token_bytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(token_bytes, variant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
    text.resize(token_text_length);  // drop the terminating NUL libsodium writes
    sodium_memzero(bytes.data(), bytes.size());
    return text;
}

bool is_token_shaped(std::string_view text) {
    return text.size() == token_text_length && std::ranges::all_of(text, is_base64url_char);
}

std::string hash_token(std::string_view token) {
    ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

}  // namespace floorwalk::server
