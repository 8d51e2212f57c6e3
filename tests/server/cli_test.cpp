// floorwalk-server's command line: the admin commands in-process, and `serve` as the real executable in a
// subprocess that prints its listening line and exits 0 on SIGTERM.
#include "auth/password.h"
#include "cli/cli.h"
#include "database/postgres/postgres_engine.h"
#include "sync/sql_store.h"
#include "test_database.h"
#include "support/fixtures.h"
#include "support/http_client.h"
#include "support/json.h"

#include <catch2/catch.hpp>

#include <cstdlib>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

using namespace floorwalk;
using namespace floorwalk::server;
using namespace floorwalk::server::test;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

struct Run {
    int code = 0;
    std::string out;
    std::string err;
};

Run run(std::vector<std::string> args, const std::string& input = {}) {
    std::vector<std::string_view> views(args.begin(), args.end());
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    Run result;
    result.code = cli::run_cli(views, {in, out, err});
    result.out = out.str();
    result.err = err.str();
    return result;
}

struct CliFixture {
    TempDir dir;
    std::string data = (dir.path() / "data").string();
    // Where the commands find the data: --data DIR (SQLite), or --database URL in the PostgreSQL run.
    floorwalk::test::TestDatabase& database = floorwalk::test::test_database(data);
    std::string where_flag = database.server_arguments().at(0);
    std::string where = database.server_arguments().at(1);

    Run init() {
        return run({"admin", "init", where_flag, where, "--organization", "acme", "--admin", "root", "--password-file",
                    "-"},
                   "root-password-1\n");
    }
    Run import(const std::string& kind, const std::string& fixture) {
        return run({"admin", "import", kind, where_flag, where, "--organization", "acme", fixture_path(fixture).string()});
    }
    std::optional<StoredUser> user(const std::string& username) {
        auto store = database.open();
        return store->find_user_by_username(store->find_organization_by_name("acme")->id, username);
    }
};

}  // namespace

TEST_CASE("help and usage errors") {
    auto result = run({"--help"});
    CHECK(result.code == cli::exit_ok);
    CHECK_THAT(result.out, Contains("floorwalk-server serve (--data DIR | --database URL)"));
    CHECK(run({}).code == cli::exit_usage);
    result = run({"frobnicate"});
    CHECK(result.code == cli::exit_usage);
    CHECK_THAT(result.err, Contains("unknown command 'frobnicate'"));
    for (const auto& command : std::vector<std::vector<std::string>>{
             {"serve", "--help"}, {"demo", "--help"}, {"admin", "--help"}, {"admin", "init", "--help"},
             {"admin", "import", "--help"}, {"admin", "reset-password", "--help"}, {"admin", "revoke-device", "--help"}}) {
        INFO(command[0] << " " << command[1]);
        result = run(command);
        CHECK(result.code == cli::exit_ok);
        CHECK_THAT(result.out, Contains("Usage"));
    }
}

TEST_CASE("serve checks its options before touching anything") {
    // (FLOORWALK_DATABASE may name the database: a test run must not inherit one.)
    unsetenv("FLOORWALK_DATABASE");
    CHECK_THAT(run({"serve"}).err, Contains("--data DIR (SQLite) or --database postgresql://... (PostgreSQL) is required"));
    CHECK_THAT(run({"serve", "--data", "/tmp/x", "--database", "postgresql://db/x"}).err, Contains("give one"));
    CHECK(run({"serve", "--database", "mysql://db/x"}).code == cli::exit_usage);
    CHECK(run({"serve", "--data", "/tmp/x", "--listen", "nowhere"}).code == cli::exit_usage);
    CHECK(run({"serve", "--data", "/tmp/x", "--listen", "127.0.0.1:99999"}).code == cli::exit_usage);
    CHECK(run({"serve", "--data", "/tmp/x", "--threads", "0"}).code == cli::exit_usage);
    CHECK(run({"serve", "--data", "/tmp/x", "--tls-cert", "c.pem"}).code == cli::exit_usage);
    CHECK(run({"serve", "--data", "/tmp/x", "--token-ttl-days", "-3"}).code == cli::exit_usage);
    CHECK_THAT(run({"serve", "--data", "/tmp/x", "--colour", "blue"}).err, Contains("unknown option --colour"));
    const auto metrics = run({"serve", "--data", "/tmp/x", "--metrics-listen", "9090"});
    CHECK(metrics.code == cli::exit_usage);
    CHECK_THAT(metrics.err, Contains("--metrics-listen must read HOST:PORT"));
    CHECK(run({"serve", "--data", "/tmp/x", "--metrics-listen", "127.0.0.1:70000"}).code == cli::exit_usage);
}

TEST_CASE("serve refuses a read replica without PostgreSQL, and a replica option that cannot be right") {
    unsetenv("FLOORWALK_DATABASE");
    const auto sqlite = run({"serve", "--data", "/tmp/x", "--read-replica", "postgresql://standby/x"});
    CHECK(sqlite.code == cli::exit_usage);
    CHECK_THAT(sqlite.err, Contains("--read-replica needs --database postgresql://... (the primary): SQLite (--data) "
                                    "has no standby to read from"));
    CHECK(run({"serve", "--read-replica", "postgresql://standby/x"}).code == cli::exit_usage);
    const auto not_a_url = run({"serve", "--database", "postgresql://db/x", "--read-replica", "standby"});
    CHECK(not_a_url.code == cli::exit_usage);
    CHECK_THAT(not_a_url.err, Contains("--read-replica must be a postgresql:// URL"));
    const auto lonely_wait = run({"serve", "--database", "postgresql://db/x", "--replica-wait", "100"});
    CHECK(lonely_wait.code == cli::exit_usage);
    CHECK_THAT(lonely_wait.err, Contains("--replica-wait goes with --read-replica"));
    CHECK(run({"serve", "--database", "postgresql://db/x", "--read-replica", "postgresql://standby/x",
               "--replica-wait", "-5"})
              .code == cli::exit_usage);
    CHECK_THAT(run({"serve", "--help"}).out, Contains("--read-replica URL") && Contains("--replica-wait MS"));
}

TEST_CASE_METHOD(CliFixture, "admin init creates the organisation and its administrator from a password on stdin") {
    const auto result = init();
    INFO(result.err);
    REQUIRE(result.code == cli::exit_ok);
    const auto root = user("root");
    REQUIRE(root);
    CHECK(root->user.role == Role::admin);
    CHECK(verify_password("root-password-1", root->password_hash));

    const auto again = init();
    CHECK(again.code == cli::exit_failure);
    CHECK_THAT(again.err, Contains("already exists"));
}

TEST_CASE_METHOD(CliFixture, "admin init reads the password from a file, and refuses short ones") {
    const auto file = dir.path() / "password.txt";
    std::ofstream(file) << "file-password-1\r\n";
    auto result = run({"admin", "init", where_flag, where, "--organization", "acme", "--admin", "ops", "--password-file",
                       file.string()});
    REQUIRE(result.code == cli::exit_ok);
    CHECK(verify_password("file-password-1", user("ops")->password_hash));

    result = run({"admin", "init", where_flag, where, "--organization", "acme", "--admin", "x", "--password-file", "-"},
                 "short\n");
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("at least 8 characters"));
    CHECK(run({"admin", "init", where_flag, where, "--organization", "acme", "--admin", "y", "--password-file",
               "/nonexistent/pw"}).code == cli::exit_failure);
}

TEST_CASE_METHOD(CliFixture, "admin import goes through the same code as the HTTP endpoints") {
    REQUIRE(init().code == cli::exit_ok);
    auto result = import("units", "units.csv");
    INFO(result.err);
    CHECK(result.code == cli::exit_ok);
    CHECK_THAT(result.out, Contains("Imported 4 units into 'acme'"));
    CHECK(import("employees", "employees.csv").code == cli::exit_ok);
    CHECK(import("users", "users.csv").code == cli::exit_ok);
    CHECK(user("claire")->user.unit_ids.size() == 2);
    result = import("model", "model.json");
    CHECK(result.code == cli::exit_ok);
    CHECK_THAT(result.out, Contains("version 1"));
    result = import("kpis", "kpis.csv");
    INFO(result.err);
    CHECK(result.code == cli::exit_ok);
    auto store = database.open();
    CHECK(store->kpis(store->find_organization_by_name("acme")->id).size() == 3);
}

TEST_CASE_METHOD(CliFixture, "a bad import file lists its row errors and changes nothing") {
    REQUIRE(init().code == cli::exit_ok);
    auto result = import("units", "units_bad.csv");
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("nothing was imported"));
    CHECK_THAT(result.err, Contains("row 3, kind: unknown unit kind 'CITY'"));
    REQUIRE(import("units", "units.csv").code == cli::exit_ok);
    result = import("kpis", "kpis_bad.csv");
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("row 1, period"));
    result = import("model", "units.csv");
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("JSON"));
}

TEST_CASE_METHOD(CliFixture, "admin import refuses what it cannot read") {
    REQUIRE(init().code == cli::exit_ok);
    CHECK(import("budgets", "units.csv").code == cli::exit_usage);
    CHECK(run({"admin", "import", "units", where_flag, where, "--organization", "acme", "units.txt"}).code ==
          cli::exit_usage);
    CHECK(run({"admin", "import", "units", where_flag, where, "--organization", "acme"}).code == cli::exit_usage);
    auto result = run({"admin", "import", "units", where_flag, where, "--organization", "nope",
                       fixture_path("units.csv").string()});
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("no organisation named 'nope'"));
    result = run({"admin", "import", "units", "--data", (dir.path() / "empty").string(), "--organization", "acme",
                  fixture_path("units.csv").string()});
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("no Floorwalk database"));
}

TEST_CASE_METHOD(CliFixture, "reset-password and revoke-device") {
    REQUIRE(init().code == cli::exit_ok);
    {
        auto store = database.open();
        const auto organization = store->find_organization_by_name("acme")->id;
        store->save_token({"before-reset", organization, user("root")->user.id, "phone-1", Timestamp{}, Timestamp::max()},
                          "Phone");
    }
    auto result = run({"admin", "reset-password", where_flag, where, "--organization", "acme", "--user", "root",
                       "--password-file", "-"},
                      "brand-new-password\n");
    REQUIRE(result.code == cli::exit_ok);
    CHECK_THAT(result.out, Contains("signed out on every device"));
    CHECK(verify_password("brand-new-password", user("root")->password_hash));
    CHECK_FALSE(database.open()->find_valid_token("before-reset", Timestamp{} + std::chrono::hours(1)));
    CHECK(run({"admin", "reset-password", where_flag, where, "--organization", "acme", "--user", "ghost",
               "--password-file", "-"},
              "brand-new-password\n")
              .code == cli::exit_failure);

    {
        auto store = database.open();
        const auto organization = store->find_organization_by_name("acme")->id;
        TokenRecord token{"ab", organization, user("root")->user.id, "tablet-9", Timestamp{}, Timestamp::max()};
        store->save_token(token, "Tablet");
    }
    result = run({"admin", "revoke-device", where_flag, where, "--organization", "acme", "--device", "tablet-9"});
    CHECK(result.code == cli::exit_ok);
    auto store = database.open();
    const auto devices = store->devices(store->find_organization_by_name("acme")->id);
    REQUIRE(devices.size() == 2);  // phone-1 stays listed, signed out but not revoked
    for (const auto& device : devices) CHECK(device.revoked == (device.id == "tablet-9"));
    CHECK(run({"admin", "revoke-device", where_flag, where, "--organization", "acme", "--device", "nope"}).code ==
          cli::exit_failure);
}

namespace {

// The real executable with its standard output on a pipe.
class Subprocess {
public:
    explicit Subprocess(const std::vector<std::string>& args) {
        int pipe_fds[2];
        REQUIRE(pipe(pipe_fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        std::vector<char*> argv;
        for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(pipe_fds[1]);
        out_ = pipe_fds[0];
        REQUIRE(spawned == 0);
    }
    ~Subprocess() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(out_);
    }

    // The first line on standard output, waiting at most `limit`.
    std::string read_line(std::chrono::milliseconds limit) {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd descriptor{out_, POLLIN, 0};
            if (poll(&descriptor, 1, 100) <= 0) continue;
            char c = 0;
            if (read(out_, &c, 1) != 1) break;
            if (c == '\n') return line;
            line += c;
        }
        return line;
    }

    // The exit status once the process ends within `limit`, or nullopt.
    std::optional<int> wait(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(20ms);
        }
        return std::nullopt;
    }

    [[nodiscard]] pid_t pid() const { return pid_; }

private:
    pid_t pid_ = 0;
    int out_ = -1;
    bool exited_ = false;
};

}  // namespace

TEST_CASE_METHOD(CliFixture, "serve prints its listening line, serves, and exits 0 on SIGTERM", "[concurrency]") {
    REQUIRE(init().code == cli::exit_ok);
    REQUIRE(import("units", "units.csv").code == cli::exit_ok);
    Subprocess server({FLOORWALK_SERVER_BINARY, "serve", where_flag, where, "--listen", "127.0.0.1:0", "--threads", "2",
                       "--web", dir.path().string()});
    const auto line = server.read_line(60s);
    std::smatch match;
    REQUIRE(std::regex_match(line, match, std::regex(R"(floorwalk-server listening on http://127\.0\.0\.1:(\d+))")));
    const auto port = static_cast<unsigned short>(std::stoi(match[1]));

    CHECK(http_request(port, "GET", "/healthz").status == 200);
    pb::LoginRequest login;
    login.set_organization("acme");
    login.set_username("root");
    login.set_password("root-password-1");
    login.set_device_id("cli-test");
    const auto reply = http_request(port, "POST", "/api/v1/auth/login", to_json(login),
                                    {{"Content-Type", "application/json"}});
    CHECK(reply.status == 200);
    CHECK(from_json<pb::LoginResponse>(reply.body).user().role() == pb::ADMIN);

    REQUIRE(kill(server.pid(), SIGTERM) == 0);
    CHECK(server.wait(30s) == 0);
    CHECK_FALSE(HttpClient(port, std::nullopt, 2s).connected());
}

TEST_CASE_METHOD(CliFixture, "serve --metrics-listen serves /metrics there and only there") {
    REQUIRE(init().code == cli::exit_ok);
    Subprocess server({FLOORWALK_SERVER_BINARY, "serve", where_flag, where, "--listen", "127.0.0.1:0",
                       "--metrics-listen", "127.0.0.1:0", "--threads", "2"});
    std::smatch match;
    const auto listening = server.read_line(60s);
    REQUIRE(std::regex_match(listening, match, std::regex(R"(floorwalk-server listening on http://127\.0\.0\.1:(\d+))")));
    const auto port = static_cast<unsigned short>(std::stoi(match[1]));
    const auto metrics_line = server.read_line(10s);
    REQUIRE(std::regex_match(metrics_line, match,
                             std::regex(R"(floorwalk-server metrics on http://127\.0\.0\.1:(\d+)/metrics)")));
    const auto metrics_port = static_cast<unsigned short>(std::stoi(match[1]));

    // One connection: its second request is read only once the first was counted, so the scrape sees it.
    HttpClient client(port);
    CHECK(client.request("GET", "/healthz").status == 200);
    CHECK(client.request("GET", "/metrics").status == 404);
    const auto scrape = http_request(metrics_port, "GET", "/metrics");
    CHECK(scrape.status == 200);
    CHECK_THAT(scrape.body, Contains(R"(floorwalk_http_requests_total{route="/healthz",method="GET",status="200"} 1)"));
    CHECK(http_request(metrics_port, "GET", "/healthz").status == 404);

    REQUIRE(kill(server.pid(), SIGTERM) == 0);
    CHECK(server.wait(30s) == 0);
    CHECK_FALSE(HttpClient(metrics_port, std::nullopt, 2s).connected());
}

TEST_CASE_METHOD(CliFixture, "serve over TLS announces https") {
    const auto certificate = make_self_signed_certificate(dir.path());
    Subprocess server({FLOORWALK_SERVER_BINARY, "serve", where_flag, where, "--listen", "127.0.0.1:0", "--tls-cert",
                       certificate.certificate.string(), "--tls-key", certificate.private_key.string()});
    const auto line = server.read_line(60s);
    std::smatch match;
    REQUIRE(std::regex_match(line, match, std::regex(R"(floorwalk-server listening on https://127\.0\.0\.1:(\d+))")));
    const auto port = static_cast<unsigned short>(std::stoi(match[1]));
    CHECK(http_request(port, "GET", "/healthz", {}, {}, TlsOptions{certificate.certificate}).status == 200);
    REQUIRE(kill(server.pid(), SIGINT) == 0);
    CHECK(server.wait(30s) == 0);
}

TEST_CASE_METHOD(CliFixture, "serve fails with a clear message when the port is taken") {
    Subprocess first({FLOORWALK_SERVER_BINARY, "serve", where_flag, where, "--listen", "127.0.0.1:0"});
    const auto line = first.read_line(60s);
    const auto port = line.substr(line.rfind(':') + 1);
    REQUIRE_FALSE(port.empty());
    const auto result = run({"serve", "--data", (dir.path() / "other").string(), "--listen", "127.0.0.1:" + port});
    CHECK(result.code == cli::exit_failure);
    CHECK_THAT(result.err, Contains("cannot listen on 127.0.0.1:" + port));
    kill(first.pid(), SIGTERM);
    CHECK(first.wait(30s) == 0);
}

TEST_CASE_METHOD(CliFixture, "serve --read-replica reads from the standby and shows a device its own push",
                 "[postgres-only]") {
    REQUIRE(init().code == cli::exit_ok);
    REQUIRE(import("units", "units.csv").code == cli::exit_ok);
    REQUIRE(import("employees", "employees.csv").code == cli::exit_ok);
    REQUIRE(import("model", "model.json").code == cli::exit_ok);
    REQUIRE(import("users", "users.csv").code == cli::exit_ok);  // claire manages paris-1, where E001 works
    const auto standby = database.standby_url();
    REQUIRE_FALSE(standby.empty());
    // The standby replays the test database's creation a moment after the primary made it: wait for it, so that
    // the server does not start with a replica it cannot use yet.
    bool replayed = false;
    for (int attempt = 0; attempt < 1200 && !replayed; ++attempt) {
        try {
            auto engine = db::open_postgres_standby_engine(standby);
            engine->begin(db::SessionKind::single)->db().execute("SELECT 1 FROM organizations");
            replayed = true;
        } catch (const db::Error&) {
            std::this_thread::sleep_for(50ms);
        }
    }
    REQUIRE(replayed);
    Subprocess server({FLOORWALK_SERVER_BINARY, "serve", where_flag, where, "--read-replica", standby, "--listen",
                       "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--threads", "2"});
    std::smatch match;
    const auto listening = server.read_line(60s);
    REQUIRE(std::regex_match(listening, match,
                             std::regex(R"(floorwalk-server listening on http://127\.0\.0\.1:(\d+))")));
    const auto port = static_cast<unsigned short>(std::stoi(match[1]));
    const auto metrics_line = server.read_line(10s);
    REQUIRE(std::regex_match(metrics_line, match,
                             std::regex(R"(floorwalk-server metrics on http://127\.0\.0\.1:(\d+)/metrics)")));
    const auto metrics_port = static_cast<unsigned short>(std::stoi(match[1]));

    pb::LoginRequest login;
    login.set_organization("acme");
    login.set_username("claire");
    login.set_password("first-password-1");
    login.set_device_id("cli-test");
    const auto signed_in = http_request(port, "POST", "/api/v1/auth/login", to_json(login),
                                        {{"Content-Type", "application/json"}});
    REQUIRE(signed_in.status == 200);
    const auto token = from_json<pb::LoginResponse>(signed_in.body).token();
    const Headers authorised = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};

    for (int i = 1; i <= 5; ++i) {
        const auto id = "0192f1a4-5b6c-7d8e-9f00-00000000000" + std::to_string(i);
        const auto body = R"({"deviceId": "cli-test", "observations": [{"id": ")" + id +
                          R"(", "employeeId": "E001", "observedAt": "2025-01-10T10:00:00Z", "modelVersion": 1,)"
                          R"( "ratings": [{"dimensionId": "welcome", "level": 3}], "revision": 1,)"
                          R"( "baseRevision": 0}]})";
        const auto pushed = http_request(port, "POST", "/api/v1/sync/push", body, authorised);
        REQUIRE(pushed.status == 200);
        REQUIRE_THAT(pushed.body, Contains("ACCEPTED"));
        const auto pulled = http_request(port, "GET", "/api/v1/sync/pull?limit=100", {}, authorised);
        INFO("push " << i);
        REQUIRE(pulled.status == 200);
        CHECK_THAT(pulled.body, Contains(id));
    }

    const auto scrape = http_request(metrics_port, "GET", "/metrics");
    CHECK(scrape.status == 200);
    CHECK_THAT(scrape.body, Contains("# TYPE floorwalk_replica_reads_total counter"));
    CHECK_THAT(scrape.body, Contains(R"(floorwalk_replica_reads_total{served_by="primary",reason="unavailable"} 0)"));
    CHECK_THAT(scrape.body, Contains("floorwalk_replica_available 1"));

    REQUIRE(kill(server.pid(), SIGTERM) == 0);
    CHECK(server.wait(30s) == 0);
}
