// Several real floorwalk-server processes on one database, as behind a load balancer that sends any request to any
// server: what one acknowledges the others serve (pulls, indicators); a sign-out, a revoked device and a throttled
// account hold on every server at once; writers and pullers spread over the servers never make a puller skip or
// repeat a change; and a server killed with SIGKILL in the middle of pushes loses nothing and stores nothing twice
// when its phones retry on another server.
//
// Registered for PostgreSQL only (pg.faults.multi_server: ...), the deployment several servers are meant for.
#include "support/fixtures.h"
#include "support/ledger.h"
#include "support/phone.h"
#include "support/server_process.h"
#include "support/sync_client.h"

#include "auth/password.h"
#include "floorwalk/time.h"
#include "floorwalk/wire.h"
#include "sync/sql_store.h"
#include "test_database.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <map>
#include <memory>
#include <set>
#include <thread>

#ifndef FLOORWALK_SERVER_BINARY
#error "FLOORWALK_SERVER_BINARY must name the floorwalk-server executable"
#endif

using namespace floorwalk;
using namespace floorwalk::faults;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using server::test::TempDir;
using server::test::test_password;

namespace {

const fs::path server_binary = FLOORWALK_SERVER_BINARY;
constexpr const char* json_type = "application/json";

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string join(const std::vector<std::string>& lines, std::size_t most = 20) {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < most; ++i) out += lines[i] + "\n";
    if (lines.size() > most) out += "... and " + std::to_string(lines.size() - most) + " more\n";
    return out;
}

std::string bearer(const Account& account) { return "Bearer " + account.token; }

HttpReply get(HttpClient& client, const std::string& target, const Account& account) {
    return client.request("GET", target, {}, {{"Authorization", bearer(account)}, {"Accept", json_type}});
}

// The error code of a JSON error answer, or "".
std::string error_code(const HttpReply& reply) {
    pb::ErrorResponse error;
    std::string ignored;
    if (!wire::from_json(reply.body, &error, &ignored)) return {};
    return error.error().code();
}

// A sign-in that may be refused: the whole answer.
HttpReply try_login(HttpClient& client, const std::string& organization, const std::string& username,
                    const std::string& password, const std::string& device_id) {
    pb::LoginRequest request;
    request.set_organization(organization);
    request.set_username(username);
    request.set_password(password);
    request.set_device_id(device_id);
    request.set_device_name("multi-server " + device_id);
    return client.request("POST", "/api/v1/auth/login", wire::to_json(request),
                          {{"Content-Type", json_type}, {"Accept", json_type}});
}

// One database with two organisations, "alpha" and "beta" (tests/server/support/fixtures.h: units hq > north >
// n1, n2 and hq > south > s1; employees e1, e2 in n1, e3 in n2, e4 in s1; every password test_password), alpha
// with three more managers (manager3 of n2, manager4 of n1, manager5 of s1), and the servers started on it.
class Deployment {
public:
    Deployment() {
        const auto store = database().open();
        alpha_id_ = server::test::seed_organization(*store, "alpha").id;
        static_cast<void>(server::test::seed_organization(*store, "beta"));
        const auto hash = server::hash_password(test_password, server::HashCost::fast);
        std::vector<server::UserImportRow> managers;
        const std::vector<std::pair<std::string, std::string>> extra = {
            {"manager3", "n2"}, {"manager4", "n1"}, {"manager5", "s1"}};
        for (const auto& [username, unit] : extra) {
            server::UserImportRow row;
            row.user.username = username;
            row.user.display_name = "User " + username;
            row.user.role = Role::manager;
            row.user.unit_ids = {unit};
            row.password_hash = hash;
            managers.push_back(std::move(row));
        }
        const auto imported = store->import_users(alpha_id_, managers);
        if (!imported.errors.empty()) throw std::runtime_error("the extra managers were refused");
    }

    [[nodiscard]] floorwalk::test::TestDatabase& database() const {
        return floorwalk::test::test_database(dir_.path() / "data");
    }
    [[nodiscard]] const std::string& alpha_id() const { return alpha_id_; }

    ServerProcess& start(const std::string& name) {
        servers_.push_back(std::make_unique<ServerProcess>(server_binary, database().server_arguments(),
                                                           dir_.path() / ("server-" + name)));
        return *servers_.back();
    }

    // Rows of a table of one organisation, counted in the database itself.
    [[nodiscard]] std::int64_t count_rows(const std::string& table, const std::string& organization_id) const {
        const auto store = database().open();
        auto& sql = dynamic_cast<server::SqlStore&>(*store);
        auto session = sql.engine().begin(server::db::SessionKind::single);
        auto statement = session->db().prepare("SELECT count(*) FROM " + table + " WHERE organization_id = ?1");
        statement.bind_all(organization_id);
        return statement.step() ? statement.int64(0) : -1;
    }

private:
    TempDir dir_;
    std::string alpha_id_;
    std::vector<std::unique_ptr<ServerProcess>> servers_;
};

// Pushes a batch that must be stored whole, and records the acknowledgement.
void push_acknowledged(HttpClient& client, Phone& phone, const pb::PushRequest& request, Encoding encoding) {
    const auto reply = push(client, phone.account, encode(request, encoding), encoding);
    INFO("push answer: " << reply.status << " " << reply.body.substr(0, 500));
    const auto response = decode_push(reply);
    REQUIRE(response);
    const auto problems = phone.ledger.acknowledge(request, *response);
    INFO(join(problems));
    REQUIRE(problems.empty());
    for (const auto& result : response->results()) REQUIRE(result.status() == pb::ACCEPTED);
}

// Observations of the ledger that count in the indicators of [from, to): current, not deleted, observed then.
int counted_observations(const Ledger& ledger, Timestamp from, Timestamp to) {
    int count = 0;
    for (const auto& [id, observation] : ledger.observations())
        if (!observation.deleted && observation.observed_at >= from && observation.observed_at < to) ++count;
    return count;
}

}  // namespace

TEST_CASE("two servers on one database: what A acknowledges, B pulls and counts in its indicators", "[concurrency]") {
    Deployment deployment;
    auto& a = deployment.start("a");
    auto& b = deployment.start("b");
    HttpClient to_a(a.port());
    HttpClient to_b(b.port());
    for (auto* client : {&to_a, &to_b}) {
        const auto ready = client->request("GET", "/readyz");
        INFO(ready.body);
        REQUIRE(ready.status == 200);
    }

    auto phone = sign_in_phone(to_a, "alpha", "manager", test_password, "two-servers", 20261211);
    const auto hq = login(to_a, "alpha", "analyst", test_password, "hq-laptop");
    // B's indicators of alpha are loaded before the pushes, so that B must catch up with A's writes.
    const auto before = get(to_b, "/api/v1/indicators?unitId=hq", hq);
    REQUIRE(before.status == 200);

    for (int k = 0; k < 4; ++k)
        push_acknowledged(to_a, phone, make_batch(phone, 30 + k * 20), k % 2 ? Encoding::json : Encoding::protobuf);

    // A pull through B with A's token, from the start: everything A acknowledged, as acknowledged.
    auto through_b = pull_all(to_b, phone.account, 50);
    auto problems = phone.ledger.verify(through_b, [&](const std::string& text) { return phone.ours(text); });
    INFO(join(problems));
    REQUIRE(problems.empty());
    REQUIRE(phone.ledger.observations().size() > 50);

    // A cursor B handed out is honoured by A and the other way round: more pushes through A, pulled through B
    // from B's cursor, then through A from that one.
    push_acknowledged(to_a, phone, make_batch(phone, 40), Encoding::protobuf);
    pull_since(to_b, phone.account, through_b, 50);
    problems = phone.ledger.verify(through_b, [&](const std::string& text) { return phone.ours(text); });
    INFO(join(problems));
    REQUIRE(problems.empty());
    push_acknowledged(to_b, phone, make_batch(phone, 40), Encoding::json);
    pull_since(to_a, phone.account, through_b, 50);
    problems = phone.ledger.verify(through_b, [&](const std::string& text) { return phone.ours(text); });
    INFO(join(problems));
    REQUIRE(problems.empty());

    // The same indicators from both servers, counting every acknowledged observation.
    const auto at = wall_now();
    const auto from = at - std::chrono::days(40);
    const auto query = "/api/v1/indicators?unitId=hq&windowDays=90&at=" + format_rfc3339(at) +
                       "&from=" + format_rfc3339(from) + "&to=" + format_rfc3339(at);
    const auto from_a = get(to_a, query, hq);
    const auto from_b = get(to_b, query, hq);
    INFO("A: " << from_a.body.substr(0, 600) << "\nB: " << from_b.body.substr(0, 600));
    REQUIRE(from_a.status == 200);
    REQUIRE(from_b.status == 200);
    CHECK(from_b.body == from_a.body);
    pb::IndicatorsResponse indicators;
    std::string error;
    REQUIRE(wire::from_json(from_b.body, &indicators, &error));
    CHECK_FALSE(indicators.hidden());
    CHECK(indicators.observations() == counted_observations(phone.ledger, from, at));
    CHECK(indicators.observations() > 50);
}

TEST_CASE("two servers on one database: a sign-out or a revoked device on one is refused by the other at once") {
    Deployment deployment;
    auto& a = deployment.start("a");
    auto& b = deployment.start("b");
    HttpClient to_a(a.port());
    HttpClient to_b(b.port());

    const auto revoked = login(to_b, "alpha", "manager2", test_password, "revoked-phone");
    const auto signed_out = login(to_b, "alpha", "manager", test_password, "signed-out-phone");
    const auto kept = login(to_b, "alpha", "director", test_password, "kept-phone");
    for (const auto* account : {&revoked, &signed_out, &kept}) REQUIRE(get(to_b, "/api/v1/me", *account).status == 200);

    const auto admin = login(to_a, "alpha", "admin", test_password, "admin-laptop");
    const auto revoke = to_a.request("POST", "/api/v1/admin/devices/revoked-phone/revoke", {},
                                     {{"Authorization", bearer(admin)}, {"Accept", json_type}});
    INFO(revoke.body);
    REQUIRE(revoke.status == 200);
    const auto logout = to_a.request("POST", "/api/v1/auth/logout", {},
                                     {{"Authorization", bearer(signed_out)}, {"Accept", json_type}});
    REQUIRE(logout.status / 100 == 2);

    for (const auto* account : {&revoked, &signed_out}) {
        const auto me = get(to_b, "/api/v1/me", *account);
        CHECK(me.status == 401);
        CHECK(error_code(me) == "token_invalid");
        const auto pull = get(to_b, "/api/v1/sync/pull", *account);
        CHECK(pull.status == 401);
    }
    CHECK(get(to_b, "/api/v1/me", kept).status == 200);
    // The revoked device cannot sign in again, on either server.
    for (auto* client : {&to_a, &to_b}) {
        const auto again = try_login(*client, "alpha", "manager2", test_password, "revoked-phone");
        CHECK(again.status == 403);
        CHECK(error_code(again) == "device_revoked");
    }
}

TEST_CASE("two servers on one database: failed sign-ins on both add up to one lock") {
    Deployment deployment;
    auto& a = deployment.start("a");
    auto& b = deployment.start("b");
    HttpClient to_a(a.port());
    HttpClient to_b(b.port());
    // Five attempts per account in the window (ThrottleConfig), spread over both servers.
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto& client = attempt % 2 ? to_b : to_a;
        const auto reply = try_login(client, "alpha", "director", "not-the-password", "guessing-phone");
        INFO("attempt " << attempt + 1);
        CHECK(reply.status == 401);
        CHECK(error_code(reply) == "invalid_credentials");
    }
    // The sixth, with the right password, is refused on both servers, whichever saw fewer attempts.
    for (auto* client : {&to_b, &to_a}) {
        const auto reply = try_login(*client, "alpha", "director", test_password, "guessing-phone");
        CHECK(reply.status == 429);
        CHECK(error_code(reply) == "too_many_attempts");
        CHECK_FALSE(reply.header("Retry-After").empty());
    }
    // Another account from the same address is not locked.
    CHECK(try_login(to_b, "alpha", "analyst", test_password, "other-laptop").status == 200);
}

namespace {

// A phone of the concurrency case: its own account and device, on one server.
struct Writer {
    std::string organization;
    Phone phone;
    std::size_t server = 0;
    std::vector<std::string> problems;
    int batches = 0;
};

// A client that pulls the whole time, each page through the next server, and checks every page against what it
// saw before: no (record, revision) twice, no revision older than one already seen, no deletion twice.
struct Puller {
    std::string organization;
    Account account;
    std::set<std::size_t> sees;  // the writers whose every record it must see; it must see none of the others'
    bool notes_withheld = false;  // a director reads other managers' activities without their note
    Snapshot merged;             // as a phone keeps it
    std::map<std::string, int> latest_revision;
    std::set<std::pair<std::string, int>> seen;
    std::set<std::string> deletions;
    std::vector<std::string> problems;
    int records_pulled = 0;
    int sweeps = 0;

    void check(const std::string& kind, const std::string& id, int revision) {
        ++records_pulled;
        if (!seen.insert({id, revision}).second)
            problems.push_back(kind + " " + id + " revision " + std::to_string(revision) + " was pulled twice");
        auto& latest = latest_revision[id];
        if (revision < latest)
            problems.push_back(kind + " " + id + " came back at revision " + std::to_string(revision) + " after " +
                               std::to_string(latest));
        latest = std::max(latest, revision);
    }

    void apply(const pb::PullResponse& page) {
        for (const auto& observation : page.observations())
            check("observation", observation.id(), observation.revision());
        for (const auto& activity : page.activities()) check("activity", activity.id(), activity.revision());
        for (const auto& id : page.deleted_ids())
            if (!deletions.insert(id).second) problems.push_back("the deletion of " + id + " was pulled twice");
        merge_page(merged, page);
    }
};


}  // namespace

TEST_CASE("eight writers and four pullers over two servers: no puller skips or repeats a change", "[concurrency]") {
    Deployment deployment;
    std::vector<ServerProcess*> servers{&deployment.start("a"), &deployment.start("b")};

    // Distinct devices and managers of alpha (two phones of one manager among them), and beta's two managers.
    const std::vector<std::pair<std::string, std::string>> authors = {
        {"alpha", "manager"},  {"alpha", "manager"},  {"alpha", "manager2"}, {"alpha", "manager3"},
        {"alpha", "manager4"}, {"alpha", "manager5"}, {"beta", "manager"},   {"beta", "manager2"}};
    std::vector<std::unique_ptr<Writer>> writers;
    for (std::size_t w = 0; w < authors.size(); ++w) {
        HttpClient client(servers[w % 2]->port());
        const auto tag = "mw" + std::to_string(10 + w) + "-";  // equal lengths: no tag starts another
        auto phone = sign_in_phone(client, authors[w].first, authors[w].second, test_password, tag,
                                   static_cast<std::uint32_t>(20261300 + w));
        writers.push_back(std::make_unique<Writer>(Writer{authors[w].first, std::move(phone), w % 2, {}, 0}));
    }
    // Whole organisations (HQ, ADMIN), and the director of alpha's north (n1 and n2: manager, manager3, manager4).
    const std::vector<std::tuple<std::string, std::string, std::set<std::size_t>>> readers = {
        {"alpha", "analyst", {0, 1, 2, 3, 4, 5}},
        {"alpha", "admin", {0, 1, 2, 3, 4, 5}},
        {"alpha", "director", {0, 1, 3, 4}},
        {"beta", "analyst", {6, 7}}};
    // Writers by user: a record's observer or manager tells whose it is, whether or not its text came along.
    std::map<std::string, std::set<std::size_t>> writers_of_user;
    for (std::size_t w = 0; w < writers.size(); ++w) writers_of_user[writers[w]->phone.account.user_id].insert(w);
    std::vector<std::unique_ptr<Puller>> pullers;
    for (std::size_t p = 0; p < readers.size(); ++p) {
        HttpClient client(servers[p % 2]->port());
        auto puller = std::make_unique<Puller>();
        puller->organization = std::get<0>(readers[p]);
        puller->account = login(client, puller->organization, std::get<1>(readers[p]), test_password,
                                "puller-" + std::to_string(p));
        puller->sees = std::get<2>(readers[p]);
        puller->notes_withheld = std::get<1>(readers[p]) == "director";
        // Start from where the organisation stands, with its model, units and employees.
        pull_since(client, puller->account, puller->merged);
        pullers.push_back(std::move(puller));
    }

    // Bounded: a fixed number of batches per writer; pullers sweep until a sweep that started after the last
    // acknowledgement has ended, at most max_sweeps times.
    constexpr int batches_per_writer = 60;
    constexpr int max_sweeps = 20000;
    constexpr int page_limit = 100;
    std::atomic<int> writers_running{static_cast<int>(writers.size())};
    std::vector<std::thread> threads;
    for (auto& writer : writers) {
        threads.emplace_back([&, w = writer.get()] {
            HttpClient client(servers[w->server]->port());
            for (int k = 0; k < batches_per_writer && w->problems.empty(); ++k) {
                const auto request = make_batch(w->phone, 1 + w->phone.factory.random()() % 8);
                const auto encoding = k % 2 ? Encoding::json : Encoding::protobuf;
                const auto reply = push(client, w->phone.account, encode(request, encoding), encoding);
                const auto response = decode_push(reply);
                if (!response) {
                    w->problems.push_back("push answered " + std::to_string(reply.status) + ": " +
                                          reply.body.substr(0, 300));
                    break;
                }
                for (auto& problem : w->phone.ledger.acknowledge(request, *response)) w->problems.push_back(problem);
                for (const auto& result : response->results())
                    if (result.status() != pb::ACCEPTED)
                        w->problems.push_back("record " + result.id() + " answered " +
                                              pb::PushStatus_Name(result.status()) + " " + result.error().message());
                ++w->batches;
            }
            --writers_running;
        });
    }
    for (auto& puller : pullers) {
        threads.emplace_back([&, p = puller.get()] {
            std::vector<std::unique_ptr<HttpClient>> clients;
            for (auto* server : servers) clients.push_back(std::make_unique<HttpClient>(server->port()));
            std::size_t next = 0;
            try {
                for (; p->sweeps < max_sweeps; ++p->sweeps) {
                    const bool last = writers_running == 0;  // read before the sweep starts
                    for (bool more = true; more;) {
                        const auto page = pull_page(*clients[next++ % clients.size()], p->account, p->merged.cursor,
                                                    page_limit);
                        p->apply(page);
                        more = page.has_more();
                    }
                    if (last) return;
                    std::this_thread::sleep_for(1ms);
                }
                p->problems.push_back("still pulling after " + std::to_string(max_sweeps) + " sweeps");
            } catch (const std::exception& error) {
                p->problems.push_back(error.what());
            }
        });
    }
    for (auto& thread : threads) thread.join();

    std::size_t acknowledged = 0;
    for (std::size_t w = 0; w < writers.size(); ++w) {
        INFO("writer " << w << " (" << writers[w]->organization << "): " << join(writers[w]->problems));
        CHECK(writers[w]->problems.empty());
        CHECK(writers[w]->batches == batches_per_writer);
        acknowledged += writers[w]->phone.ledger.accepted();
    }
    for (std::size_t p = 0; p < pullers.size(); ++p) {
        auto& puller = *pullers[p];
        INFO("puller " << p << " (" << puller.organization << ", " << puller.sweeps << " sweeps, "
                       << puller.merged.pages << " pages)");
        {
            INFO(join(puller.problems));
            CHECK(puller.problems.empty());
        }
        // Every acknowledged record of the writers it sees, at its latest revision and content.
        for (const auto w : puller.sees) {
            const auto& writer = *writers[w];
            const auto problems = writer.phone.ledger.verify(
                puller.merged, [&](const std::string& text) { return writer.phone.ours(text); },
                puller.notes_withheld);
            INFO("writer " << w << ": " << join(problems));
            CHECK(problems.empty());
        }
        // Nothing of the others (another organisation, or units outside the director's): every record pulled is
        // by a user one of whose phones the puller sees.
        const auto seen_author = [&](const std::string& user_id) {
            const auto found = writers_of_user.find(user_id);
            if (found == writers_of_user.end()) return false;
            return std::ranges::any_of(found->second, [&](std::size_t w) { return puller.sees.contains(w); });
        };
        std::vector<std::string> outside;
        for (const auto& [id, observation] : puller.merged.observations)
            if (!seen_author(observation.observer_id())) outside.push_back("observation " + id + " by " + observation.observer_id());
        for (const auto& [id, activity] : puller.merged.activities)
            if (!seen_author(activity.manager_id())) outside.push_back("activity " + id + " by " + activity.manager_id());
        INFO(join(outside));
        CHECK(outside.empty());
        CHECK(puller.merged.pages > 10);  // pages were pulled while the writers wrote, not only at the end
    }
    WARN("records acknowledged: " << acknowledged << "; pages pulled per puller: " << pullers[0]->merged.pages << ", "
                                  << pullers[1]->merged.pages << ", " << pullers[2]->merged.pages << ", "
                                  << pullers[3]->merged.pages);
}

namespace {

// A phone of the SIGKILL case, which retries a push that got no answer on the other server, as a phone behind a
// load balancer does.
struct RetryingPhone {
    Phone phone;
    std::size_t server = 0;
    std::vector<std::string> problems;
    int batches = 0;
    int retried = 0;             // pushes whose first try got no answer
    int batches_after_kill = 0;  // acknowledged after the kill
    // Revisions the database must hold: every ACCEPTED result, and every DUPLICATE answered to the retry of a
    // push whose first try was stored without an answer.
    std::int64_t observation_revisions = 0;
    std::int64_t activity_revisions = 0;
};

// Pushes `request` until a server answers (at most `attempts` tries), switching servers after a try without an
// answer; records the outcome in the phone.
void push_with_retries(RetryingPhone& p, std::vector<std::unique_ptr<HttpClient>>& clients,
                       const pb::PushRequest& request, Encoding encoding, int attempts = 6) {
    bool in_doubt = false;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        const auto reply = push(*clients[p.server], p.phone.account, encode(request, encoding), encoding);
        if (reply.status == 0) {
            in_doubt = true;
            p.server = (p.server + 1) % clients.size();
            continue;
        }
        const auto response = decode_push(reply);
        if (!response) {
            p.problems.push_back("push answered " + std::to_string(reply.status) + ": " + reply.body.substr(0, 300));
            return;
        }
        for (auto& problem : p.phone.ledger.acknowledge(request, *response, /*duplicates_confirm=*/in_doubt))
            p.problems.push_back(problem);
        // One transaction per push: a retry finds the whole batch stored (DUPLICATE) or none of it (ACCEPTED).
        std::set<pb::PushStatus> statuses;
        for (int i = 0; i < response->results_size(); ++i) {
            const auto& result = response->results(i);
            statuses.insert(result.status());
            const bool stored = result.status() == pb::ACCEPTED || (in_doubt && result.status() == pb::DUPLICATE);
            if (!stored)
                p.problems.push_back("record " + result.id() + " answered " + pb::PushStatus_Name(result.status()) +
                                     (in_doubt ? " to a retry " : " ") + result.error().message());
            else if (i < request.observations_size())
                ++p.observation_revisions;
            else
                ++p.activity_revisions;
        }
        if (statuses.size() > 1) p.problems.push_back("a retried batch was answered partly DUPLICATE, partly not");
        ++p.batches;
        p.retried += in_doubt ? 1 : 0;
        return;
    }
    p.problems.push_back("no server answered a push in " + std::to_string(attempts) + " tries");
}

}  // namespace

TEST_CASE("SIGKILL of one server during pushes: its phones retry on the other, nothing lost, nothing stored twice",
          "[concurrency]") {
    Deployment deployment;
    std::vector<ServerProcess*> servers{&deployment.start("a"), &deployment.start("b")};

    const std::vector<std::string> managers = {"manager", "manager2", "manager3", "manager4"};
    std::vector<std::unique_ptr<RetryingPhone>> phones;
    for (std::size_t i = 0; i < managers.size(); ++i) {
        HttpClient client(servers[i % 2]->port());
        auto phone = sign_in_phone(client, "alpha", managers[i], test_password, "kill" + std::to_string(10 + i) + "-",
                                   static_cast<std::uint32_t>(20261400 + i));
        phones.push_back(std::make_unique<RetryingPhone>(RetryingPhone{std::move(phone), i % 2}));
    }

    constexpr int batches_per_phone = 25;
    std::atomic<int> acknowledged{0};
    std::atomic<bool> killed{false};
    std::vector<std::thread> threads;
    for (auto& phone : phones) {
        threads.emplace_back([&, p = phone.get()] {
            std::vector<std::unique_ptr<HttpClient>> clients;
            for (auto* server : servers) clients.push_back(std::make_unique<HttpClient>(server->port(), std::nullopt, 20s));
            for (int k = 0; k < batches_per_phone && p->problems.empty(); ++k) {
                const bool after_kill = killed;
                push_with_retries(*p, clients, make_batch(p->phone, 10 + p->phone.factory.random()() % 60),
                                  k % 2 ? Encoding::json : Encoding::protobuf);
                ++acknowledged;
                if (after_kill) ++p->batches_after_kill;
            }
        });
    }
    // Let the pushes build up (bounded), then kill A while they go on.
    for (int i = 0; i < 3000 && acknowledged < 8; ++i) std::this_thread::sleep_for(10ms);
    const bool loaded = acknowledged >= 8;
    const auto status = servers[0]->kill();
    killed = true;
    for (auto& thread : threads) thread.join();

    REQUIRE(loaded);
    REQUIRE(status.signal == SIGKILL);
    std::int64_t observation_revisions = 0;
    std::int64_t activity_revisions = 0;
    int retried = 0;
    for (std::size_t i = 0; i < phones.size(); ++i) {
        const auto& p = *phones[i];
        INFO("phone " << i << ": " << join(p.problems));
        CHECK(p.problems.empty());
        CHECK(p.batches == batches_per_phone);
        CHECK(p.server == 1);  // A's phones moved to B
        CHECK(p.batches_after_kill > 0);
        observation_revisions += p.observation_revisions;
        activity_revisions += p.activity_revisions;
        retried += p.retried;
    }
    WARN("pushes without an answer, retried on B: " << retried << "; revisions stored: " << observation_revisions
                                                    << " observations, " << activity_revisions << " activities");

    // Every acknowledged record is served by the survivor and by A restarted, as acknowledged.
    auto& restarted = deployment.start("a-restarted");
    for (auto* server : {servers[1], &restarted}) {
        HttpClient client(server->port());
        CHECK(client.request("GET", "/readyz").status == 200);
        const auto hq = login(client, "alpha", "analyst", test_password, "hq-" + std::to_string(server->port()));
        const auto snapshot = pull_all(client, hq, 1000);
        for (std::size_t i = 0; i < phones.size(); ++i) {
            const auto& phone = phones[i]->phone;
            const auto problems = phone.ledger.verify(snapshot, [&](const std::string& text) { return phone.ours(text); });
            INFO("phone " << i << " pulled through port " << server->port() << ": " << join(problems));
            CHECK(problems.empty());
        }
    }
    // Exactly once in the database: as many stored revisions as were acknowledged (a retry stored as a new
    // revision, or a batch stored twice, would add rows).
    CHECK(deployment.count_rows("observation_revisions", deployment.alpha_id()) == observation_revisions);
    CHECK(deployment.count_rows("activity_revisions", deployment.alpha_id()) == activity_revisions);
}

TEST_CASE("a server whose database is dropped stays up and answers /readyz 503 database_unreachable",
          "[postgres-only]") {
    const auto cluster = floorwalk::test::postgres_cluster_url();
    REQUIRE_FALSE(cluster.empty());  // registered for PostgreSQL only
    TempDir dir;
    floorwalk::test::PostgresTestDatabase database(cluster);
    ServerProcess server(server_binary, {"--database", database.url()}, dir.path() / "server");
    HttpClient client(server.port());
    const auto ready = client.request("GET", "/readyz");
    CHECK(ready.status == 200);
    CHECK(ready.body.find(R"("status":"ready")") != std::string::npos);
    const auto head = client.request("HEAD", "/readyz");
    CHECK(head.status == 200);
    CHECK(head.body.empty());

    database.drop();  // terminates the server's connections; new ones find no database

    const auto gone = client.request("GET", "/readyz");
    INFO(gone.body);
    CHECK(gone.status == 503);
    CHECK(error_code(gone) == "database_unreachable");
    CHECK(gone.body.find(database.name()) == std::string::npos);  // the cause goes to the log, not to anyone asking
    CHECK(client.request("HEAD", "/api/v1/readyz").status == 503);
    CHECK_FALSE(server.wait(0ms).has_value());  // still running: readiness is reported, not fatal
    CHECK(server.error_tail().find("not ready") != std::string::npos);
}
