// Abusive connections against the whole server (API and HTTP transport in-process, on 127.0.0.1, with short
// deadlines and a small connection cap so that the limits are reached quickly): oversized headers and bodies,
// codings it must refuse, slow and silent clients, more connections than it takes, clients that stop reading,
// and byte streams that are not HTTP. Refusals are answers with a JSON error body, never a silent drop; abusers
// are cut; everyone else keeps being served.
#include "support/fixtures.h"
#include "support/http_client.h"
#include "support/ledger.h"
#include "support/raw_http.h"
#include "support/record_factory.h"
#include "support/stalled_socket.h"
#include "support/sync_client.h"
#include "support/test_server.h"

#include "floorwalk/wire.h"

#include <catch2/catch.hpp>

#include <thread>

using namespace floorwalk;
using namespace floorwalk::faults;
using namespace std::chrono_literals;
using namespace std::string_literals;
namespace test = floorwalk::server::test;
using test::RawConnection;

namespace {

constexpr std::size_t mebibyte = 1024 * 1024;
constexpr std::size_t body_limit = 4 * mebibyte;  // the spec's limit, which the server's default must be
constexpr std::size_t connection_cap = 8;

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// What is wrong with a refusal: it must be a complete response with `allowed` status and a JSON error body.
std::string refusal_problem(const std::string& raw, std::initializer_list<int> allowed) {
    const auto responses = parse_responses(raw);
    if (responses.empty()) return "no answer (" + std::to_string(raw.size()) + " bytes received)";
    const auto& response = responses.front();
    if (std::find(allowed.begin(), allowed.end(), response.status) == allowed.end())
        return "answered " + std::to_string(response.status) + ": " + response.body.substr(0, 200);
    if (!response.complete) return "the " + std::to_string(response.status) + " answer was cut short";
    if (!response.field("Content-Type").starts_with("application/json"))
        return "answered " + std::to_string(response.status) + " with Content-Type '" +
               response.field("Content-Type") + "'";
    pb::ErrorResponse error;
    std::string problem;
    if (!wire::from_json(response.body, &error, &problem)) return "an error body that is not JSON: " + problem;
    if (error.error().code().empty() || error.error().message().empty()) return "an error without code and message";
    return {};
}

// Waits (bounded) until the server holds `count` connections or fewer; returns the last count seen.
std::size_t wait_for_connections(test::TestServer& server, std::size_t count, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    auto open = server.http().open_connections();
    while (open > count && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);
        open = server.http().open_connections();
    }
    return open;
}

// Short deadlines: long enough for a loaded machine to do any one step, short enough to wait for in a test.
test::TestServerOptions short_deadlines() {
    test::TestServerOptions options;
    options.http.max_connections = connection_cap;
    options.http.read_timeout = 1s;
    options.http.body_timeout = 2s;
    options.http.idle_timeout = 3s;
    options.http.write_timeout = 2s;
    options.http.shutdown_timeout = 2s;
    options.http.log_requests = false;
    return options;
}

// The whole server with a small connection cap; header and body limits are the defaults.
class Abuse {
public:
    explicit Abuse(test::TestServerOptions options = short_deadlines()) : server(dir_.path(), options) {
        static_cast<void>(test::seed_organization(server.store(), "acme"));
        HttpClient client(server.port());
        manager = login(client, "acme", "manager", test::test_password, "manager-phone");
    }

    // A well-behaved client on a fresh connection: GET /healthz.
    [[nodiscard]] int healthz() { return test::http_request(server.port(), "GET", "/healthz").status; }

    test::TempDir dir_;
    test::TestServer server;
    Account manager;
};

// Deadlines long enough that idle connections hold their place for the whole test.
class PatientAbuse : public Abuse {
public:
    PatientAbuse() : Abuse([] {
        auto options = short_deadlines();
        options.http.read_timeout = 20s;
        options.http.idle_timeout = 20s;
        return options;
    }()) {}
};

// Reads until the server closes, or has answered and then stayed quiet for a moment (a kept-alive connection),
// within `limit`.
RawConnection::Received read_answers(RawConnection& connection, std::chrono::milliseconds limit) {
    RawConnection::Received all;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto slice = connection.receive_until_close(300ms);
        all.data += slice.data;
        if (slice.closed) {
            all.closed = true;
            break;
        }
        const auto responses = parse_responses(all.data);
        if (slice.data.empty() && !responses.empty() && responses.back().complete) break;
    }
    return all;
}

std::string push_header(const Account& account, const std::string& framing) {
    return "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + account.token +
           "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
}

}  // namespace

TEST_CASE_METHOD(Abuse, "a header over the limit is answered 431 (or 400) in JSON, not dropped") {
    const std::vector<std::pair<std::string, std::string>> requests = {
        {"one field of 20 KiB", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'a') +
                                    "\r\n\r\n"},
        {"400 fields of 64 bytes", [] {
             std::string text = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
             for (int i = 0; i < 400; ++i) text += "X-F" + std::to_string(i) + ": " + std::string(56, 'b') + "\r\n";
             return text + "\r\n";
         }()},
        {"a target of 20 KiB", "GET /api/v1/sync/pull?cursor=" + std::string(20 * 1024, 'c') +
                                   " HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"a cookie of 64 KiB", "GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: " + std::string(64 * 1024, 'd') +
                                   "\r\n\r\n"},
    };
    for (const auto& [what, bytes] : requests) {
        INFO(what);
        RawConnection connection(server.port());
        CHECK(connection.send(bytes));
        const auto received = connection.receive_until_close(5s);
        CHECK(refusal_problem(received.data, {431, 400, 414}) == "");
    }
    // A large header within the limit is served.
    RawConnection connection(server.port());
    REQUIRE(connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " +
                            std::string(12 * 1024, 'a') + "\r\n\r\n"));
    const auto responses = parse_responses(connection.receive_until_close(5s).data);
    REQUIRE(responses.size() == 1);
    CHECK(responses.front().status == 200);
    CHECK(healthz() == 200);
}

TEST_CASE_METHOD(Abuse, "a body over 4 MiB is answered 413 in JSON, announced or chunked, and 4 MiB itself is taken") {
    SECTION("exactly 4 MiB is read and answered by the API") {
        std::string body = "{\"observations\":[]}";
        body.resize(body_limit, ' ');  // JSON whitespace
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Content-Length: " + std::to_string(body.size()) +
                                                         "\r\nConnection: close\r\n") +
                                body));
        const auto responses = parse_responses(connection.receive_until_close(10s).data);
        REQUIRE(responses.size() == 1);
        CHECK(responses.front().status == 200);
    }
    SECTION("a Content-Length one byte over is refused at the header") {
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Content-Length: " + std::to_string(body_limit + 1) + "\r\n")));
        CHECK(refusal_problem(connection.receive_until("}}", 5s).data, {413}) == "");
    }
    SECTION("a Content-Length one byte over, with the body sent anyway, still gets its 413") {
        RawConnection connection(server.port());
        const std::string body(body_limit + 1, ' ');
        static_cast<void>(connection.send(
            push_header(manager, "Content-Length: " + std::to_string(body.size()) + "\r\n") + body, 10s));
        CHECK(refusal_problem(connection.receive_until_close(5s).data, {413}) == "");
    }
    SECTION("absurd Content-Length values are refused, not trusted") {
        for (const std::string length : {"1000000000000000", "18446744073709551617", "-1", "1e9", "0x10"}) {
            INFO("Content-Length: " << length);
            RawConnection connection(server.port());
            REQUIRE(connection.send(push_header(manager, "Content-Length: " + length + "\r\n")));
            CHECK(refusal_problem(connection.receive_until("}}", 5s).data, {413, 400}) == "");
        }
    }
    SECTION("a chunked body that grows past the limit is refused with 413") {
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Transfer-Encoding: chunked\r\n")));
        const std::string chunk(64 * 1024, ' ');
        std::string chunked;
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
        for (std::size_t sent = 0; sent <= body_limit + chunk.size(); sent += chunk.size())
            chunked += size + chunk + "\r\n";
        static_cast<void>(connection.send(chunked, 10s));
        CHECK(refusal_problem(connection.receive_until_close(5s).data, {413}) == "");
    }
    SECTION("a client that keeps sending 48 MiB while it listens hears the 413") {
        // The phone must learn that the push is too large instead of retrying it forever.
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Content-Length: " + std::to_string(48 * mebibyte) + "\r\n")));
        const std::string block(mebibyte, ' ');
        std::string received;
        for (int i = 0; i < 48 && parse_responses(received).empty(); ++i) {
            received += connection.receive_until("}}", 20ms).data;
            if (!connection.send(block, 2s)) break;
        }
        received += connection.receive_until("}}", 2s).data;
        CHECK(refusal_problem(received, {413}) == "");
    }
    CHECK(healthz() == 200);
}

TEST_CASE_METHOD(Abuse, "a Transfer-Encoding other than chunked alone is refused with a JSON error") {
    for (const std::string coding : {"gzip", "gzip, chunked", "chunked, gzip", "deflate", "identity", "br",
                                     "chunked, chunked", "x-custom"}) {
        INFO("Transfer-Encoding: " << coding);
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Transfer-Encoding: " + coding + "\r\n") +
                                "2\r\n{}\r\n0\r\n\r\n"));
        CHECK(refusal_problem(connection.receive_until_close(5s).data, {400, 411, 415, 501}) == "");
    }
    // Content-Length and Transfer-Encoding together is how requests are smuggled: refused too.
    {
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n") +
                                "2\r\n{}\r\n0\r\n\r\n"));
        CHECK(refusal_problem(connection.receive_until_close(5s).data, {400}) == "");
    }
    // "chunked" in any case is the one coding taken.
    RawConnection connection(server.port());
    REQUIRE(connection.send(push_header(manager, "Transfer-Encoding: Chunked\r\nConnection: close\r\n") +
                            "2\r\n{}\r\n0\r\n\r\n"));
    const auto responses = parse_responses(connection.receive_until_close(5s).data);
    REQUIRE(responses.size() == 1);
    CHECK(responses.front().status == 200);
}

TEST_CASE_METHOD(Abuse, "slow and silent clients are cut at their deadlines while others are served", "[concurrency]") {
    SECTION("a header sent one byte at a time") {
        const std::string header = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\n\r\n";
        RawConnection connection(server.port());
        bool cut = false;
        std::size_t sent = 0;
        // One byte every 100 ms, against a 1 s header deadline: bounded by the header's length.
        for (; sent < header.size() && !cut; ++sent) {
            if (!connection.send(header.substr(sent, 1), 1s)) {
                cut = true;
                break;
            }
            cut = connection.receive_until_close(100ms).closed;
            if (sent % 5 == 0) CHECK(healthz() == 200);
        }
        INFO("bytes sent before the cut: " << sent << " of " << header.size());
        CHECK(cut);
        CHECK(sent < header.size());
    }
    SECTION("a body sent one byte at a time") {
        const std::string body(200, ' ');
        RawConnection connection(server.port());
        REQUIRE(connection.send(push_header(manager, "Content-Length: " + std::to_string(body.size()) + "\r\n")));
        bool cut = false;
        std::size_t sent = 0;
        for (; sent < body.size() && !cut; ++sent) {
            if (!connection.send(body.substr(sent, 1), 1s)) {
                cut = true;
                break;
            }
            cut = connection.receive_until_close(100ms).closed;
        }
        INFO("body bytes sent before the cut: " << sent << " of " << body.size());
        CHECK(cut);
        CHECK(sent < body.size());
    }
    SECTION("a kept-alive connection left idle") {
        RawConnection connection(server.port());
        REQUIRE(connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        const auto received = connection.receive_until_close(10s);
        CHECK(received.closed);
        const auto responses = parse_responses(received.data);
        REQUIRE(responses.size() == 1);
        CHECK(responses.front().status == 200);
    }
    SECTION("a connection that never sends a byte") {
        RawConnection connection(server.port());
        const auto received = connection.receive_until_close(10s);
        CHECK(received.closed);
    }
    CHECK(wait_for_connections(server, 0, 5s) == 0);
    CHECK(healthz() == 200);
}

TEST_CASE_METHOD(PatientAbuse, "connections past the cap are refused, and a normal client is served once they go",
                 "[concurrency]") {
    REQUIRE(wait_for_connections(server, 0, 5s) == 0);  // the fixture's sign-in has gone
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (std::size_t i = 0; i < connection_cap; ++i) idle.push_back(std::make_unique<RawConnection>(server.port()));
    // Bounded wait for the server to have accepted them all.
    for (int i = 0; i < 200 && server.http().open_connections() != connection_cap; ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(server.http().open_connections() == connection_cap);

    // The next client is told to come back, in JSON, with Retry-After.
    {
        RawConnection excess(server.port());
        REQUIRE(excess.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        const auto received = excess.receive_until_close(5s);
        CHECK(refusal_problem(received.data, {503}) == "");
        const auto responses = parse_responses(received.data);
        if (!responses.empty()) CHECK_FALSE(responses.front().field("Retry-After").empty());
    }
    // A flood far past the cap: none is served.
    std::vector<std::unique_ptr<RawConnection>> flood;
    for (int i = 0; i < 40; ++i) {
        flood.push_back(std::make_unique<RawConnection>(server.port()));
        static_cast<void>(flood.back()->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    }
    int served = 0;
    int refused = 0;
    for (auto& connection : flood) {
        const auto responses = parse_responses(connection->receive_until_close(3s).data);
        if (!responses.empty() && responses.front().status == 200) ++served;
        if (!responses.empty() && responses.front().status == 503) ++refused;
    }
    CHECK(served == 0);
    WARN("of 40 connections past the cap, " << refused << " were answered 503 and the rest closed");

    // Once the idle ones close, clients are served again.
    flood.clear();
    CHECK(wait_for_connections(server, connection_cap, 5s) <= connection_cap);
    idle.clear();
    CHECK(wait_for_connections(server, 0, 5s) == 0);
    CHECK(healthz() == 200);
}

TEST_CASE_METHOD(Abuse, "a client that stops reading a large answer does not hold up the others", "[concurrency]") {
    // About 4 MiB of pull: 1,000 observations with 2,000-character comments.
    HttpClient client(server.port());
    const auto snapshot = pull_all(client, manager);
    RecordFactory factory(snapshot.model, employees_in_scope(snapshot), 7, "stall");
    for (int batch = 0; batch < 2; ++batch) {
        pb::PushRequest request;
        for (int i = 0; i < 500; ++i) {
            auto observation = factory.observation(wall_now());
            observation.set_comment(std::string(1990, 'x') + " stall");
            *request.add_observations() = observation;
        }
        REQUIRE(push(client, manager, encode(request, Encoding::protobuf), Encoding::protobuf).status == 200);
    }
    const auto pull_request = "GET /api/v1/sync/pull?limit=1000 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              manager.token + "\r\n\r\n";
    std::vector<std::unique_ptr<StalledSocket>> stalled;
    for (int i = 0; i < 4; ++i) {
        stalled.push_back(std::make_unique<StalledSocket>(server.port()));
        // Three pipelined pulls each: the server is soon stuck writing to a client that reads nothing.
        CHECK(stalled.back()->send_all(pull_request + pull_request + pull_request));
    }
    // Meanwhile everybody else is served, large answers included.
    for (int i = 0; i < 10; ++i) {
        CHECK(client.request("GET", "/healthz").status == 200);
        const auto page = client.request("GET", "/api/v1/sync/pull?limit=200", {},
                                         {{"Authorization", "Bearer " + manager.token}});
        CHECK(page.status == 200);
    }
    CHECK(pull_all(client, manager).observations.size() == 1000);
    // The stalled connections are cut at the write deadline: only the well-behaved client's remains.
    CHECK(wait_for_connections(server, 1, 10s) <= 1);
}

TEST_CASE_METHOD(Abuse, "byte streams that are not valid HTTP get a 4xx JSON answer or a close, never a 5xx") {
    const std::vector<std::pair<std::string, std::string>> streams = {
        {"HTTP/0.9", "GET /\r\n\r\n"},
        {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
        {"TLS hello on plain HTTP", std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11)},
        {"binary noise", std::string("\x00\xff\x13\x37\x00\r\n\r\n", 8)},
        {"no Host", "GET /healthz HTTP/1.1\r\n\r\n"},
        {"header without colon", "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n"},
        {"folded header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n"},
        {"two Content-Lengths", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                "Content-Length: 3\r\n\r\n{}"},
        {"Content-Length list", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 3\r\n\r\n{}"},
        {"chunk size overflow", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"},
        {"chunk size garbage", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "zz\r\n{}\r\n0\r\n\r\n"},
        {"lower-case method", "get /healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"absolute target", "GET http://evil.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"TRACE", "TRACE /healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"HTTP/3.0", "GET /healthz HTTP/3.0\r\nHost: x\r\n\r\n"},
        {"bare LF", "GET /healthz HTTP/1.1\nHost: x\n\n"},
        // The length from the literal itself: a count typed by hand read a byte past it (ASan, asan preset).
        {"NUL in target", "GET /heal\0thz HTTP/1.1\r\nHost: x\r\n\r\n"s},
        {"percent NUL", "GET /healthz%00 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"broken escape", "GET /api/v1/sync/pull?cursor=%G1 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"space in target", "GET /health z HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"UTF-8 target", "GET /api/v1/\xc3\xa9t\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"pipelined with garbage", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n\x01\x02garbage\r\n\r\n"},
        {"Expect 100-continue then nothing", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                             "Content-Length: 10\r\n\r\n"},
    };
    std::vector<std::string> problems;
    std::string outcomes;
    for (const auto& [what, bytes] : streams) {
        RawConnection connection(server.port());
        static_cast<void>(connection.send(bytes));
        const auto received = read_answers(connection, 5s);
        for (const auto& response : parse_responses(received.data)) {
            if (response.status >= 500 || response.status == 0) {
                problems.push_back(what + ": answered " + std::to_string(response.status) + " " + response.body);
            } else if (response.status >= 400) {
                if (auto problem = refusal_problem(response.header + "\r\n" + response.body, {response.status});
                    !problem.empty())
                    problems.push_back(what + ": " + problem);
            }
        }
        if (!received.closed && parse_responses(received.data).empty())
            problems.push_back(what + ": neither answered nor closed within the deadline");
        outcomes += what + " ->";
        for (const auto& response : parse_responses(received.data)) outcomes += " " + std::to_string(response.status);
        outcomes += received.closed ? " closed; " : "; ";
    }
    WARN(outcomes);  // for the reader: how each stream was handled
    std::string report;
    for (const auto& problem : problems) report += problem + "\n";
    INFO(report);
    CHECK(problems.empty());
    CHECK(healthz() == 200);
}

TEST_CASE_METHOD(Abuse, "a client that goes away mid-push leaves all of the batch or none of it", "[concurrency]") {
    HttpClient client(server.port());
    const auto snapshot = pull_all(client, manager);
    RecordFactory factory(snapshot.model, employees_in_scope(snapshot), 11, "gone");
    Ledger ledger(manager.user_id);
    // Cut after the header, in the middle of the body, and right after the last byte (the server has it all).
    for (const double fraction : {0.0, 0.5, 0.999, 1.0}) {
        INFO("cut after " << fraction * 100 << "% of the body");
        pb::PushRequest request;
        for (int i = 0; i < 200; ++i) *request.add_observations() = factory.observation(wall_now());
        const auto body = encode(request, Encoding::json);
        const auto bytes = raw_push_request(manager, body, Encoding::json);
        const auto cut = bytes.size() - body.size() + static_cast<std::size_t>(fraction * static_cast<double>(body.size()));
        {
            RawConnection connection(server.port());
            REQUIRE(connection.send(std::string_view(bytes).substr(0, cut)));
        }  // closed without reading
        // A complete request is applied although nobody waits for the answer; an incomplete one never is. Whatever
        // a pull sees on the way is the whole batch or none of it. (Accepting the connection is asynchronous, so
        // the complete one is polled for, bounded.)
        auto stored_now = [&] {
            const auto after = pull_all(client, manager);
            std::size_t stored = 0;
            for (const auto& observation : request.observations()) stored += after.observations.count(observation.id());
            return stored;
        };
        auto stored = stored_now();
        for (int poll = 0; poll < 250 && fraction == 1.0 && stored == 0; ++poll) {
            std::this_thread::sleep_for(20ms);
            stored = stored_now();
        }
        CHECK((stored == 0 || stored == 200));
        CHECK(stored == (fraction == 1.0 ? 200 : 0));
        // The retry settles it either way.
        const auto retry = decode_push(push(client, manager, body, Encoding::json));
        REQUIRE(retry);
        for (const auto& result : retry->results())
            CHECK(result.status() == (stored == 200 ? pb::DUPLICATE : pb::ACCEPTED));
        CHECK(ledger.acknowledge(request, *retry, /*duplicates_confirm=*/true).empty());
    }
    const auto problems = ledger.verify(pull_all(client, manager), [](const std::string& text) {
        return text.starts_with("gone");
    });
    CHECK(problems.empty());
}
