// What the fuzzers that need a server run against, built once per process and kept across inputs: a SQLite store
// in a fresh folder holding the demo organisation (server/demo, at a fixed "now"), the Authenticator, the
// indicator service and the Api with every route, as `floorwalk-server serve` wires them. No socket is opened.
//
// State carries over from one input to the next, as it does in a running server (a push that was accepted stays),
// for renew_every inputs; then the world is built afresh, so that what earlier inputs piled up (thousands of
// imported users, devices, records) cannot slow every later input down without bound.
// Requests may name a demo account instead of a token: "Authorization: Bearer @admin" (or @hq, @director.north,
// @manager) is replaced by a valid token of that account, re-issued whenever an input revoked it (logout, device
// revocation, user deactivation), so the fuzzer reaches every handler behind authentication without guessing a
// 256-bit token.
//
// Threading: one thread (libFuzzer's); nothing here locks.
#pragma once

#include "api/api.h"
#include "auth/authenticator.h"
#include "indicators/indicator_service.h"
#include "storage/store.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace floorwalk::fuzz {

class FuzzWorld {
public:
    // The process's one world, created on first use (in LLVMFuzzerInitialize or the first input).
    static FuzzWorld& get();
    // Counts an input done; the renew_every-th drops the world, and the next get() builds a fresh one.
    static void input_done();
    static constexpr long renew_every = 20'000;

    FuzzWorld(const FuzzWorld&) = delete;
    FuzzWorld& operator=(const FuzzWorld&) = delete;
    FuzzWorld();  // through get(), which keeps one per process
    ~FuzzWorld();

    // The fixed time every clock of the world reads (2026-12-01T12:00:00Z).
    [[nodiscard]] static Timestamp now();

    [[nodiscard]] server::Store& store() { return *store_; }
    [[nodiscard]] server::Api& api() { return *api_; }
    [[nodiscard]] const std::string& organization_id() const { return organization_id_; }

    // "Bearer @admin" -> "Bearer <admin's token>"; any other header comes back as it is.
    [[nodiscard]] std::string resolve_authorization(const std::string& header);
    // Re-issues the token of every account an input made unusable. Cheap when none was.
    void restore_accounts();

private:
    void issue_token(const std::string& username);

    std::filesystem::path dir_;
    std::unique_ptr<server::Store> store_;
    std::string organization_id_;
    std::unique_ptr<server::Authenticator> auth_;
    std::shared_ptr<server::IndicatorService> indicators_;
    std::unique_ptr<server::Api> api_;
    std::map<std::string, std::string, std::less<>> tokens_;  // username -> token
    std::map<std::string, int> issued_;                       // username -> tokens issued

};

}  // namespace floorwalk::fuzz
