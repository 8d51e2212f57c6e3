#include "auth/login_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace floorwalk::server {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// "<length>:<text>": parts joined this way can never run into each other, whatever bytes they hold.
std::string part(std::string_view text) { return std::to_string(text.size()) + ':' + std::string(text); }

}  // namespace

std::string account_key(const std::optional<std::string>& organization_id, std::string_view typed_organization,
                        std::string_view username) {
    if (organization_id) return "account\n" + part(*organization_id) + part(username);
    return "no-organization\n" + part(lower(typed_organization)) + part(username);
}

std::string address_key(std::string_view remote_address) {
    std::string text(remote_address);
    // "[2001:db8::1]" as some layers print it, and a zone index ("fe80::1%eth0") that names no other machine.
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (const auto zone = text.find('%'); zone != std::string::npos) text.resize(zone);

    std::array<unsigned char, 16> bytes{};
    if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
        char out[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, bytes.data(), out, sizeof out);
        return std::string("address\n") + out;
    }
    if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) {
        constexpr std::array<unsigned char, 12> v4_mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        char out[INET6_ADDRSTRLEN];
        if (std::equal(v4_mapped.begin(), v4_mapped.end(), bytes.begin())) {
            inet_ntop(AF_INET, bytes.data() + 12, out, sizeof out);
            return std::string("address\n") + out;
        }
        // One customer's network is a /64: the addresses inside it are not separate attackers.
        std::fill(bytes.begin() + 8, bytes.end(), 0);
        inet_ntop(AF_INET6, bytes.data(), out, sizeof out);
        return std::string("address\n") + out + "/64";
    }
    return "address\nunknown";
}

LoginThrottle::LoginThrottle(Store& store, ThrottleConfig config) : store_(store), config_(config) {}

std::optional<std::chrono::seconds> LoginThrottle::admit(const ThrottleKeys& keys, Timestamp now) {
    const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(config_.window);
    std::optional<std::chrono::seconds> wait;
    const auto check = [&](const std::string& key, int limit) {
        const auto counted = store_.count_login_attempt(key, now, window);
        if (counted.attempts <= limit) return;
        // Round up so that a client waiting exactly Retry-After seconds is let through.
        const auto left = std::chrono::ceil<std::chrono::seconds>(counted.window_start + window - now);
        wait = std::max(wait.value_or(std::chrono::seconds(1)), std::max(left, std::chrono::seconds(1)));
    };
    check(keys.account, config_.max_attempts_per_account);
    check(keys.address, config_.max_attempts_per_address);
    return wait;
}

void LoginThrottle::succeeded(const ThrottleKeys& keys) {
    store_.discount_login_attempt(keys.account, true);
    store_.discount_login_attempt(keys.address, false);
}

}  // namespace floorwalk::server
