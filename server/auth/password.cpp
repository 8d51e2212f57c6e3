#include "auth/password.h"

#include <sodium.h>

#include <stdexcept>

namespace floorwalk::server {
namespace {

void ensure_sodium() {
    // sodium_init is idempotent and thread-safe; it picks the fastest implementations for this CPU.
    static const int status = sodium_init();
    if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string hash_password(std::string_view password, HashCost cost) {
    ensure_sodium();
    const auto ops = cost == HashCost::interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
    const auto mem = cost == HashCost::interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : 8u * 1024u * 1024u;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
    ensure_sodium();
    if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace floorwalk::server
