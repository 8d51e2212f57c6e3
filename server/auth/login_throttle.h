// Failed-login throttling: too many attempts for one account, or from one address, within a window answer 429
// until the window ends, so passwords cannot be guessed online.
//
// The counters live in the database (Store::count_login_attempt), so that every server process behind a load
// balancer counts the same attempts. An attempt is counted before the password is checked, in one atomic
// statement per key, so parallel attempts cannot overshoot; a sign-in that succeeds takes its attempt back.
//
// Keys. An account is the resolved organisation id and the username: "demo", "DEMO" and the organisation's id name
// one account, so spelling the organisation differently buys no fresh allowance. When no organisation matches, the
// key is the name as the server compares names (lower-case), so probing made-up organisations is counted too. An
// address is the IPv4 address, or the IPv6 /64 prefix (one customer's network); an unknown address is counted as
// one shared address, never skipped.
//
// Threading: every method may be called from any thread (the store serialises its writes).
#pragma once

#include "floorwalk/domain.h"
#include "storage/store.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace floorwalk::server {

struct ThrottleConfig {
    int max_attempts_per_account = 5;    // per organisation + username
    int max_attempts_per_address = 20;   // per address or /64: higher, since offices share one address
    std::chrono::seconds window = std::chrono::minutes(15);
};

// The keys one sign-in attempt is counted under.
struct ThrottleKeys {
    std::string account;
    std::string address;
};

// The account key of a resolved organisation, or of an organisation name that matched none.
[[nodiscard]] std::string account_key(const std::optional<std::string>& organization_id,
                                      std::string_view typed_organization, std::string_view username);
// The address key: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by /64, anything unreadable as "unknown".
[[nodiscard]] std::string address_key(std::string_view remote_address);

class LoginThrottle {
public:
    LoginThrottle(Store& store, ThrottleConfig config = {});

    // Counts the attempt under both keys; how long the caller must wait when either key is over its limit (the
    // attempt must then be refused without checking the password), nullopt when it may go ahead.
    [[nodiscard]] std::optional<std::chrono::seconds> admit(const ThrottleKeys& keys, Timestamp now);
    // A successful sign-in clears the account's attempts and takes back the address's one (a good password
    // neither counts against an office's address nor unlocks an address that is guessing at other accounts).
    void succeeded(const ThrottleKeys& keys);

    [[nodiscard]] const ThrottleConfig& config() const { return config_; }

private:
    Store& store_;
    ThrottleConfig config_;
};

}  // namespace floorwalk::server
