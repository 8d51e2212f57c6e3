#include "auth/authenticator.h"
#include "auth/token.h"
#include "sync/sql_store.h"
#include "test_database.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using namespace std::chrono_literals;

namespace {

struct AuthFixture {
    TempDir dir;
    std::unique_ptr<Store> store = floorwalk::test::test_database(dir.path()).open();
    Organization acme = seed_organization(*store, "acme");
    ManualClock clock{Timestamp(std::chrono::milliseconds(1'800'000'000'000))};
    Authenticator auth{*store, AuthConfig{}, [this] { return clock.now(); }};

    LoginAttempt attempt(std::string username, std::string password = test_password,
                         std::string device = "phone-1") const {
        return LoginAttempt{"acme", std::move(username), std::move(password), std::move(device), "Pixel",
                            "10.0.0.1"};
    }
};

}  // namespace

TEST_CASE_METHOD(AuthFixture, "a login issues a token stored only as its hash, expiring after the TTL") {
    const auto result = auth.login(attempt("manager"));
    REQUIRE_FALSE(result.failure);
    CHECK(is_token_shaped(result.token));
    CHECK(result.expires_at == clock.now() + std::chrono::days(30));
    CHECK(result.user.username == "manager");
    CHECK(result.organization.id == acme.id);
    const auto stored = store->find_valid_token(hash_token(result.token), clock.now());
    REQUIRE(stored);
    CHECK(stored->user_id == result.user.id);
    CHECK(stored->device_id == "phone-1");
    CHECK_FALSE(store->find_valid_token(result.token, clock.now()));  // the clear token is not a key
}

TEST_CASE_METHOD(AuthFixture, "the organisation may be named by its id too") {
    auto by_id = attempt("manager");
    by_id.organization = acme.id;
    CHECK_FALSE(auth.login(by_id).failure);
}

TEST_CASE_METHOD(AuthFixture, "wrong passwords, unknown users and unknown organisations fail alike") {
    CHECK(auth.login(attempt("manager", "wrong-password")).failure == LoginFailure::invalid_credentials);
    CHECK(auth.login(attempt("nobody")).failure == LoginFailure::invalid_credentials);
    auto elsewhere = attempt("manager");
    elsewhere.organization = "globex";
    CHECK(auth.login(elsewhere).failure == LoginFailure::invalid_credentials);
}

TEST_CASE_METHOD(AuthFixture, "five failed logins throttle the account, even with the right password") {
    for (int i = 0; i < 5; ++i) REQUIRE(auth.login(attempt("manager", "wrong")).failure == LoginFailure::invalid_credentials);
    const auto blocked = auth.login(attempt("manager"));
    CHECK(blocked.failure == LoginFailure::throttled);
    CHECK(blocked.retry_after == 15min);
    // Other users are unaffected.
    CHECK_FALSE(auth.login(attempt("director")).failure);
    clock.advance(15min);
    CHECK_FALSE(auth.login(attempt("manager")).failure);
}

TEST_CASE_METHOD(AuthFixture, "a success resets the failure count") {
    for (int i = 0; i < 4; ++i) static_cast<void>(auth.login(attempt("manager", "wrong")));
    REQUIRE_FALSE(auth.login(attempt("manager")).failure);
    for (int i = 0; i < 4; ++i) static_cast<void>(auth.login(attempt("manager", "wrong")));
    CHECK_FALSE(auth.login(attempt("manager")).failure);
}

TEST_CASE_METHOD(AuthFixture, "authenticate resolves a bearer token into the caller") {
    const auto token = auth.login(attempt("director")).token;
    const auto result = auth.authenticate("Bearer " + token);
    REQUIRE(result.caller);
    CHECK(result.caller->organization_id == acme.id);
    CHECK(result.caller->username == "director");
    CHECK(result.caller->role == Role::director);
    CHECK(result.caller->unit_ids == std::vector<std::string>{"north"});
    CHECK(result.caller->device_id == "phone-1");
    CHECK(auth.authenticate("bearer  " + token + " ").caller);  // scheme in any case, spaces tolerated
}

TEST_CASE_METHOD(AuthFixture, "missing, malformed and unknown tokens are told apart") {
    CHECK(auth.authenticate("").failure == AuthFailure::missing);
    CHECK(auth.authenticate("Basic YWxhZGRpbjpvcGVuc2VzYW1l").failure == AuthFailure::malformed);
    CHECK(auth.authenticate("Bearer").failure == AuthFailure::malformed);
    CHECK(auth.authenticate("Bearer not-a-token").failure == AuthFailure::malformed);
    CHECK(auth.authenticate("Bearer " + generate_token()).failure == AuthFailure::expired_or_revoked);
}

TEST_CASE_METHOD(AuthFixture, "a token stops working when it expires") {
    const auto token = auth.login(attempt("manager")).token;
    clock.advance(std::chrono::days(30) - 1ms);
    CHECK(auth.authenticate("Bearer " + token).caller);
    clock.advance(1ms);
    CHECK(auth.authenticate("Bearer " + token).failure == AuthFailure::expired_or_revoked);
}

TEST_CASE("the token lifetime is configurable") {
    TempDir dir;
    auto store = floorwalk::test::test_database(dir.path()).open();
    seed_organization(*store, "acme");
    ManualClock clock{Timestamp(std::chrono::milliseconds(1'800'000'000'000))};
    Authenticator auth(*store, AuthConfig{std::chrono::seconds(60)}, [&clock] { return clock.now(); });
    const auto result = auth.login(LoginAttempt{"acme", "manager", test_password, "p", "", ""});
    CHECK(result.expires_at == clock.now() + 60s);
    clock.advance(60s);
    CHECK_FALSE(auth.authenticate("Bearer " + result.token).caller);
}

TEST_CASE_METHOD(AuthFixture, "revoking a device kills its tokens and refuses its next login") {
    const auto phone = auth.login(attempt("manager", test_password, "phone-1")).token;
    const auto tablet = auth.login(attempt("manager", test_password, "tablet-1")).token;
    REQUIRE(store->revoke_device(acme.id, "phone-1"));
    CHECK(auth.authenticate("Bearer " + phone).failure == AuthFailure::expired_or_revoked);
    CHECK(auth.authenticate("Bearer " + tablet).caller);
    CHECK(auth.login(attempt("manager", test_password, "phone-1")).failure == LoginFailure::device_revoked);
}

TEST_CASE_METHOD(AuthFixture, "logout forgets the token") {
    const auto token = auth.login(attempt("manager")).token;
    CHECK(auth.logout("Bearer " + token));
    CHECK(auth.authenticate("Bearer " + token).failure == AuthFailure::expired_or_revoked);
    CHECK_FALSE(auth.logout("Bearer " + token));
}

TEST_CASE_METHOD(AuthFixture, "authentication records when a device was last seen") {
    const auto token = auth.login(attempt("manager")).token;
    clock.advance(5min);
    REQUIRE(auth.authenticate("Bearer " + token).caller);
    const auto devices = store->devices(acme.id);
    REQUIRE(devices.size() == 1);
    CHECK(devices[0].last_seen == clock.now());
    CHECK(devices[0].name == "Pixel");
}

TEST_CASE_METHOD(AuthFixture, "every spelling of the organisation shares one allowance, a lock holds for the right password") {
    for (const auto& spelling : {std::string("acme"), std::string("ACME"), std::string("Acme"), acme.id,
                                 std::string("aCmE")}) {
        auto wrong = attempt("manager", "wrong");
        wrong.organization = spelling;
        REQUIRE(auth.login(wrong).failure == LoginFailure::invalid_credentials);
    }
    // Five failures in all: the account is locked, whatever the spelling, even with the right password.
    for (const auto& spelling : {std::string("acme"), std::string("ACME"), acme.id}) {
        auto right = attempt("manager");
        right.organization = spelling;
        right.remote_address = "10.9.9.9";
        CHECK(auth.login(right).failure == LoginFailure::throttled);
    }
}

TEST_CASE_METHOD(AuthFixture, "parallel attempts are counted before hashing and cannot overshoot the limit",
                 "[concurrency]") {
    std::atomic<int> verified_wrong{0};
    std::atomic<int> throttled{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&, i] {
            auto wrong = attempt("manager", "wrong");
            wrong.remote_address = "10.1.0." + std::to_string(i);  // many addresses: only the account limits
            const auto result = auth.login(wrong);
            if (result.failure == LoginFailure::invalid_credentials) ++verified_wrong;
            if (result.failure == LoginFailure::throttled) ++throttled;
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(verified_wrong == 5);  // exactly the allowance reached the password check
    CHECK(throttled == 11);
}

TEST_CASE_METHOD(AuthFixture, "a deactivated user is signed out at once and cannot sign in, and can again once reactivated") {
    const auto signed_in = auth.login(attempt("manager"));
    REQUIRE_FALSE(signed_in.failure);
    REQUIRE(auth.authenticate("Bearer " + signed_in.token).caller);

    REQUIRE(store->set_user_active(acme.id, signed_in.user.id, false));
    CHECK_FALSE(store->find_valid_token(hash_token(signed_in.token), clock.now()));
    CHECK(auth.authenticate("Bearer " + signed_in.token).failure == AuthFailure::expired_or_revoked);
    CHECK(auth.login(attempt("manager")).failure == LoginFailure::user_deactivated);
    CHECK(auth.login(attempt("manager", "wrong")).failure == LoginFailure::invalid_credentials);  // says nothing

    REQUIRE(store->set_user_active(acme.id, signed_in.user.id, true));
    CHECK_FALSE(auth.login(attempt("manager")).failure);
}

TEST_CASE_METHOD(AuthFixture, "a user import that deactivates signs the user out") {
    const auto signed_in = auth.login(attempt("manager"));
    REQUIRE_FALSE(signed_in.failure);
    UserImportRow row{signed_in.user, std::nullopt, false};
    REQUIRE(store->import_users(acme.id, {row}).errors.empty());
    CHECK_FALSE(store->find_user(acme.id, signed_in.user.id)->user.active);
    CHECK(auth.authenticate("Bearer " + signed_in.token).failure == AuthFailure::expired_or_revoked);
    // A row without the flag keeps the state.
    row.active.reset();
    row.user.display_name = "Renamed";
    REQUIRE(store->import_users(acme.id, {row}).applied == 1);
    CHECK_FALSE(store->find_user(acme.id, signed_in.user.id)->user.active);
}
