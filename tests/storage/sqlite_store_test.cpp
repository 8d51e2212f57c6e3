// The store as a whole, on either engine: organisations, settings, tokens and devices, reopening, durability, open
// failures (SQLite's files: [sqlite-only]).
#include "store_fixture.h"

#include "storage/cursor.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <csignal>
#include <fstream>
#include <thread>

using namespace floorwalk;
using namespace floorwalk::test;
using server::PushStatus;
using namespace std::chrono_literals;

namespace {

server::TokenRecord token(const std::string& hash, const std::string& org, const std::string& user,
                          const std::string& device, Timestamp issued, std::chrono::hours life = 24h * 30) {
    return server::TokenRecord{hash, org, user, device, issued, issued + life};
}

}  // namespace

TEST_CASE("organisations are created once per name and found without regard to case", "[store][organizations]") {
    TempDir dir;
    TestDatabase database(dir.path());
    auto store = database.open();
    CHECK(store->organizations().empty());
    const auto acme = store->create_organization("Acme");
    CHECK_FALSE(acme.id.empty());
    CHECK(acme.name == "Acme");
    CHECK(store->create_organization("Acme").id == acme.id);
    CHECK(store->create_organization("acme").id == acme.id);
    const auto found = store->find_organization_by_name("ACME");
    REQUIRE(found);
    CHECK(found->id == acme.id);
    CHECK_FALSE(store->find_organization_by_name("globex"));
    const auto globex = store->create_organization("Globex");
    CHECK(globex.id != acme.id);
    CHECK(store->organizations().size() == 2);
    CHECK_THROWS_AS(store->create_organization(""), std::invalid_argument);
}

TEST_CASE("settings have defaults, are validated, and are per organisation", "[store][settings]") {
    StoreFixture f;
    CHECK(f.store->settings(f.org) == OrganizationSettings{3, 30});
    f.store->set_settings(f.org, {4, 21});
    CHECK(f.store->settings(f.org) == OrganizationSettings{4, 21});
    CHECK_THROWS_AS(f.store->set_settings(f.org, {0, 21}), std::invalid_argument);
    CHECK(f.store->settings(f.org) == OrganizationSettings{4, 21});
    const auto other = f.store->create_organization("globex").id;
    CHECK(f.store->settings(other) == OrganizationSettings{3, 30});
}

TEST_CASE("tokens are found while valid: not expired, not deleted, device not revoked", "[store][tokens]") {
    StoreFixture f;
    const auto user = f.caller("mgr.paris").user_id;
    const auto issued = at("2026-03-01T08:00:00Z");
    f.store->save_token(token("hash-a", f.org, user, "phone-1", issued), "Pixel 8");
    f.store->save_token(token("hash-b", f.org, user, "phone-1", issued), "Pixel 8");
    f.store->save_token(token("hash-c", f.org, user, "phone-2", issued, 1h), "iPhone");

    const auto found = f.store->find_valid_token("hash-a", issued + 1h);
    REQUIRE(found);
    CHECK(found->organization_id == f.org);
    CHECK(found->user_id == user);
    CHECK(found->device_id == "phone-1");
    CHECK(found->issued_at == issued);
    CHECK(found->expires_at == issued + 24h * 30);
    CHECK_FALSE(f.store->find_valid_token("unknown", issued));

    // Expiry: valid strictly before expires_at.
    CHECK(f.store->find_valid_token("hash-c", issued + 59min));
    CHECK_FALSE(f.store->find_valid_token("hash-c", issued + 1h));

    f.store->delete_token("hash-b");
    CHECK_FALSE(f.store->find_valid_token("hash-b", issued + 1h));
    CHECK(f.store->find_valid_token("hash-a", issued + 1h));

    // Revoking the device ends every token issued to it, and keeps the device out.
    CHECK(f.store->revoke_device(f.org, "phone-1"));
    CHECK_FALSE(f.store->find_valid_token("hash-a", issued + 1h));
    f.store->save_token(token("hash-d", f.org, user, "phone-1", issued + 2h), "Pixel 8");
    CHECK_FALSE(f.store->find_valid_token("hash-d", issued + 3h));
    const auto device = f.store->find_device(f.org, "phone-1");
    REQUIRE(device);
    CHECK(device->revoked);
    CHECK_FALSE(f.store->revoke_device(f.org, "no-such-phone"));
}

TEST_CASE("a new password signs its user out on every device, and no one else", "[store][tokens]") {
    StoreFixture f;
    const auto paris = f.store->find_user_by_username(f.org, "mgr.paris");
    const auto lyon = f.caller("mgr.lyon").user_id;
    REQUIRE(paris);
    const auto issued = at("2026-03-01T08:00:00Z");
    f.store->save_token(token("paris-phone", f.org, paris->user.id, "phone-1", issued), "Pixel 8");
    f.store->save_token(token("paris-tablet", f.org, paris->user.id, "tablet-1", issued), "iPad");
    f.store->save_token(token("lyon-phone", f.org, lyon, "phone-2", issued), "iPhone");

    REQUIRE(f.store->set_password_hash(f.org, paris->user.id, "$argon2id$reset"));
    CHECK_FALSE(f.store->find_valid_token("paris-phone", issued + 1h));
    CHECK_FALSE(f.store->find_valid_token("paris-tablet", issued + 1h));
    CHECK(f.store->find_valid_token("lyon-phone", issued + 1h));

    // A user import: the same row without a password keeps the sessions, a new password ends them.
    f.store->save_token(token("paris-again", f.org, paris->user.id, "phone-1", issued + 2h), "Pixel 8");
    auto row = server::UserImportRow{paris->user, std::nullopt};
    row.user.display_name = "Renamed";
    REQUIRE(f.store->import_users(f.org, {row}).errors.empty());
    CHECK(f.store->find_valid_token("paris-again", issued + 3h));
    row.password_hash = "$argon2id$imported";
    REQUIRE(f.store->import_users(f.org, {row}).errors.empty());
    CHECK_FALSE(f.store->find_valid_token("paris-again", issued + 3h));
    CHECK(f.store->find_valid_token("lyon-phone", issued + 3h));
}

TEST_CASE("devices list who uses them and when they were last seen", "[store][devices]") {
    StoreFixture f;
    const auto paris = f.caller("mgr.paris").user_id;
    const auto lyon = f.caller("mgr.lyon").user_id;
    const auto issued = at("2026-03-01T08:00:00Z");
    f.store->save_token(token("h1", f.org, paris, "phone-1", issued), "Pixel 8");
    f.store->save_token(token("h2", f.org, lyon, "phone-2", issued + 1h), "iPhone 15");
    f.store->touch_device(f.org, "phone-1", issued + 5h);
    f.store->touch_device(f.org, "phone-1", issued + 2h);  // never goes back in time

    const auto devices = f.store->devices(f.org);
    REQUIRE(devices.size() == 2);
    CHECK(devices[0].id == "phone-1");  // most recently seen first
    CHECK(devices[0].username == "mgr.paris");
    CHECK(devices[0].name == "Pixel 8");
    CHECK(devices[0].last_seen == issued + 5h);
    CHECK_FALSE(devices[0].revoked);
    CHECK(devices[1].user_id == lyon);

    // A shared phone follows whoever signed in last.
    f.store->save_token(token("h3", f.org, lyon, "phone-1", issued + 6h), "Pixel 8 (shop)");
    const auto shared = f.store->find_device(f.org, "phone-1");
    REQUIRE(shared);
    CHECK(shared->username == "mgr.lyon");
    CHECK(shared->name == "Pixel 8 (shop)");

    // Another organisation neither sees nor revokes these devices.
    const auto other = f.add_organization("globex");
    CHECK(f.store->devices(other).empty());
    CHECK_FALSE(f.store->revoke_device(other, "phone-1"));
    CHECK_FALSE(f.store->find_device(other, "phone-1"));
    CHECK(f.store->find_valid_token("h3", issued + 7h));
}

TEST_CASE("reopening the store finds everything, and old cursors still work", "[store][durability]") {
    StoreFixture f;
    f.push("mgr.paris", {observation(uuid(1), "e-paris-1")}, {activity(uuid(2), {"e-paris-1"})});
    f.store->save_token(token("hash", f.org, f.caller("hq").user_id, "phone", at("2026-03-01T00:00:00Z")), "Phone");
    const auto page = f.store->pull(f.caller("mgr.paris"), "", 100);
    const auto cursor = page.cursor;

    f.reopen();
    CHECK(f.observations().size() == 1);
    CHECK(f.activities().size() == 1);
    CHECK(f.store->units(f.org).size() == 6);
    CHECK(f.store->employees(f.org).size() == 7);
    CHECK(f.store->users(f.org).size() == 6);
    CHECK(f.store->model(f.org));
    CHECK(f.store->find_valid_token("hash", at("2026-03-02T00:00:00Z")));

    const auto resumed = f.store->pull(f.caller("mgr.paris"), cursor, 100);
    CHECK_FALSE(resumed.reset);
    CHECK(resumed.observations.empty());
    // The sequence continues after a restart: a new record is seen after the old cursor.
    f.push_one("mgr.paris", observation(uuid(3), "e-paris-2"));
    const auto next = f.store->pull(f.caller("mgr.paris"), cursor, 100);
    REQUIRE(next.observations.size() == 1);
    CHECK(next.observations[0].id == uuid(3));
}

TEST_CASE("an acknowledged push survives kill -9", "[store][durability]") {
    StoreFixture f;
    const auto caller = f.caller("mgr.paris");
    f.store.reset();  // the child process owns the database while it runs

    int ready[2];
    REQUIRE(pipe(ready) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(ready[0]);
        char answer = 'n';
        try {
            auto store = f.database.open();
            std::vector<Observation> records;
            for (int i = 1; i <= 50; ++i) records.push_back(observation(uuid(i), "e-paris-1"));
            const auto outcomes = store->push(caller, records, {}, push_time);
            if (outcomes.size() == 50 && outcomes.back().status == PushStatus::accepted) answer = 'y';
            // The acknowledgement: from here on the parent may kill us at any instant; the store stays open.
            if (write(ready[1], &answer, 1) != 1) _exit(2);
            for (;;) pause();
        } catch (...) {
            if (write(ready[1], &answer, 1) != 1) _exit(2);
            _exit(3);
        }
    }
    close(ready[1]);
    char answer = 0;
    REQUIRE(read(ready[0], &answer, 1) == 1);
    close(ready[0]);
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    REQUIRE(answer == 'y');

    f.store = f.database.open();
    CHECK(f.observations().size() == 50);
    CHECK(f.push_one("mgr.paris", observation(uuid(50), "e-paris-1")).status == PushStatus::duplicate);
}

TEST_CASE("the database size counts the database and its write-ahead log", "[store][sqlite-only]") {
    StoreFixture f;
    const auto before = f.store->database_bytes();
    CHECK(before > 0);
    std::vector<Observation> records;
    for (int i = 1; i <= 300; ++i) records.push_back(observation(uuid(i), "e-lyon-1"));
    f.push("hq", records);
    CHECK(f.store->database_bytes() > before);
}

TEST_CASE("opening fails with a message naming the path and the cause", "[store][sqlite-only]") {
    TempDir dir;
    SECTION("the data folder is a file") {
        const auto file = dir.path() / "plain-file";
        std::ofstream(file) << "x";
        try {
            (void)server::open_sqlite_store(file);
            FAIL("opened a data folder that is a file");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()).find("plain-file") != std::string::npos);
        }
    }
    SECTION("the database file is not a database") {
        std::ofstream(dir.path() / "floorwalk.db") << std::string(4096, 'z');
        try {
            (void)server::open_sqlite_store(dir.path());
            FAIL("opened a file that is not a database");
        } catch (const std::runtime_error& e) {
            const std::string message = e.what();
            CHECK(message.find("floorwalk.db") != std::string::npos);
            CHECK(message.find("not a database") != std::string::npos);
        }
    }
}

TEST_CASE("reads and writes from many threads at once stay consistent", "[store][concurrency]") {
    StoreFixture f;
    const auto hq = f.caller("hq");  // Catch's assertions are not for worker threads: count failures instead
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i) {
                const auto id = uuid(t * 100 + i + 1);
                const auto outcome = f.store->push(hq, {observation(id, "e-lyon-2")}, {}, push_time);
                if (outcome[0].status != PushStatus::accepted) ++failures;
                if (f.store->units(f.org).size() != 6) ++failures;
                if (!f.store->find_user_by_username(f.org, "mgr.lyon")) ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(failures == 0);
    CHECK(f.observations().size() == 80);
}
