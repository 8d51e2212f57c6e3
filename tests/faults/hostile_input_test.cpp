// Hostile input against the whole server (API and HTTP transport in-process, on 127.0.0.1): malformed and
// mistyped bodies on every route, broken Authorization headers, absurd query parameters, text and times that the
// wire formats cannot carry, and a seeded mutation fuzzer over valid push bodies. The contract checked every time:
// never a 5xx or a dropped connection, a 4xx always carries {"error": {code, message}} in the encoding asked for,
// /healthz still answers afterwards, and a pull shows exactly what was acknowledged.
#include "support/body_mutator.h"
#include "support/fixtures.h"
#include "support/ledger.h"
#include "support/record_factory.h"
#include "support/sync_client.h"
#include "support/test_server.h"

#include "floorwalk/wire.h"

#include <catch2/catch.hpp>
#include <google/protobuf/stubs/logging.h>

#include <climits>
#include <cstdlib>

using namespace floorwalk;
using namespace floorwalk::faults;
namespace test = floorwalk::server::test;

namespace {

constexpr const char* json_type = "application/json";
constexpr const char* protobuf_type = "application/x-protobuf";

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string join(const std::vector<std::string>& lines, std::size_t most = 45) {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < most; ++i) out += lines[i] + "\n";
    if (lines.size() > most) out += "... and " + std::to_string(lines.size() - most) + " more\n";
    return out;
}

// Bytes shown in a failure message: printable ASCII as is, the rest escaped, long bodies cut.
std::string printable(std::string_view bytes, std::size_t most = 160) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size() && i < most; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out += static_cast<char>(c);
        } else {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (bytes.size() > most) out += "...(" + std::to_string(bytes.size()) + " bytes)";
    return out;
}

// What is wrong with an answer under the error contract; empty when nothing is.
std::string contract_problem(const HttpReply& reply, bool protobuf_accepted) {
    if (reply.status == 0) return "no answer: the connection was dropped";
    if (reply.status >= 500) return "server error " + std::to_string(reply.status) + ": " + printable(reply.body);
    if (reply.status < 400) return {};
    pb::ErrorResponse error;
    const auto content_type = reply.header("Content-Type");
    if (protobuf_accepted && content_type.starts_with(protobuf_type)) {
        // The phone reads errors in binary: a message it cannot parse (invalid UTF-8 in a string) is no answer.
        if (!error.ParseFromString(reply.body))
            return std::to_string(reply.status) + " with an unparsable protobuf error body: " + printable(reply.body);
    } else {
        if (!content_type.starts_with(json_type))
            return std::to_string(reply.status) + " with Content-Type '" + content_type + "'";
        std::string problem;
        if (!wire::from_json(reply.body, &error, &problem))
            return std::to_string(reply.status) + " with an error body that is not JSON (" + problem +
                   "): " + printable(reply.body);
    }
    if (error.error().code().empty() || error.error().message().empty())
        return std::to_string(reply.status) + " without an error code and message: " + printable(reply.body);
    return {};
}

pb::PullResponse from_json_pull(const std::string& body) {
    pb::PullResponse page;
    std::string error;
    if (!wire::from_json(body, &page, &error)) throw std::runtime_error("not a PullResponse: " + error);
    return page;
}

// A cursor of this database, far past its last change. The cursor is opaque to clients; the test looks inside
// (today base64url of "<database id>:<sequence>") only to forge one, and falls back to garbage if that changes.
std::string forge_future_cursor(const std::string& cursor) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string text;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : cursor) {
        const auto value = alphabet.find(c);
        if (value == std::string_view::npos) return "forged" + cursor;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            text += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) return "forged" + cursor;
    text = text.substr(0, colon + 1) + std::to_string(std::atoll(text.c_str() + colon + 1) + 1'000'000);
    std::string out;
    buffer = 0;
    bits = 0;
    for (const char c : text) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3F];
    return out;
}

enum class Who { anonymous, manager, admin, analyst };

struct Route {
    const char* method;
    std::string target;
    Who who;
};

// Every route of the API, with a caller allowed to use it.
const std::vector<Route>& routes() {
    static const std::vector<Route> all = {
        {"POST", "/api/v1/auth/login", Who::anonymous},
        {"GET", "/api/v1/me", Who::manager},
        {"POST", "/api/v1/sync/push", Who::manager},
        {"GET", "/api/v1/sync/pull", Who::manager},
        {"GET", "/api/v1/units", Who::manager},
        {"PUT", "/api/v1/admin/model", Who::admin},
        {"PUT", "/api/v1/admin/units", Who::admin},
        {"PUT", "/api/v1/admin/employees", Who::admin},
        {"PUT", "/api/v1/admin/users", Who::admin},
        {"PUT", "/api/v1/admin/kpis", Who::admin},
        {"GET", "/api/v1/admin/devices", Who::admin},
        {"POST", "/api/v1/admin/devices/no-such-device/revoke", Who::admin},
        {"GET", "/api/v1/admin/settings", Who::admin},
        {"PUT", "/api/v1/admin/settings", Who::admin},
        {"GET", "/api/v1/indicators", Who::analyst},
        {"GET", "/api/v1/indicators/series", Who::analyst},
        {"GET", "/api/v1/indicators/export.csv", Who::analyst},
        {"GET", "/api/v1/indicators/kpi", Who::analyst},
        {"GET", "/api/v1/indicators/roi?benefitMetric=sales&costMetric=cost", Who::analyst},
        {"GET", "/healthz", Who::anonymous},
        {"GET", "/metrics", Who::anonymous},
    };
    return all;
}

std::string deep_json(std::size_t depth) {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i) text += "{\"a\":";
    text += "1";
    for (std::size_t i = 0; i < depth; ++i) text += "}";
    return text;
}

// Bodies no route should take.
const std::vector<std::string>& malformed_bodies() {
    static const std::vector<std::string> all = {
        "{",
        "}",
        "[]",
        "null",
        "\"text\"",
        "12345",
        "{\"a\":}",
        "{\"observations\" 1}",
        "{}trailing",
        "{}{}",
        "\xef\xbb\xbf{}",  // a byte order mark
        std::string("{\"organization\":\"a\0b\"", 22),
        "{\"organization\":\"\xff\xfe\",\"username\":\"\xc0\xaf\"}",
        "{\"organization\":\"\\ud800\"}",
        "{\"organization\":12,\"username\":[\"x\"],\"password\":{}}",
        "{\"observations\":\"x\",\"units\":{\"a\":1},\"employees\":7,\"users\":null,\"kpis\":true}",
        "{\"observations\":[1,2],\"units\":[\"x\"],\"minGroupSize\":\"many\"}",
        "{\"observations\":[{\"modelVersion\":1e400}],\"minGroupSize\":4294967296}",
        "{\"observations\":[{\"revision\":99999999999999999999}],\"version\":-9223372036854775809}",
        "{\"observations\":[{\"observedAt\":\"2026-13-45T25:61:61Z\"}]}",
        "{\"observations\":[{\"ratings\":[{\"level\":NaN}]}],\"dueAfterDays\":Infinity}",
        "{\"zzUnknown\":1,\"observations\":[{\"zzExtra\":{}}]}",
        deep_json(100'000),
        std::string(200'000, '['),
        "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",                      // a varint that never ends
        std::string("\x12\xff\xff\xff\xff\x07\x0a", 7),                      // a length beyond the body
        std::string("\x0b\x0b\x0b\x0b", 4),                                  // groups that never close
        std::string("\x12\x05\x0a\x03\xff\xfe\xfd", 7),                      // invalid UTF-8 in a string field
        "id,unitId,displayName\n\"unterminated,x,y\n",
        "unitId,period,metric,value\nhq,2026-13,nps,1e999\n",
    };
    return all;
}

// A server with one organisation ("acme": see seed_organization), signed-in callers, and a few records pushed
// and acknowledged to start with.
class Hostile {
public:
    Hostile() : server_(dir_.path(), options()), client_(server_.port()) {
        static_cast<void>(test::seed_organization(server_.store(), "acme"));
        manager = login(client_, "acme", "manager", test::test_password, "manager-phone");
        admin = login(client_, "acme", "admin", test::test_password, "admin-laptop");
        analyst = login(client_, "acme", "analyst", test::test_password, "analyst-laptop");
        ledger = std::make_unique<Ledger>(manager.user_id);
        const auto snapshot = pull_all(client_, manager);
        model = snapshot.model;
        in_scope = employees_in_scope(snapshot);
        factory = std::make_unique<RecordFactory>(model, in_scope, 4242, "hostile");
        pb::PushRequest start;
        for (int i = 0; i < 12; ++i) *start.add_observations() = factory->observation(wall_now());
        for (int i = 0; i < 4; ++i) *start.add_activities() = factory->activity(wall_now());
        const auto reply = push_body(encode(start, Encoding::json), Encoding::json);
        if (reply.status != 200) throw std::runtime_error("the first push failed: " + reply.body);
    }

    HttpReply send(const std::string& method, const std::string& target, const std::string& body,
                   test::Headers headers) {
        return client_.request(method, target, body, headers);
    }

    [[nodiscard]] const Account* account(Who who) const {
        switch (who) {
            case Who::manager: return &manager;
            case Who::admin: return &admin;
            case Who::analyst: return &analyst;
            case Who::anonymous: break;
        }
        return nullptr;
    }

    // Pushes `body` as the manager and, when it is answered 200, records the acknowledgements by decoding the body
    // the way the server must have. Returns the reply; problems with it go to `problems`.
    HttpReply push_body(const std::string& body, Encoding encoding, std::vector<std::string>* problems = nullptr,
                        const std::string& label = {}) {
        const auto reply = push(client_, manager, body, encoding);
        auto report = [&](const std::string& problem) {
            if (problems) problems->push_back(label + ": " + problem);
        };
        if (auto problem = contract_problem(reply, false); !problem.empty()) report(problem);
        if (reply.status != 200) return reply;
        pb::PushRequest sent;
        std::string error;
        // An empty JSON body reads as {} (an empty push), as the server documents.
        const bool readable = encoding == Encoding::json ? wire::from_json(body.empty() ? "{}" : body, &sent, &error)
                                                         : wire::from_binary(body, &sent);
        if (!readable) {
            report("answered 200 to a body the wire format cannot read (" + error + ")");
            return reply;
        }
        if (sent.observations_size() + sent.activities_size() > 500)
            report("answered 200 to a push of " + std::to_string(sent.observations_size() + sent.activities_size()) +
                   " records");
        const auto response = decode_push(reply);
        if (!response) {
            report("a 200 push answer that is not a PushResponse: " + printable(reply.body));
            return reply;
        }
        for (const auto& problem : ledger->acknowledge(sent, *response)) report(problem);
        return reply;
    }

    // The server still answers, in both encodings, and shows exactly what it acknowledged.
    void require_sound() {
        const auto health = client_.request("GET", "/healthz", {}, {});
        REQUIRE(health.status == 200);
        const auto snapshot = pull_all(client_, manager);
        const auto problems = ledger->verify(snapshot, [](const std::string&) { return true; });
        INFO(ledger->observations().size() << " observations and " << ledger->activities().size()
                                            << " activities acknowledged\n"
                                            << join(problems));
        REQUIRE(problems.empty());
        const auto binary = client_.request("GET", "/api/v1/sync/pull?limit=1000", {},
                                            {{"Authorization", "Bearer " + manager.token}, {"Accept", protobuf_type}});
        REQUIRE(binary.status == 200);
        pb::PullResponse page;
        REQUIRE(page.ParseFromString(binary.body));
    }

    Account manager;
    Account admin;
    Account analyst;
    pb::ExperienceModel model;
    std::vector<std::string> in_scope;
    std::unique_ptr<Ledger> ledger;
    std::unique_ptr<RecordFactory> factory;

private:
    static test::TestServerOptions options() {
        test::TestServerOptions options;
        options.http.log_requests = false;  // thousands of requests; failures print what matters
        return options;
    }

    test::TempDir dir_;
    test::TestServer server_;

protected:
    HttpClient client_;
};

// Protobuf logs every invalid UTF-8 string it serialises or parses; the fuzzer makes thousands on purpose.
const bool quiet_protobuf = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
}();

test::Headers with_auth(const Hostile& fixture, Who who, test::Headers headers) {
    if (const auto* account = fixture.account(who)) headers.emplace_back("Authorization", "Bearer " + account->token);
    return headers;
}

}  // namespace

TEST_CASE_METHOD(Hostile, "malformed bodies on every route get a 4xx JSON error, never a 5xx or a dropped connection") {
    const std::vector<std::string> content_types = {json_type, protobuf_type, "text/csv", "text/plain",
                                                    "application/json; charset=utf-16", "multipart/form-data; boundary=x",
                                                    ""};
    std::vector<std::string> problems;
    int requests = 0;
    for (const auto& route : routes()) {
        for (const auto& body : malformed_bodies()) {
            for (const auto& content_type : content_types) {
                for (const bool protobuf_accepted : {false, true}) {
                    if (protobuf_accepted && content_type != json_type && content_type != protobuf_type) continue;
                    test::Headers headers;
                    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
                    headers.emplace_back("Accept", protobuf_accepted ? protobuf_type : json_type);
                    const auto reply = send(route.method, route.target, body, with_auth(*this, route.who, headers));
                    ++requests;
                    auto problem = contract_problem(reply, protobuf_accepted);
                    // A body sent to a route that takes one is never a success.
                    if (problem.empty() && reply.status < 400 && std::string(route.method) != "GET")
                        problem = "answered " + std::to_string(reply.status) + ": " + printable(reply.body);
                    if (!problem.empty())
                        problems.push_back(std::string(route.method) + " " + route.target + " Content-Type '" +
                                           content_type + "' body " + printable(body, 60) + ": " + problem);
                }
            }
        }
    }
    INFO(requests << " requests\n" << join(problems));
    CHECK(problems.empty());
    require_sound();
}

TEST_CASE_METHOD(Hostile, "a missing or garbled Authorization header is a 401 JSON error on every authenticated route") {
    const auto& token = manager.token;
    const std::vector<std::string> garbled = {
        "",                                    // present but empty
        "Bearer",
        "Bearer ",
        "Bearer x",
        "Basic bWFuYWdlcjpwYXNzd29yZA==",
        "Token " + token,
        "Bearer " + token + "x",
        "Bearer " + token.substr(0, token.size() - 1),
        "Bearer " + token + " " + token,
        "Bearer " + std::string(8000, 'A'),
        "Bearer \xff\xfe\xfd",
        "Bearer%20" + token,
    };
    // A NUL byte makes the header itself invalid HTTP: the transport may refuse it (400) before authentication.
    const auto nul_token = "Bearer " + token.substr(0, 10) + std::string("\0", 1) + token.substr(10);
    std::vector<std::string> problems;
    for (const auto& route : routes()) {
        if (route.who == Who::anonymous) continue;
        for (std::size_t i = 0; i <= garbled.size(); ++i) {
            test::Headers headers = {{"Content-Type", json_type}, {"Accept", json_type}};
            if (i < garbled.size()) headers.emplace_back("Authorization", garbled[i]);  // i == size: no header
            const auto reply = send(route.method, route.target, "{}", headers);
            auto problem = contract_problem(reply, false);
            if (problem.empty() && reply.status != 401)
                problem = "answered " + std::to_string(reply.status) + " instead of 401";
            if (!problem.empty())
                problems.push_back(std::string(route.method) + " " + route.target + " with Authorization '" +
                                   (i < garbled.size() ? printable(garbled[i], 40) : "(none)") + "': " + problem);
        }
    }
    for (const auto& route : routes()) {
        if (route.who == Who::anonymous) continue;
        const auto reply = send(route.method, route.target, "{}", {{"Authorization", nul_token}});
        if ((reply.status != 400 && reply.status != 401) || !contract_problem(reply, false).empty())
            problems.push_back(std::string(route.method) + " " + route.target + " with a NUL in the token answered " +
                               std::to_string(reply.status));
    }
    // A token signed out is refused from then on.
    const auto throwaway = login(client_, "acme", "manager", test::test_password, "throwaway-phone");
    const test::Headers bearer = {{"Authorization", "Bearer " + throwaway.token}};
    CHECK(send("POST", "/api/v1/auth/logout", "\xff garbage body", bearer).status == 204);
    const auto after = send("GET", "/api/v1/sync/pull", {}, bearer);
    CHECK(after.status == 401);
    CHECK(contract_problem(after, false).empty());
    // A caller with the wrong role is refused with 403, not served.
    for (const auto& route : routes()) {
        if (route.who != Who::admin) continue;
        const auto reply = send(route.method, route.target, "{}", with_auth(*this, Who::manager, {}));
        if (reply.status != 403 || !contract_problem(reply, false).empty())
            problems.push_back(std::string(route.method) + " " + route.target + " as a manager answered " +
                               std::to_string(reply.status));
    }
    INFO(join(problems));
    CHECK(problems.empty());
    require_sound();
}

TEST_CASE_METHOD(Hostile, "absurd query parameters are refused with 400 JSON, and unknown cursors answer reset") {
    // KPI values, so that the KPI and ROI endpoints get past "unknown metric" to their periods.
    pb::KpisImport kpis;
    for (const char* unit : {"n1", "n2", "s1"})
        for (const char* metric : {"nps", "sales", "cost"})
            for (const char* period : {"2026-01", "2026-02", "2026-03"}) {
                auto* kpi = kpis.add_kpis();
                kpi->set_unit_id(unit);
                kpi->set_metric(metric);
                kpi->set_period(period);
                kpi->set_value(40.5);
            }
    REQUIRE(send("PUT", "/api/v1/admin/kpis", wire::to_json(kpis),
                 with_auth(*this, Who::admin, {{"Content-Type", json_type}}))
                .status == 200);
    std::vector<std::string> problems;
    auto expect = [&](Who who, const std::string& target, std::initializer_list<int> statuses) {
        const auto reply = send("GET", target, {}, with_auth(*this, who, {{"Accept", json_type}}));
        auto problem = contract_problem(reply, false);
        if (problem.empty() && std::find(statuses.begin(), statuses.end(), reply.status) == statuses.end())
            problem = "answered " + std::to_string(reply.status) + ": " + printable(reply.body, 200);
        if (!problem.empty()) problems.push_back(target + ": " + problem);
        return reply;
    };

    for (const char* limit : {"-1", "0", "1e12", "1000000000000", "2147483648", "-2147483649", "abc", "", "1.5",
                              "%2B5", "0x10", "10%20", "%00", "99999999999999999999999999"})
        expect(Who::manager, std::string("/api/v1/sync/pull?limit=") + limit, {400});

    // Cursors the server never issued: reset (the phone then pulls everything again), never an error page.
    const auto real = from_json_pull(expect(Who::manager, "/api/v1/sync/pull?limit=1", {200}).body);
    std::vector<std::string> unknown = {"zzz", "-1", "AAAA", "%2F%2F%2F", std::string(300, 'A'),
                                        "99999999999999999999", "eyJhbGciOiJub25lIn0", "%E2%80%AE", "+", "=="};
    // The same database, but a position far past anything written (as after a restore from an older backup).
    unknown.push_back(forge_future_cursor(real.cursor()));
    for (const auto& cursor : unknown) {
        const auto reply = expect(Who::manager, "/api/v1/sync/pull?cursor=" + cursor, {200, 400});
        if (reply.status == 200 && !from_json_pull(reply.body).reset())
            problems.push_back("cursor '" + printable(cursor, 40) + "' was served without reset");
    }

    const std::vector<std::string> times = {"2026-13-45",           "2026-02-30",          "2026-00-10",
                                            "2026-12-01T25:00:00Z", "2026-12-01T10:00:00", "yesterday",
                                            "0000-01-01",           "0001-01-01",          "9999-12-31T23:59:59Z",
                                            "-2026-01-01",          "20261201",            "%00",
                                            "2026-12-01T10:00:00%2B99:99"};
    for (const auto& base : {"/api/v1/indicators", "/api/v1/indicators/series", "/api/v1/indicators/export.csv",
                             "/api/v1/indicators/kpi?metric=nps",
                             "/api/v1/indicators/roi?benefitMetric=sales&costMetric=cost"}) {
        const std::string join_char = std::string(base).find('?') == std::string::npos ? "?" : "&";
        for (const auto& parameter : {"at", "from", "to"})
            for (const auto& time : times) expect(Who::analyst, base + join_char + parameter + "=" + time, {200, 400});
        for (const auto& query : {"windowDays=-1", "windowDays=0", "windowDays=1e12", "windowDays=3651",
                                  "windowDays=abc", "lagPeriods=-1", "lagPeriods=61", "step=day",
                                  "from=2026-06-01&to=2026-01-01", "from=0001-01-01&to=9999-12-31",
                                  "unitId=no-such-unit", "unitId=%FF%FE", "metric=", "windowDays=3650&at=0001-01-02"})
            expect(Who::analyst, base + join_char + query, {200, 400, 403, 404});
    }
    INFO(join(problems));
    CHECK(problems.empty());
    require_sound();
}

TEST_CASE_METHOD(Hostile, "paths and methods nobody serves get a JSON 404 or 405 the phone can read") {
    std::vector<std::string> problems;
    const std::vector<std::pair<std::string, std::string>> requests = {
        {"GET", "/api/v1/nothing"},          {"GET", "/api/v1/%FF%FE"},
        {"DELETE", "/api/v1/sync/push"},     {"PATCH", "/api/v1/%FF/x"},
        {"POST", "/api/v1/admin/devices/%FF%FE%C0%AF/revoke"},
        {"GET", "/api/v2/sync/pull"},        {"BREW", "/api/v1/sync/pull"},
        {"GET", "/api/v1/sync/pull/../../etc/passwd"},
        {"GET", "/api/v1/" + std::string(6000, 'a')},
    };
    for (const auto& [method, target] : requests) {
        for (const bool protobuf_accepted : {false, true}) {
            const auto reply = send(method, target, {},
                                    with_auth(*this, target.find("admin") != std::string::npos ? Who::admin
                                                                                                : Who::manager,
                                              {{"Accept", protobuf_accepted ? protobuf_type : json_type}}));
            auto problem = contract_problem(reply, protobuf_accepted);
            if (problem.empty() && reply.status < 400) problem = "answered " + std::to_string(reply.status);
            if (!problem.empty())
                problems.push_back(method + " " + printable(target, 60) + (protobuf_accepted ? " (protobuf)" : "") +
                                   ": " + problem);
        }
    }
    INFO(join(problems));
    CHECK(problems.empty());
    require_sound();
}

TEST_CASE_METHOD(Hostile, "text the wire formats cannot carry is refused, and text they can is kept exactly") {
    std::vector<std::string> problems;
    auto observation_json = [&](const std::string& comment_literal) {
        auto observation = factory->observation(wall_now());
        observation.set_comment("PLACEHOLDER");
        pb::PushRequest request;
        *request.add_observations() = observation;
        auto text = encode(request, Encoding::json);
        text.replace(text.find("\"PLACEHOLDER\""), 13, comment_literal);
        return text;
    };
    // Refused as a whole (400) or record by record (REJECTED): never stored. U+0000 is valid JSON but no database
    // stores it in text: it is refused on every engine alike.
    for (const auto& literal : {std::string("\"nul \\u0000 inside\""), std::string("\"bad \xff\xfe bytes\""),
                                std::string("\"overlong \xc0\xaf\""),
                                std::string("\"surrogate \xed\xa0\x80 bytes\""), std::string("\"lone \\ud800\""),
                                std::string("\"reversed \\udc00\\ud800\""), std::string("\"cut \xe2\x82\"")}) {
        const auto before = ledger->accepted();
        push_body(observation_json(literal), Encoding::json, &problems, printable(literal));
        if (ledger->accepted() != before) problems.push_back(printable(literal) + " was stored");
    }
    {
        auto observation = factory->observation(wall_now());
        observation.set_comment("bad \xff bytes");
        pb::PushRequest request;
        *request.add_observations() = observation;
        const auto before = ledger->accepted();
        push_body(request.SerializeAsString(), Encoding::protobuf, &problems, "binary \\xff");
        if (ledger->accepted() != before) problems.push_back("binary invalid UTF-8 was stored");
    }
    // Valid text, however unusual, comes back byte for byte (the ledger compares).
    for (const auto& literal :
         {std::string("\"emoji \\ud83d\\ude00 pair\""),
          std::string("\"controls \\u0001\\u001f\\u007f\""), std::string("\"bidi \\u202e override\""),
          "\"" + [] {
              std::string text;
              for (int i = 0; i < 2000; ++i) text += "\U0001F600";
              return text;
          }() + "\""}) {
        const auto reply = push_body(observation_json(literal), Encoding::json, &problems, printable(literal, 40));
        const auto response = decode_push(reply);
        if (!response || response->results_size() != 1 || response->results(0).status() != pb::ACCEPTED)
            problems.push_back(printable(literal, 40) + " was not accepted: " + printable(reply.body, 300));
    }
    INFO(join(problems));
    CHECK(problems.empty());
    require_sound();
}

TEST_CASE_METHOD(Hostile, "times outside what JSON can print are refused on push and never break a pull") {
    // Only binary protobuf can carry these. Seconds outside years 1 to 9999 must be refused: stored, they could
    // never be printed in JSON again. Nanos outside [0, 1e9) are not a valid Timestamp either; a server may refuse
    // them or read them as the instant they add up to, but must keep serving what it stored. Each case runs on a
    // fresh server, so that one stored bad time does not hide the next.
    constexpr long long year_1 = -62135596800LL;
    const auto [seconds, nanos, must_refuse] = GENERATE(table<long long, int, bool>({
        {year_1 - 1, 0, true},
        {year_1 - 86400LL * 365, 0, true},
        {-1'000'000'000'000'000LL, 0, true},
        {LLONG_MIN / 1000, 0, true},
        {LLONG_MIN, 0, true},
        {LLONG_MAX, 0, true},
        {LLONG_MAX / 1000, 0, true},
        {253402300800LL, 0, true},  // 10000-01-01
        {1'700'000'000LL, -1, false},
        {1'700'000'000LL, INT_MIN, false},
        {1'700'000'000LL, 1'000'000'000, false},
        {1'700'000'000LL, INT_MAX, false},
    }));
    const auto label = "seconds " + std::to_string(seconds) + " nanos " + std::to_string(nanos);
    INFO(label);
    std::vector<std::string> problems;
    pb::PushRequest request;
    auto observation = factory->observation(wall_now());
    observation.mutable_observed_at()->set_seconds(seconds);
    observation.mutable_observed_at()->set_nanos(nanos);
    *request.add_observations() = observation;
    auto activity = factory->activity(wall_now());
    activity.mutable_occurred_at()->set_seconds(seconds);
    activity.mutable_occurred_at()->set_nanos(nanos);
    *request.add_activities() = activity;
    const auto reply = push_body(request.SerializeAsString(), Encoding::protobuf, &problems, label);
    if (const auto response = decode_push(reply); response && must_refuse)
        for (const auto& result : response->results())
            if (result.status() == pb::ACCEPTED) problems.push_back("record " + result.id() + " was accepted");
    // Whatever was decided, every reader is still served.
    for (const auto& [who, target] : {std::pair{Who::manager, "/api/v1/sync/pull"},
                                      std::pair{Who::analyst, "/api/v1/indicators"},
                                      std::pair{Who::analyst, "/api/v1/indicators/series"},
                                      std::pair{Who::analyst, "/api/v1/indicators/export.csv"}}) {
        const auto answer = send("GET", target, {}, with_auth(*this, who, {{"Accept", json_type}}));
        if (answer.status != 200)
            problems.push_back(std::string(target) + " then answered " + std::to_string(answer.status) + ": " +
                               printable(answer.body, 200));
    }
    INFO(join(problems));
    CHECK(problems.empty());
    require_sound();
}

TEST_CASE_METHOD(Hostile, "one id given to an activity and to an observation cannot make a phone lose either") {
    // Ids are made on the phones, so nothing but the server stops a buggy or hostile client from giving an
    // observation the id of an activity. deletedIds does not say which kind an id was: if the server accepts both,
    // deleting the observation tells every phone to delete the activity too.
    auto activity = factory->activity(wall_now());
    pb::PushRequest first;
    *first.add_activities() = activity;
    REQUIRE(push_body(encode(first, Encoding::json), Encoding::json).status == 200);
    Snapshot phone = pull_all(client_, manager);
    REQUIRE(phone.activities.count(activity.id()) == 1);

    auto observation = factory->observation(wall_now());
    observation.set_id(activity.id());
    pb::PushRequest second;
    *second.add_observations() = observation;
    const auto answer = decode_push(push_body(encode(second, Encoding::json), Encoding::json));
    REQUIRE(answer);
    INFO("an observation with the activity's id was answered " << pb::PushStatus_Name(answer->results(0).status()));
    if (answer->results(0).status() == pb::ACCEPTED) {
        pb::PushRequest third;
        *third.add_observations() = factory->tombstone(observation);
        REQUIRE(push_body(encode(third, Encoding::json), Encoding::json).status == 200);
    }
    pull_since(client_, manager, phone);
    CHECK(phone.activities.count(activity.id()) == 1);
    require_sound();
}

TEST_CASE_METHOD(Hostile, "a seeded mutation fuzzer over valid push bodies finds no crash, 5xx or lost record") {
    // FLOORWALK_FUZZ_SEED and FLOORWALK_FUZZ_CASES reproduce or widen a run; the defaults keep it short.
    const auto seed = static_cast<std::uint32_t>(
        std::strtoul(std::getenv("FLOORWALK_FUZZ_SEED") ? std::getenv("FLOORWALK_FUZZ_SEED") : "20261128", nullptr,
                     10));
    const int cases = std::clamp(
        std::atoi(std::getenv("FLOORWALK_FUZZ_CASES") ? std::getenv("FLOORWALK_FUZZ_CASES") : "2000"), 1, 100'000);
    MutatorContext context;
    context.employees_in_scope = in_scope;
    context.employees_elsewhere = {"e3", "e4"};  // seed_organization: n2 and s1, outside the manager's n1
    for (const auto& dimension : model.dimensions()) context.dimensions.push_back(dimension.id());
    context.other_device_ids = {"admin-laptop"};
    context.now_seconds = std::chrono::duration_cast<std::chrono::seconds>(wall_now().time_since_epoch()).count();
    BodyMutator mutator(context, seed);
    RecordFactory records(model, in_scope, seed, "fuzz");
    // Records are made as of a fixed instant in the past, so that a seed gives the same bytes on every run (only
    // the mutations relative to the server's clock, such as "25 hours from now", change with the day).
    const Timestamp made_at{std::chrono::milliseconds{1'717'200'000'000LL}};  // 2024-06-01

    std::vector<std::string> problems;
    std::map<int, int> statuses;
    for (int i = 0; i < cases; ++i) {
        auto& random = mutator.random();
        pb::PushRequest request;
        request.set_device_id(random() % 2 ? manager.device_id : "");
        const auto observations = random() % 4;
        const auto activities = random() % 3;
        for (std::size_t k = 0; k < observations; ++k) *request.add_observations() = records.observation(made_at);
        for (std::size_t k = 0; k < activities; ++k) *request.add_activities() = records.activity(made_at);
        // Some cases edit or delete a record acknowledged earlier, so that revisions are fuzzed too.
        if (random() % 4 == 0 && !ledger->observation_order().empty()) {
            const auto& order = ledger->observation_order();
            const auto& known = ledger->observations().at(order[random() % order.size()]);
            if (!known.deleted) {
                pb::Observation current;
                wire::to_proto(known, &current);
                *request.add_observations() = random() % 3 ? records.edit(current) : records.tombstone(current);
            }
        }
        bool binary = random() % 2 == 0;
        std::string log = "case " + std::to_string(i) + (binary ? " binary" : " json");
        if (random() % 8 != 0) mutator.mutate_fields(request, binary, log);
        std::string body;
        try {
            body = encode(request, binary ? Encoding::protobuf : Encoding::json);
        } catch (const std::invalid_argument&) {
            // An edit of a stored record whose time JSON cannot print (only if the server accepted one): binary.
            binary = true;
            log += " (binary: not printable in JSON)";
            body = encode(request, Encoding::protobuf);
        }
        if (random() % 2 == 0) {
            const auto damages = 1 + random() % 3;
            for (std::size_t d = 0; d < damages; ++d)
                body = binary ? mutator.damage_binary(std::move(body), log) : mutator.damage_json(std::move(body), log);
        }
        const auto before = problems.size();
        const auto reply = push_body(body, binary ? Encoding::protobuf : Encoding::json, &problems, log);
        ++statuses[reply.status];
        if (problems.size() > before) problems.back() += " | body " + printable(body, 200);
        if (problems.size() > 40) break;  // enough to act on
        if ((i + 1) % 250 == 0 || i + 1 == cases) {
            const auto health = send("GET", "/healthz", {}, {});
            if (health.status != 200) problems.push_back("after case " + std::to_string(i) + " /healthz answered " +
                                                         std::to_string(health.status));
            try {
                for (auto& problem : ledger->verify(pull_all(client_, manager), [](const std::string&) {
                         return true;
                     }))
                    problems.push_back("after case " + std::to_string(i) + ": " + problem);
            } catch (const std::exception& error) {
                problems.push_back("after case " + std::to_string(i) + ": " + error.what());
            }
        }
    }
    std::string figures = "seed " + std::to_string(seed) + ", " + std::to_string(cases) + " cases; statuses:";
    for (const auto& [status, count] : statuses) figures += " " + std::to_string(status) + "x" + std::to_string(count);
    figures += "; records acknowledged: " + std::to_string(ledger->accepted());
    WARN(figures);
    INFO(join(problems));
    CHECK(problems.empty());
    require_sound();
}
