#include "support/fuzz_world.h"

#include "auth/token.h"
#include "demo/demo_data.h"
#include "sync/sql_store.h"

#include <chrono>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace floorwalk::fuzz {
namespace {

namespace fs = std::filesystem;

// The accounts a request can name as "Bearer @<username>": one of each role, with scopes of each size.
constexpr const char* accounts[] = {"admin", "hq", "director.north", "manager"};
constexpr std::string_view placeholder_prefix = "Bearer @";

// The database lives in memory when the machine has /dev/shm: SQLite syncs every commit to disk otherwise, which
// would make each accepted push cost milliseconds. FLOORWALK_FUZZ_TMPDIR overrides (scripts/fuzz.sh sets it, and
// removes the folder even when a crash kept this process from removing it itself).
fs::path base_folder() {
    if (const char* chosen = std::getenv("FLOORWALK_FUZZ_TMPDIR"); chosen != nullptr && *chosen != '\0')
        return chosen;
    std::error_code ignored;
    if (fs::is_directory("/dev/shm", ignored)) return "/dev/shm";
    return fs::temp_directory_path();
}

fs::path fresh_folder() {
    const auto base = base_folder();
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("floorwalk-fuzz-" + std::to_string(random()));
        if (fs::create_directory(candidate)) return candidate;
    }
    throw std::runtime_error("cannot create a folder under " + base.string());
}

}  // namespace

namespace {

// Destroyed at exit, which removes its folder.
std::unique_ptr<FuzzWorld>& instance() {
    static std::unique_ptr<FuzzWorld> world;
    return world;
}

}  // namespace

FuzzWorld& FuzzWorld::get() {
    auto& world = instance();
    if (!world) world = std::make_unique<FuzzWorld>();
    return *world;
}

void FuzzWorld::input_done() {
    static long inputs = 0;
    if (++inputs % renew_every == 0) instance().reset();
}

Timestamp FuzzWorld::now() {
    return Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 12 / 1)) + std::chrono::hours(12);
}

FuzzWorld::FuzzWorld() : dir_(fresh_folder()) {
    store_ = server::open_sqlite_store(dir_);
    const auto summary = server::create_demo(*store_, now());
    organization_id_ = store_->find_organization_by_name(summary.organization).value().id;

    server::AuthConfig auth_config;
    // The clock never moves, so a throttled account would stay throttled for the rest of the run and hide the
    // sign-in path from every later input: the limits are out of reach here (tests/server covers throttling).
    auth_config.throttle.max_attempts_per_account = 1'000'000'000;
    auth_config.throttle.max_attempts_per_address = 1'000'000'000;
    auth_ = std::make_unique<server::Authenticator>(*store_, auth_config, [] { return now(); });

    server::IndicatorOptions indicator_options;
    indicator_options.clock = [] { return now(); };
    indicator_options.snapshot_interval = std::chrono::milliseconds(0);  // no background thread
    indicators_ = std::make_shared<server::IndicatorService>(*store_, indicator_options);

    server::ApiConfig api_config;
    api_config.password_cost = server::HashCost::fast;  // user imports hash their passwords: keep inputs fast
    api_ = std::make_unique<server::Api>(*store_, *auth_, api_config,
                                         [this](server::Router& router) { indicators_->add_routes(router); });
    for (const auto* username : accounts) issue_token(username);
}

FuzzWorld::~FuzzWorld() {
    api_.reset();
    indicators_.reset();
    auth_.reset();
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

void FuzzWorld::issue_token(const std::string& username) {
    auto user = store_->find_user_by_username(organization_id_, username);
    if (!user) return;  // an import renamed nobody away; the account simply stays unavailable
    if (!user->user.active) store_->set_user_active(organization_id_, user->user.id, true);
    // "fuzz-manager" first (what the seeds' pushes name as their deviceId), then a fresh device each time: a
    // revoked device stays revoked for good.
    const int issued = ++issued_[username];
    server::TokenRecord record;
    const auto token = server::generate_token();
    record.token_hash = server::hash_token(token);
    record.organization_id = organization_id_;
    record.user_id = user->user.id;
    record.device_id = "fuzz-" + username + (issued > 1 ? "-" + std::to_string(issued) : "");
    record.issued_at = now();
    record.expires_at = now() + std::chrono::days(30);
    store_->save_token(record, "fuzzer");
    tokens_[username] = token;
}

std::string FuzzWorld::resolve_authorization(const std::string& header) {
    if (!header.starts_with(placeholder_prefix)) return header;
    const auto it = tokens_.find(std::string_view(header).substr(placeholder_prefix.size()));
    if (it == tokens_.end()) return header;
    return "Bearer " + it->second;
}

void FuzzWorld::restore_accounts() {
    for (const auto& [username, token] : tokens_) {
        if (auth_->authenticate("Bearer " + token).caller) continue;
        issue_token(username);
    }
}

}  // namespace floorwalk::fuzz
