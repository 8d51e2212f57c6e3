// Sign-in and bearer-token authentication: turns credentials into a token and an Authorization header into the
// Caller every handler is scoped by.
//
// Threading: every method may be called from any thread concurrently (the store and the throttle lock inside).
#pragma once

#include "auth/login_throttle.h"
#include "auth/password.h"
#include "storage/store.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace floorwalk::server {

using Clock = std::function<Timestamp()>;
// The wall clock at millisecond precision, as the store keeps times.
[[nodiscard]] Timestamp system_now();

struct AuthConfig {
    std::chrono::seconds token_ttl = std::chrono::days(30);
    ThrottleConfig throttle;
    // A device's "last seen" is written at most this often: a write per request would queue behind pushes.
    std::chrono::seconds device_touch_interval = std::chrono::minutes(1);
};

// Why a request carries no usable identity; each maps to a 401 with its own message.
enum class AuthFailure { missing, malformed, expired_or_revoked };

struct Authentication {
    std::optional<Caller> caller;               // set on success
    AuthFailure failure = AuthFailure::missing;  // meaningful only without a caller
};

struct LoginAttempt {
    std::string organization;  // the organisation's name (or its id)
    std::string username;
    std::string password;
    std::string device_id;
    std::string device_name;
    std::string remote_address;
};

enum class LoginFailure { invalid_credentials, throttled, device_revoked, user_deactivated };

struct LoginResult {
    std::optional<LoginFailure> failure;  // nullopt on success
    std::chrono::seconds retry_after{0};  // for `throttled`
    std::string token;                    // the only time the token exists in clear
    Timestamp expires_at{};
    User user;
    Organization organization;
};

class Authenticator {
public:
    Authenticator(Store& store, AuthConfig config = {}, Clock clock = system_now);

    // Checks the password (argon2id) under failed-login throttling and issues a token bound to the device.
    [[nodiscard]] LoginResult login(const LoginAttempt& attempt);
    // Resolves "Bearer <token>" into the caller; also records when the device was last seen.
    [[nodiscard]] Authentication authenticate(std::string_view authorization_header);
    // Forgets the token of the header; false when the header holds no valid token.
    bool logout(std::string_view authorization_header);

    [[nodiscard]] Timestamp now() const { return clock_(); }
    [[nodiscard]] const AuthConfig& config() const { return config_; }

private:
    [[nodiscard]] std::optional<Organization> find_organization(const std::string& name_or_id);
    [[nodiscard]] LoginResult issue_token(const LoginAttempt& attempt, const Organization& organization,
                                          const StoredUser& user, Timestamp now);
    void touch_device(const Caller& caller, Timestamp now);
    [[nodiscard]] const std::string& dummy_hash();

    Store& store_;
    AuthConfig config_;
    Clock clock_;
    LoginThrottle throttle_;
    std::once_flag dummy_once_;
    std::string dummy_hash_;
    std::mutex touch_mutex_;
    std::unordered_map<std::string, Timestamp> last_touch_;
};

// The token text of an Authorization header, or nullopt with `failure` set.
[[nodiscard]] std::optional<std::string> bearer_token(std::string_view authorization_header, AuthFailure* failure);

}  // namespace floorwalk::server
