#include "auth/login_throttle.h"

#include <algorithm>

namespace floorwalk::server {

LoginThrottle::LoginThrottle(ThrottleConfig config) : config_(config) {}

std::optional<std::chrono::seconds> LoginThrottle::wait_for(const Map& map, const std::string& key, int limit,
                                                            Timestamp now) const {
    const auto it = map.find(key);
    if (it == map.end() || it->second.failures < limit) return std::nullopt;
    const auto window_end = it->second.window_start + config_.window;
    if (window_end <= now) return std::nullopt;
    // Round up so that a client waiting exactly Retry-After seconds is let through.
    return std::chrono::ceil<std::chrono::seconds>(window_end - now);
}

std::optional<std::chrono::seconds> LoginThrottle::retry_after(const std::string& account,
                                                               const std::string& address, Timestamp now) {
    std::scoped_lock lock(mutex_);
    const auto by_account = wait_for(accounts_, account, config_.max_failures_per_account, now);
    const auto by_address = wait_for(addresses_, address, config_.max_failures_per_address, now);
    if (by_account && by_address) return std::max(*by_account, *by_address);
    return by_account ? by_account : by_address;
}

void LoginThrottle::add_failure(Map& map, const std::string& key, Timestamp now) {
    auto it = map.find(key);
    if (it == map.end()) {
        make_room(map, now);
        map.emplace(key, Entry{1, now});
        return;
    }
    auto& entry = it->second;
    if (entry.window_start + config_.window <= now) {
        entry = Entry{1, now};  // the previous window is over: start counting again
        return;
    }
    ++entry.failures;
}

void LoginThrottle::make_room(Map& map, Timestamp now) {
    if (map.size() < config_.max_entries) return;
    std::erase_if(map, [&](const auto& item) { return item.second.window_start + config_.window <= now; });
    if (map.size() < config_.max_entries) return;
    // Still full of live windows: forget the oldest one, which is the closest to expiring anyway.
    const auto oldest = std::ranges::min_element(
        map, [](const auto& a, const auto& b) { return a.second.window_start < b.second.window_start; });
    map.erase(oldest);
}

void LoginThrottle::record_failure(const std::string& account, const std::string& address, Timestamp now) {
    std::scoped_lock lock(mutex_);
    add_failure(accounts_, account, now);
    if (!address.empty()) add_failure(addresses_, address, now);
}

void LoginThrottle::record_success(const std::string& account) {
    std::scoped_lock lock(mutex_);
    accounts_.erase(account);
}

std::size_t LoginThrottle::tracked_entries() const {
    std::scoped_lock lock(mutex_);
    return accounts_.size() + addresses_.size();
}

}  // namespace floorwalk::server
