// "An acknowledged push survives a power cut": the server's SQLite store under the power-cut VFS
// (powercut/powercut_vfs.h). Numbered observations are pushed one after the other through the real Api, as the
// HTTP handler hands them over; the power goes at a random write, truncation or sync (or while the store closes);
// the disk keeps nothing, or a random subset, possibly torn, of what was not synced. After the reboot the database
// must pass PRAGMA integrity_check, hold every push whose answer said ACCEPTED, hold a prefix of the pushed
// sequence made of whole pushes, and open again as a store.
//
// FLOORWALK_POWERCUT_CUTS sets the cuts per test case (20 by default; the `long` registration runs 250) and
// FLOORWALK_POWERCUT_SEED replays a run from the seed it printed.
#include "api/api.h"
#include "auth/authenticator.h"
#include "powercut_vfs.h"
#include "suite_settings.h"
#include "support/fixtures.h"
#include "support/json.h"
#include "sync/sql_store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
namespace fs = std::filesystem;

namespace {

constexpr auto comment_prefix = "powercut #";

// A data folder with the seeded organisation "acme" and a manager's token, made once before the VFS is installed
// and copied for every cut.
struct Template {
    TempDir dir;
    std::string token;

    Template() {
        auto store = open_sqlite_store(dir.path());
        (void)seed_organization(*store, "acme");
        Authenticator auth(*store);
        Api api(*store, auth, ApiConfig{.password_cost = HashCost::fast});
        pb::LoginRequest login;
        login.set_organization("acme");
        login.set_username("manager");
        login.set_password(test_password);
        login.set_device_id("powercut-phone");
        Request request;
        request.method = "POST";
        request.path = "/api/v1/auth/login";
        request.content_type = "application/json";
        request.body = to_json(login);
        RequestLog log;
        const auto response = api.handle(request, log);
        if (response.status != 200) throw std::runtime_error("login failed: " + response.body);
        token = from_json<pb::LoginResponse>(response.body).token();
    }
};

const Template& server_template() {
    static const Template instance;
    return instance;
}

// What one phone's pushes asked for and what their answers acknowledged.
struct Pushed {
    std::vector<std::string> ids;  // every record sent, in order
    std::size_t acknowledged = 0;  // the first `acknowledged` ids were answered ACCEPTED
    std::string error;             // what went wrong before the cut (empty: nothing)
};

// One phone pushing `pushes` requests of `per_push` numbered observations until the power goes. An answer computed
// after the cut never left the machine, so it acknowledges nothing. Runs on a thread of its own when several phones
// push at once: it reports failures in `error` rather than through Catch, which is not thread-safe.
Pushed push_as_one_phone(Api& api, int phone, int pushes, int per_push) {
    Pushed pushed;
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (int push = 0; push < pushes && !powercut::has_cut(); ++push) {
        pb::PushRequest body;
        body.set_device_id("powercut-phone");
        for (int i = 0; i < per_push; ++i) {
            const auto n = pushed.ids.size();
            auto observation = make_observation(n % 2 ? "e1" : "e2", 1 + static_cast<int>(n % 4), now);
            observation.comment = comment_prefix + std::to_string(phone) + "." + std::to_string(n);
            wire::to_proto(observation, body.add_observations());
            pushed.ids.push_back(observation.id);
        }
        Request request;
        request.method = "POST";
        request.path = "/api/v1/sync/push";
        request.content_type = "application/json";
        request.authorization = "Bearer " + server_template().token;
        request.body = to_json(body);
        RequestLog log;
        const auto response = api.handle(request, log);
        if (powercut::has_cut()) break;
        if (response.status != 200) {
            pushed.error = "push answered " + std::to_string(response.status) + " before the cut: " + response.body;
            break;
        }
        const auto answer = from_json<pb::PushResponse>(response.body);
        bool accepted = answer.results_size() == per_push;
        for (const auto& result : answer.results()) accepted = accepted && result.status() == pb::ACCEPTED;
        if (!accepted) {
            pushed.error = "push not accepted before the cut: " + response.body;
            break;
        }
        pushed.acknowledged += static_cast<std::size_t>(per_push);
    }
    return pushed;
}

// Opens the store on `data`, lets `phones` phones push at once (each on its own thread when more than one, as the
// HTTP server's threads would serve them) and closes the store; the power goes whenever the VFS was armed for.
std::vector<Pushed> push_until_the_power_goes(const fs::path& data, int phones, int pushes, int per_push) {
    std::vector<Pushed> pushed(static_cast<std::size_t>(phones));
    std::unique_ptr<Store> store;
    std::unique_ptr<Authenticator> auth;
    std::unique_ptr<Api> api;
    try {
        store = open_sqlite_store(data);
        auth = std::make_unique<Authenticator>(*store);
        api = std::make_unique<Api>(*store, *auth, ApiConfig{.password_cost = HashCost::fast});
        if (phones == 1) {
            pushed[0] = push_as_one_phone(*api, 0, pushes, per_push);
        } else {
            std::vector<std::thread> threads;
            for (int phone = 0; phone < phones; ++phone)
                threads.emplace_back([&, phone] {
                    pushed[static_cast<std::size_t>(phone)] = push_as_one_phone(*api, phone, pushes, per_push);
                });
            for (auto& thread : threads) thread.join();
        }
    } catch (const std::exception&) {
        // The dying machine's errors (disk I/O error after the cut); any other failure is the test's.
        if (!powercut::has_cut()) throw;
    }
    // Closing checkpoints: the power may also go then.
    api.reset();
    auth.reset();
    store.reset();
    powercut::cut_now();
    for (const auto& phone : pushed) {
        INFO(phone.error);
        REQUIRE(phone.error.empty());
    }
    return pushed;
}

struct Figures {
    int cuts = 0;
    std::size_t acknowledged = 0;
    std::size_t acknowledged_lost = 0;
    int integrity_failures = 0;
    int prefix_violations = 0;
    int restart_failures = 0;
    int cuts_that_lost_writes = 0;
    std::size_t operations_lost = 0;
    std::size_t operations_kept = 0;
    std::size_t writes_torn = 0;
    std::size_t files_vanished = 0;
    std::vector<std::string> failures;  // one line per failed cut, to replay it
};

// The records of this suite in the database, read with the plain VFS.
std::set<std::string> stored_ids(sqlite3* db) {
    std::set<std::string> ids;
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id FROM observations WHERE comment LIKE 'powercut #%'", -1, &statement,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW)
        ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return ids;
}

std::string integrity(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) != SQLITE_OK)
        return std::string("cannot check: ") + sqlite3_errmsg(db);
    std::string result;
    while (sqlite3_step(statement) == SQLITE_ROW)
        result += (result.empty() ? "" : "; ") +
                  std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return result;
}

// Checks the rebooted folder against what every phone pushed; adds to the figures.
void verify(const fs::path& data, const std::vector<Pushed>& phones, int per_push, const std::string& cut,
            Figures& figures) {
    sqlite3* db = nullptr;
    const auto path = database_path(data);
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK) {
        ++figures.integrity_failures;
        figures.failures.push_back(cut + ": cannot open: " + sqlite3_errmsg(db));
        sqlite3_close(db);
        return;
    }
    if (const auto check = integrity(db); check != "ok") {
        ++figures.integrity_failures;
        figures.failures.push_back(cut + ": integrity_check: " + check);
        sqlite3_close(db);
        return;
    }
    const auto stored = stored_ids(db);
    sqlite3_close(db);

    std::size_t in_prefixes = 0;
    bool whole_pushes = true;
    for (const auto& pushed : phones) {
        std::size_t lost = 0;
        for (std::size_t i = 0; i < pushed.acknowledged; ++i) lost += stored.count(pushed.ids[i]) ? 0 : 1;
        figures.acknowledged += pushed.acknowledged;
        figures.acknowledged_lost += lost;
        if (lost) figures.failures.push_back(cut + ": " + std::to_string(lost) + " acknowledged records lost");
        std::size_t prefix = 0;
        while (prefix < pushed.ids.size() && stored.count(pushed.ids[prefix])) ++prefix;
        in_prefixes += prefix;
        whole_pushes = whole_pushes && prefix % static_cast<std::size_t>(per_push) == 0;
    }
    // Every stored record belongs to the prefix of its phone's sequence, and pushes are whole or absent.
    if (in_prefixes != stored.size() || !whole_pushes) {
        ++figures.prefix_violations;
        figures.failures.push_back(cut + ": stored " + std::to_string(stored.size()) + " records, of which " +
                                   std::to_string(in_prefixes) + " in the phones' pushed prefixes, in pushes of " +
                                   std::to_string(per_push));
    }
    try {
        (void)open_sqlite_store(data);
    } catch (const std::exception& error) {
        ++figures.restart_failures;
        figures.failures.push_back(cut + ": the store does not open again: " + error.what());
    }
}

Figures run_cuts(int phones, int pushes, int per_push) {
    const auto& blueprint = server_template();
    powercut::install();
    const auto settings = powercut::suite_settings(20);
    std::mt19937_64 random(settings.seed);
    const auto template_db = database_path(blueprint.dir.path());

    // A run without a cut counts the events a cut may fall on.
    std::uint64_t events = 0;
    {
        TempDir dir;
        fs::copy_file(template_db, database_path(dir.path()));
        powercut::arm(0);
        (void)push_until_the_power_goes(dir.path(), phones, pushes, per_push);
        events = powercut::events();
        (void)powercut::reboot(random, powercut::Persistence::nothing);
    }
    REQUIRE(events > static_cast<std::uint64_t>(phones * pushes));

    Figures figures;
    for (int i = 0; i < settings.cuts; ++i) {
        TempDir dir;
        fs::copy_file(template_db, database_path(dir.path()));
        const auto at = std::uniform_int_distribution<std::uint64_t>(1, events)(random);
        const auto persistence = static_cast<powercut::Persistence>(std::uniform_int_distribution<int>(0, 2)(random));
        powercut::arm(at);
        const auto pushed = push_until_the_power_goes(dir.path(), phones, pushes, per_push);
        const auto report = powercut::reboot(random, persistence);
        ++figures.cuts;
        figures.cuts_that_lost_writes += report.operations_lost > 0 ? 1 : 0;
        figures.operations_lost += report.operations_lost;
        figures.operations_kept += report.operations_kept;
        figures.writes_torn += report.writes_torn;
        figures.files_vanished += report.files_vanished;
        verify(dir.path(), pushed, per_push,
               "cut " + std::to_string(i) + " at event " + std::to_string(at) + "/" + std::to_string(events) +
                   ", disk kept " + powercut::describe(persistence),
               figures);
    }
    std::printf(
        "power loss, server, %d phone(s), %d per push: %s events=%llu acknowledged=%zu acknowledged_lost=%zu "
        "integrity_failures=%d prefix_violations=%d restart_failures=%d cuts_that_lost_writes=%d "
        "unsynced_operations_lost=%zu kept=%zu torn=%zu files_vanished=%zu\n",
        phones, per_push, settings.describe().c_str(), static_cast<unsigned long long>(events),
        figures.acknowledged, figures.acknowledged_lost, figures.integrity_failures, figures.prefix_violations,
        figures.restart_failures, figures.cuts_that_lost_writes, figures.operations_lost, figures.operations_kept,
        figures.writes_torn, figures.files_vanished);
    for (const auto& failure : figures.failures) std::printf("  %s\n", failure.c_str());
    std::fflush(stdout);
    return figures;
}

void require_clean(const Figures& figures) {
    CHECK(figures.acknowledged_lost == 0);
    CHECK(figures.integrity_failures == 0);
    CHECK(figures.prefix_violations == 0);
    CHECK(figures.restart_failures == 0);
    // The cuts fell where it mattered: some lost unsynced writes, some came after acknowledged pushes.
    if (figures.cuts >= 10) {
        CHECK(figures.cuts_that_lost_writes > 0);
        CHECK(figures.acknowledged > 0);
    }
}

}  // namespace

TEST_CASE("acknowledged pushes of one record survive power cuts") {
    require_clean(run_cuts(1, 12, 1));
}

TEST_CASE("acknowledged pushes of several records survive power cuts, each whole or not at all") {
    require_clean(run_cuts(1, 6, 5));
}

// The shim and the store under the server's threads: the writer connection behind its mutex and the pooled readers
// serve three phones at once when the power goes.
TEST_CASE("acknowledged pushes of phones pushing at once survive power cuts", "[concurrency]") {
    require_clean(run_cuts(3, 5, 2));
}
