#include "auth/authenticator.h"

#include "auth/token.h"

#include <algorithm>
#include <cctype>

namespace floorwalk::server {
namespace {

constexpr std::size_t max_touch_entries = 10'000;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

}  // namespace

Timestamp system_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::optional<std::string> bearer_token(std::string_view authorization_header, AuthFailure* failure) {
    const auto header = trim(authorization_header);
    if (header.empty()) {
        *failure = AuthFailure::missing;
        return std::nullopt;
    }
    const auto space = header.find(' ');
    const auto token = space == std::string_view::npos ? std::string_view{} : trim(header.substr(space + 1));
    if (space == std::string_view::npos || !iequals(header.substr(0, space), "Bearer") || !is_token_shaped(token)) {
        *failure = AuthFailure::malformed;
        return std::nullopt;
    }
    return std::string(token);
}

Authenticator::Authenticator(Store& store, AuthConfig config, Clock clock)
    : store_(store), config_(config), clock_(std::move(clock)), throttle_(store, config.throttle) {}

const std::string& Authenticator::dummy_hash() {
    std::call_once(dummy_once_, [this] { dummy_hash_ = hash_password("floorwalk timing equaliser"); });
    return dummy_hash_;
}

std::optional<Organization> Authenticator::find_organization(const std::string& name_or_id) {
    if (auto by_name = store_.find_organization_by_name(name_or_id)) return by_name;
    return store_.find_organization(name_or_id);
}

LoginResult Authenticator::login(const LoginAttempt& attempt) {
    LoginResult result;
    const auto now = clock_();
    const auto organization = find_organization(attempt.organization);
    const ThrottleKeys keys{
        account_key(organization ? std::optional(organization->id) : std::nullopt, attempt.organization,
                    attempt.username),
        address_key(attempt.remote_address)};
    // Counted before the (deliberately slow) hash: a burst of parallel guesses is refused, not verified.
    if (auto wait = throttle_.admit(keys, now)) {
        result.failure = LoginFailure::throttled;
        result.retry_after = *wait;
        return result;
    }

    std::optional<StoredUser> user;
    if (organization) user = store_.find_user_by_username(organization->id, attempt.username);
    // Verify against a dummy hash when there is no such user, so that response time does not tell which
    // organisations and usernames exist.
    const bool password_ok = user ? verify_password(attempt.password, user->password_hash)
                                   : (static_cast<void>(verify_password(attempt.password, dummy_hash())), false);
    if (!password_ok) {
        result.failure = LoginFailure::invalid_credentials;
        return result;
    }
    throttle_.succeeded(keys);
    // Said only to whoever knows the password: the account exists but an administrator switched it off.
    if (!user->user.active) {
        result.failure = LoginFailure::user_deactivated;
        return result;
    }
    if (const auto device = store_.find_device(organization->id, attempt.device_id); device && device->revoked) {
        result.failure = LoginFailure::device_revoked;
        return result;
    }
    return issue_token(attempt, *organization, *user, now);
}

LoginResult Authenticator::issue_token(const LoginAttempt& attempt, const Organization& organization,
                                       const StoredUser& user, Timestamp now) {
    LoginResult result;
    result.token = generate_token();
    result.expires_at = now + std::chrono::duration_cast<std::chrono::milliseconds>(config_.token_ttl);
    TokenRecord record;
    record.token_hash = hash_token(result.token);
    record.organization_id = organization.id;
    record.user_id = user.user.id;
    record.device_id = attempt.device_id;
    record.issued_at = now;
    record.expires_at = result.expires_at;
    store_.save_token(record, attempt.device_name);
    result.user = user.user;
    result.organization = organization;
    return result;
}

Authentication Authenticator::authenticate(std::string_view authorization_header) {
    Authentication result;
    const auto token = bearer_token(authorization_header, &result.failure);
    if (!token) return result;
    const auto now = clock_();
    const auto record = store_.find_valid_token(hash_token(*token), now);
    if (!record) {
        result.failure = AuthFailure::expired_or_revoked;
        return result;
    }
    const auto user = store_.find_user(record->organization_id, record->user_id);
    if (!user || !user->user.active) {  // removed or deactivated after the token was issued
        result.failure = AuthFailure::expired_or_revoked;
        return result;
    }
    Caller caller;
    caller.organization_id = record->organization_id;
    caller.user_id = user->user.id;
    caller.username = user->user.username;
    caller.display_name = user->user.display_name;
    caller.role = user->user.role;
    caller.unit_ids = user->user.unit_ids;
    caller.device_id = record->device_id;
    touch_device(caller, now);
    result.caller = std::move(caller);
    return result;
}

void Authenticator::touch_device(const Caller& caller, Timestamp now) {
    if (caller.device_id.empty()) return;
    const auto key = caller.organization_id + '\n' + caller.device_id;
    {
        std::scoped_lock lock(touch_mutex_);
        auto it = last_touch_.find(key);
        if (it != last_touch_.end() && now - it->second < config_.device_touch_interval) return;
        if (it == last_touch_.end() && last_touch_.size() >= max_touch_entries) last_touch_.clear();
        last_touch_[key] = now;
    }
    store_.touch_device(caller.organization_id, caller.device_id, now);
}

bool Authenticator::logout(std::string_view authorization_header) {
    AuthFailure failure{};
    const auto token = bearer_token(authorization_header, &failure);
    if (!token) return false;
    const auto hash = hash_token(*token);
    if (!store_.find_valid_token(hash, clock_())) return false;
    store_.delete_token(hash);
    return true;
}

}  // namespace floorwalk::server
