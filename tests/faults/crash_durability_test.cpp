// "What it acknowledges is never lost": the real floorwalk-server binary on demo data, killed with SIGKILL after
// acknowledged batches and while a push is in flight, restarted on the same folder, and stopped with SIGTERM under
// load. After every restart each acknowledged record is pulled back with its content, an unacknowledged batch is
// stored whole or not at all, and its retry is answered ACCEPTED or DUPLICATE, never lost or changed.
#include "support/fixtures.h"
#include "support/ledger.h"
#include "support/phone.h"
#include "support/server_process.h"
#include "support/sync_client.h"

#include <catch2/catch.hpp>
#include "test_database.h"

#include <sqlite3.h>

#include <array>
#include <atomic>
#include <map>
#include <csignal>
#include <set>
#include <thread>

#ifndef FLOORWALK_SERVER_BINARY
#error "FLOORWALK_SERVER_BINARY must name the floorwalk-server executable"
#endif

using namespace floorwalk;
using namespace floorwalk::faults;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using server::test::RawConnection;
using server::test::TempDir;

namespace {

const fs::path server_binary = FLOORWALK_SERVER_BINARY;
constexpr auto demo_password = "demo1234";

std::string join(const std::vector<std::string>& lines, std::size_t most = 20) {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < most; ++i) out += lines[i] + "\n";
    if (lines.size() > most) out += "... and " + std::to_string(lines.size() - most) + " more\n";
    return out;
}

// A demo data folder and the server processes started on it, one after the other.
class Harness {
public:
    Harness() {
        std::vector<std::string> demo{"demo"};
        for (const auto& argument : database().server_arguments()) demo.push_back(argument);
        const auto status = run_to_completion(server_binary, demo,
                                              dir_.path() / "demo.log", 120s);
        if (!status || !status->exited || status->code != 0)
            throw std::runtime_error("floorwalk-server demo failed: " +
                                     (status ? status->describe() : std::string("still running after 120 s")));
    }

    [[nodiscard]] fs::path data() const { return dir_.path() / "data"; }
    // The harness's database: SQLite in data(), or a PostgreSQL database in the PostgreSQL run.
    [[nodiscard]] floorwalk::test::TestDatabase& database() const { return floorwalk::test::test_database(data()); }

    ServerProcess& start() {
        server_.reset();
        server_ = std::make_unique<ServerProcess>(server_binary, database().server_arguments(),
                                                  dir_.path() / ("server-" + std::to_string(++starts_)));
        return *server_;
    }

    [[nodiscard]] ServerProcess& server() { return *server_; }

private:
    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
    int starts_ = 0;
};

Phone sign_in(ServerProcess& server, const std::string& tag, std::uint32_t seed) {
    HttpClient client(server.port());
    return sign_in_phone(client, "demo", "manager", demo_password, tag, seed);
}

// Pushes a batch that must be stored whole, and records the acknowledgement.
void push_acknowledged(HttpClient& client, Phone& phone, const pb::PushRequest& request, Encoding encoding) {
    const auto reply = push(client, phone.account, encode(request, encoding), encoding);
    INFO("push answer: " << reply.status << " " << reply.body.substr(0, 500));
    const auto response = decode_push(reply);
    REQUIRE(response);
    const auto problems = phone.ledger.acknowledge(request, *response);
    INFO(join(problems));
    REQUIRE(problems.empty());
    for (const auto& result : response->results()) {
        INFO("record " << result.id() << ": " << result.error().code() << " " << result.error().message());
        REQUIRE(result.status() == pb::ACCEPTED);
    }
}

// How many records of `request` the snapshot shows at the revision the request carries.
std::size_t stored_count(const pb::PushRequest& request, const Snapshot& snapshot) {
    std::size_t stored = 0;
    for (const auto& observation : request.observations()) {
        const auto found = snapshot.observations.find(observation.id());
        if (observation.deleted() ? found == snapshot.observations.end()
                                  : found != snapshot.observations.end() &&
                                        found->second.revision() == observation.revision())
            ++stored;
    }
    for (const auto& activity : request.activities()) {
        const auto found = snapshot.activities.find(activity.id());
        if (activity.deleted() ? found == snapshot.activities.end()
                               : found != snapshot.activities.end() && found->second.revision() == activity.revision())
            ++stored;
    }
    return stored;
}

// What became of the batch a fault interrupted, as the pull after the restart shows it.
enum class Fate { none, lost_before_commit, stored_unanswered, answered };

// After a restart: the batch whose answer never came is stored whole or not at all, and its retry is answered
// DUPLICATE (all stored) or ACCEPTED (none stored) for every record. Then the pull shows exactly the ledger.
Fate settle_in_doubt(ServerProcess& server, Phone& phone, const std::optional<pb::PushRequest>& in_doubt,
                     bool answered) {
    HttpClient client(server.port());
    auto fate = Fate::none;
    if (in_doubt) {
        const auto before = pull_all(client, phone.account);
        const auto total = static_cast<std::size_t>(in_doubt->observations_size() + in_doubt->activities_size());
        const auto stored = stored_count(*in_doubt, before);
        INFO("records of the interrupted batch stored: " << stored << " of " << total);
        REQUIRE((stored == 0 || stored == total));  // one transaction per batch: never a partial write
        if (answered) REQUIRE(stored == total);
        fate = answered ? Fate::answered : stored == total ? Fate::stored_unanswered : Fate::lost_before_commit;

        const auto reply = push(client, phone.account, encode(*in_doubt, Encoding::protobuf), Encoding::protobuf);
        INFO("retry answer: " << reply.status << " " << reply.body.substr(0, 500));
        const auto response = decode_push(reply);
        REQUIRE(response);
        const auto problems = phone.ledger.acknowledge(*in_doubt, *response, /*duplicates_confirm=*/true);
        INFO(join(problems));
        REQUIRE(problems.empty());
        const auto expected = stored == total ? pb::DUPLICATE : pb::ACCEPTED;
        for (const auto& result : response->results()) {
            INFO("record " << result.id() << ": " << pb::PushStatus_Name(result.status()) << " "
                           << result.error().code() << " " << result.error().message());
            REQUIRE(result.status() == expected);
        }
    }
    const auto after = pull_all(client, phone.account);
    const auto problems = phone.ledger.verify(after, [&](const std::string& text) { return phone.ours(text); });
    INFO(phone.ledger.observations().size() << " observations and " << phone.ledger.activities().size()
                                            << " activities acknowledged\n"
                                            << join(problems));
    REQUIRE(problems.empty());
    return fate;
}

std::string integrity_check(const fs::path& database) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        std::string error = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return "cannot open: " + error;
    }
    std::string result;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW)
            result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    } else {
        result = sqlite3_errmsg(db);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return result;
}

}  // namespace

TEST_CASE("acknowledged pushes survive SIGKILL, after acknowledged batches and in the middle of a push") {
    Harness harness;
    auto* server = &harness.start();
    auto phone = sign_in(*server, "fault-crash", 20261201);

    // The delays move the kill across the push: before the server reads the request, while it validates, while it
    // commits, and after it answered. Between kills, a varying number of batches is acknowledged normally.
    constexpr std::array delays = {0ms, 1ms, 3ms, 6ms, 10ms, 15ms, 22ms, 30ms, 45ms, 70ms, 100ms, 150ms};
    std::map<Fate, int> fates;
    for (std::size_t r = 0; r < delays.size(); ++r) {
        INFO("round " << r << ", kill " << delays[r].count() << " ms after the batch was sent");
        {
            HttpClient client(server->port());
            const auto batches = static_cast<int>(r % 4);
            for (int k = 0; k < batches; ++k)
                push_acknowledged(client, phone, make_batch(phone, 10 + (r * 37 + k * 53) % 200),
                                  k % 2 ? Encoding::json : Encoding::protobuf);
        }

        const auto in_flight = make_batch(phone, r % 3 == 2 ? 120 : 500);
        const auto encoding = r % 2 ? Encoding::json : Encoding::protobuf;
        RawConnection connection(server->port());
        REQUIRE(connection.send(raw_push_request(phone.account, encode(in_flight, encoding), encoding)));
        std::this_thread::sleep_for(delays[r]);
        const auto status = server->kill();
        REQUIRE(status.signal == SIGKILL);
        const auto received = connection.receive_until_close(5s);
        const auto answer = decode_raw_push(received.data);
        if (answer) {
            // The answer arrived before the kill: it is an acknowledgement like any other.
            const auto problems = phone.ledger.acknowledge(in_flight, *answer);
            INFO(join(problems));
            REQUIRE(problems.empty());
            for (const auto& result : answer->results()) REQUIRE(result.status() == pb::ACCEPTED);
        }

        server = &harness.start();
        ++fates[settle_in_doubt(*server, phone, in_flight, answer.has_value())];
    }
    // Figures for the reader of the log, not assertions: where the kills fell.
    WARN("kills: " << delays.size() << "; interrupted batch lost before its commit: " << fates[Fate::lost_before_commit]
                   << ", stored but unanswered: " << fates[Fate::stored_unanswered]
                   << ", answered: " << fates[Fate::answered] << "; records acknowledged: " << phone.ledger.accepted());

    const auto stopped = [&] {
        server->signal(SIGTERM);
        return server->wait(30s);
    }();
    REQUIRE(stopped);
    CHECK(stopped->exited);
    CHECK(stopped->code == 0);
    if (!harness.database().is_postgresql()) CHECK(integrity_check(harness.data() / "floorwalk.db") == "ok");
}

TEST_CASE("SIGTERM under load exits 0 and keeps every acknowledged push") {
    Harness harness;
    auto* server = &harness.start();
    auto phone = sign_in(*server, "fault-term", 20261202);

    // The pusher runs alone on the phone's state until it is joined; it reports instead of asserting.
    constexpr int max_batches = 400;
    std::atomic<int> acknowledged{0};
    std::atomic<bool> finish{false};
    std::optional<pb::PushRequest> in_doubt;
    std::vector<std::string> failures;
    std::atomic<bool> failed{false};
    std::thread pusher([&] {
        HttpClient client(server->port(), std::nullopt, 20s);
        for (int i = 0; i < max_batches && !finish; ++i) {
            auto request = make_batch(phone, 25);
            const auto encoding = i % 2 ? Encoding::json : Encoding::protobuf;
            const auto reply = push(client, phone.account, encode(request, encoding), encoding);
            if (reply.status == 0) {  // no answer: the server is going away
                in_doubt = std::move(request);
                return;
            }
            const auto response = decode_push(reply);
            if (!response) {
                failures.push_back("push answered " + std::to_string(reply.status) + ": " + reply.body.substr(0, 300));
                failed = true;
                return;
            }
            for (auto& problem : phone.ledger.acknowledge(request, *response)) failures.push_back(problem);
            for (const auto& result : response->results())
                if (result.status() != pb::ACCEPTED)
                    failures.push_back("record " + result.id() + " answered " +
                                       pb::PushStatus_Name(result.status()) + " " + result.error().message());
            if (!failures.empty()) {
                failed = true;
                return;
            }
            ++acknowledged;
        }
    });
    // Let the load build up (bounded), then ask the server to stop while pushes keep coming.
    for (int i = 0; i < 3000 && acknowledged < 8 && !failed; ++i) std::this_thread::sleep_for(10ms);
    const bool loaded = acknowledged >= 8;
    server->signal(SIGTERM);
    const auto stopped = server->wait(30s);
    finish = true;
    pusher.join();

    INFO("the server's log ends with:\n" << server->error_tail());
    REQUIRE(loaded);
    INFO(join(failures));
    REQUIRE(failures.empty());
    REQUIRE(stopped);
    CHECK(stopped->describe() == "exited with code 0");
    WARN("batches acknowledged before SIGTERM took effect: " << acknowledged.load());

    server = &harness.start();
    settle_in_doubt(*server, phone, in_doubt, false);
    server->signal(SIGTERM);
    REQUIRE(server->wait(30s));
    if (!harness.database().is_postgresql()) CHECK(integrity_check(harness.data() / "floorwalk.db") == "ok");
}
