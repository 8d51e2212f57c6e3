// Failed-login throttling: too many failures for one account, or from one address, within a window answer 429
// until the window ends, so passwords cannot be guessed online.
//
// Threading: every method may be called from any thread; one mutex guards the counters.
#pragma once

#include "floorwalk/domain.h"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace floorwalk::server {

struct ThrottleConfig {
    int max_failures_per_account = 5;    // per organisation + username
    int max_failures_per_address = 20;   // per remote address: higher, since offices share one address
    std::chrono::seconds window = std::chrono::minutes(15);
    std::size_t max_entries = 100'000;   // per map; bounds memory under a spray of made-up usernames
};

class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleConfig config = {});

    // How long the caller must wait before trying again, or nullopt when a login attempt is allowed now.
    [[nodiscard]] std::optional<std::chrono::seconds> retry_after(const std::string& account,
                                                                  const std::string& address, Timestamp now);
    void record_failure(const std::string& account, const std::string& address, Timestamp now);
    // A successful login clears the account's failures (not the address's: one good account must not unlock an
    // address that is guessing at others).
    void record_success(const std::string& account);

    [[nodiscard]] std::size_t tracked_entries() const;

private:
    struct Entry {
        int failures = 0;
        Timestamp window_start{};
    };
    using Map = std::unordered_map<std::string, Entry>;

    [[nodiscard]] std::optional<std::chrono::seconds> wait_for(const Map& map, const std::string& key, int limit,
                                                               Timestamp now) const;
    void add_failure(Map& map, const std::string& key, Timestamp now);
    void make_room(Map& map, Timestamp now);

    ThrottleConfig config_;
    mutable std::mutex mutex_;
    Map accounts_;
    Map addresses_;
};

}  // namespace floorwalk::server
