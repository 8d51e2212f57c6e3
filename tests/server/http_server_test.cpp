// The transport on its own: limits, deadlines, the connection cap, Transfer-Encoding, TLS and graceful shutdown,
// against a stub handler on 127.0.0.1 and a free port.
#include "floorwalk/validation.h"
#include "http/http_server.h"
#include "support/fixtures.h"
#include "support/http_client.h"

#include <catch2/catch.hpp>
#include <openssl/ssl.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

using namespace floorwalk::server;
using namespace floorwalk::server::test;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

// Echoes what it was asked; "/whoami" echoes the Authorization and Content-Type it was given, "/hold" waits until
// released, "/throw" throws.
class StubHandler final : public RequestHandler {
public:
    Response handle(const Request& request, RequestLog& log) override {
        log.route = request.path;
        log.user = "tester";
        if (request.path == "/throw") throw std::runtime_error("stub failure");
        if (request.path == "/whoami") {
            Response response;
            response.content_type = "text/plain";
            response.body = "auth=" + request.authorization + " type=" + request.content_type +
                            " body=" + request.body;
            return response;
        }
        if (request.path == "/hold") {
            std::unique_lock lock(mutex_);
            ++held_;
            changed_.notify_all();
            changed_.wait_for(lock, 20s, [this] { return released_; });
        }
        Response response;
        response.content_type = "text/plain";
        response.body = request.method + " " + request.path;
        for (const auto& [name, value] : request.query) response.body += " " + name + "=" + value;
        response.body += " body=" + std::to_string(request.body.size());
        response.body += " type=" + request.content_type;
        return response;
    }

    void completed(std::string_view method, const RequestLog& log, int status, std::chrono::microseconds) override {
        std::scoped_lock lock(mutex_);
        exchanges_.push_back(std::string(method) + " " + log.route + " " + std::to_string(status));
    }

    // Waits (bounded) until `count` requests are held in /hold.
    bool wait_held(int count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 20s, [&] { return held_ >= count; });
    }
    void release() {
        std::scoped_lock lock(mutex_);
        released_ = true;
        changed_.notify_all();
    }
    std::vector<std::string> exchanges() {
        std::scoped_lock lock(mutex_);
        return exchanges_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int held_ = 0;
    bool released_ = false;
    std::vector<std::string> exchanges_;
};

HttpConfig test_config() {
    HttpConfig config;
    config.address = "127.0.0.1";
    config.port = 0;
    config.threads = 2;
    return config;
}

// A server running on its own thread for the length of a test.
class Running {
public:
    explicit Running(HttpConfig config = test_config()) : server(config, handler) {
        thread = std::thread([this] { server.run(); });
    }
    ~Running() { stop(); }
    void stop() {
        handler.release();
        if (thread.joinable()) {
            server.stop();
            thread.join();
        }
    }
    // Waits (bounded) until the server counts `count` open connections.
    bool wait_connections(std::size_t count) {
        for (int i = 0; i < 1000; ++i) {
            if (server.open_connections() == count) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }

    StubHandler handler;
    HttpServer server;
    std::thread thread;
};

std::string body_of(const std::string& raw) {
    const auto end = raw.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : raw.substr(end + 4);
}

}  // namespace

TEST_CASE("requests are decoded and answered over one kept-alive connection", "[concurrency]") {
    Running running;
    CHECK(running.server.port() != 0);
    CHECK(running.server.url() == "http://127.0.0.1:" + std::to_string(running.server.port()));
    HttpClient client(running.server.port());
    REQUIRE(client.connected());
    auto reply = client.request("GET", "/api/v1/sync/pull?cursor=a%2Bb&limit=5&name=Chlo%C3%A9+B");
    CHECK(reply.status == 200);
    CHECK(reply.body == "GET /api/v1/sync/pull cursor=a+b limit=5 name=Chloé B body=0 type=");
    CHECK(reply.header("Server") == "floorwalk");
    CHECK(reply.header("Strict-Transport-Security").empty());  // never over plain HTTP
    reply = client.request("POST", "/p%C3%A9", "{}", {{"Content-Type", "Application/JSON; charset=utf-8"}});
    CHECK(reply.status == 200);
    CHECK(reply.body == "POST /pé body=2 type=application/json");
    CHECK(running.server.open_connections() == 1);
}

TEST_CASE("two servers on port 0 listen on different ports") {
    Running first;
    Running second;
    CHECK(first.server.port() != second.server.port());
    CHECK(http_request(second.server.port(), "GET", "/").status == 200);
}

TEST_CASE("a body over the limit is answered 413 in JSON, then the connection closes") {
    Running running;  // the default 4 MiB limit
    HttpClient client(running.server.port());
    const auto reply = client.request("POST", "/api/v1/sync/push", std::string(4 * 1024 * 1024 + 1, 'x'),
                                      {{"Content-Type", "application/json"}});
    CHECK(reply.status == 413);
    CHECK(reply.header("Content-Type") == "application/json");
    CHECK_THAT(reply.body, Contains(R"("code":"body_too_large")"));
    CHECK(reply.header("Connection") == "close");
    CHECK(client.request("POST", "/ok", std::string(4 * 1024 * 1024, 'x')).status == 200);  // exactly the limit
}

TEST_CASE("a chunked body over the limit is answered 413 too") {
    auto config = test_config();
    config.body_limit = 1000;
    Running running(config);
    RawConnection connection(running.server.port());
    std::string request = "POST /push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) request += "200\r\n" + std::string(512, 'a') + "\r\n";
    request += "0\r\n\r\n";
    connection.send(request);
    const auto received = connection.receive_until_close(10s);
    CHECK(status_of(received.data) == 413);
    CHECK(received.closed);
}

TEST_CASE("a chunked body within the limit is read whole") {
    Running running;
    RawConnection connection(running.server.port());
    connection.send("POST /push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    const auto received = connection.receive_until_close(10s);
    CHECK(status_of(received.data) == 200);
    CHECK(body_of(received.data) == "POST /push body=11 type=");
}

TEST_CASE("a header over 16 KiB is answered 431") {
    Running running;
    HttpClient client(running.server.port());
    const auto reply = client.request("GET", "/", "", {{"X-Padding", std::string(17 * 1024, 'p')}});
    CHECK(reply.status == 431);
    CHECK_THAT(reply.body, Contains("header_too_large"));
}

TEST_CASE("a Transfer-Encoding other than chunked is refused with 501") {
    Running running;
    for (const auto* coding : {"gzip", "gzip, chunked", "chunked, gzip", "identity"}) {
        RawConnection connection(running.server.port());
        connection.send(std::string("POST /push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") + coding +
                        "\r\n\r\nabc");
        const auto received = connection.receive_until_close(10s);
        INFO(coding);
        CHECK(status_of(received.data) == 501);
        CHECK_THAT(body_of(received.data), Contains("unsupported_transfer_encoding"));
        CHECK(received.closed);
    }
}

// Found by fuzzing (tests/fuzz/corpus/http_request/regression-501-not-utf8): the 501 quotes the coding, and a
// field value may carry any byte above 0x7F; the answer must stay JSON, which is UTF-8.
TEST_CASE("a refusal quoting bytes that are not UTF-8 is still valid JSON") {
    Running running;
    RawConnection connection(running.server.port());
    connection.send("POST /push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\xff\xfe\r\n\r\nabc");
    const auto received = connection.receive_until_close(10s);
    CHECK(status_of(received.data) == 501);
    const auto body = body_of(received.data);
    CHECK(floorwalk::utf8_length(body).has_value());
    // Each stray byte is shown as U+FFFD, so the person reading still sees where the value went wrong.
    CHECK_THAT(body, Contains("'chunked\xEF\xBF\xBD\xEF\xBF\xBD'"));
}

TEST_CASE("ambiguous framing and broken request lines are answered 400") {
    Running running;
    for (const auto* raw : {"POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
                            "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                            "GET /x HTTP/9.9\r\nHost: x\r\n\r\n", "NONSENSE\r\n\r\n", "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                            "GET http://elsewhere/x HTTP/1.1\r\nHost: x\r\n\r\n"}) {
        RawConnection connection(running.server.port());
        connection.send(raw);
        const auto received = connection.receive_until_close(10s);
        INFO(raw);
        CHECK(status_of(received.data) == 400);
        CHECK_THAT(body_of(received.data), Contains(R"("error":{"code":"bad_request")"));
    }
}

TEST_CASE("Expect: 100-continue is honoured") {
    Running running;
    RawConnection connection(running.server.port());
    connection.send("PUT /admin HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    const auto interim = connection.receive_until("\r\n\r\n", 10s);
    CHECK(status_of(interim.data) == 100);
    connection.send("data");
    const auto final_answer = connection.receive_until("type=", 10s);
    CHECK_THAT(final_answer.data, Contains("HTTP/1.1 200"));
    CHECK_THAT(final_answer.data, Contains("PUT /admin body=4"));
}

TEST_CASE("a client too slow to send its header is cut at the read deadline", "[concurrency]") {
    auto config = test_config();
    config.read_timeout = 300ms;
    Running running(config);
    RawConnection connection(running.server.port());
    connection.send("GET / HTTP/1.1\r\nHost: x\r\n");  // and never the blank line
    const auto received = connection.receive_until_close(20s);
    CHECK(received.closed);
    CHECK(received.data.empty());
    CHECK(running.wait_connections(0));
}

TEST_CASE("a client too slow to send its body is cut at the body deadline") {
    auto config = test_config();
    config.body_timeout = 300ms;
    Running running(config);
    RawConnection connection(running.server.port());
    connection.send("POST /push HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
    const auto received = connection.receive_until_close(20s);
    CHECK(received.closed);
    CHECK(received.data.empty());
}

TEST_CASE("an idle kept-alive connection is closed at the idle deadline", "[concurrency]") {
    auto config = test_config();
    config.idle_timeout = 300ms;
    Running running(config);
    RawConnection connection(running.server.port());
    connection.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto received = connection.receive_until_close(20s);
    CHECK(status_of(received.data) == 200);  // answered, kept alive, then cut when idle
    CHECK(received.closed);
}

TEST_CASE("connections past the cap are answered 503 and closed", "[concurrency]") {
    auto config = test_config();
    config.max_connections = 2;
    Running running(config);
    RawConnection first(running.server.port());
    RawConnection second(running.server.port());
    REQUIRE(running.wait_connections(2));
    {
        HttpClient third(running.server.port());
        const auto reply = third.request("GET", "/");
        CHECK(reply.status == 503);
        CHECK(reply.header("Retry-After") == "1");
        CHECK_THAT(reply.body, Contains("overloaded"));
    }
    // Once a slot frees up, new connections are served again.
    first.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(status_of(first.receive_until_close(10s).data) == 200);
    REQUIRE(running.wait_connections(1));
    CHECK(http_request(running.server.port(), "GET", "/").status == 200);
}

TEST_CASE("a handler that throws becomes a 500 and the connection keeps serving", "[concurrency]") {
    Running running;
    HttpClient client(running.server.port());
    const auto reply = client.request("GET", "/throw");
    CHECK(reply.status == 500);
    CHECK_THAT(reply.body, Contains(R"("code":"internal")"));
    CHECK(client.request("GET", "/after").status == 200);
}

TEST_CASE("every exchange is reported, including the transport's own answers", "[concurrency]") {
    Running running;
    CHECK(http_request(running.server.port(), "GET", "/x").status == 200);
    HttpClient client(running.server.port());
    CHECK(client.request("GET", "/", "", {{"X-Big", std::string(20 * 1024, 'b')}}).status == 431);
    running.stop();
    const auto exchanges = running.handler.exchanges();
    CHECK(std::ranges::find(exchanges, "GET /x 200") != exchanges.end());
    CHECK(std::ranges::find(exchanges, "GET (transport) 431") != exchanges.end());
}

TEST_CASE("stop() lets a request in flight finish, closes idle connections and returns", "[concurrency]") {
    Running running;
    RawConnection idle(running.server.port());
    auto in_flight = std::async(std::launch::async, [port = running.server.port()] {
        return http_request(port, "GET", "/hold");
    });
    REQUIRE(running.handler.wait_held(1));
    REQUIRE(running.wait_connections(2));
    running.server.stop();
    CHECK(idle.receive_until_close(20s).closed);  // the idle one goes at once
    running.handler.release();
    const auto reply = in_flight.get();
    CHECK(reply.status == 200);
    CHECK(reply.header("Connection") == "close");
    running.thread.join();
    CHECK(running.server.open_connections() == 0);
    CHECK_FALSE(HttpClient(running.server.port(), std::nullopt, 2s).connected());
}

TEST_CASE("at the shutdown deadline, requests still in flight are cut", "[concurrency]") {
    auto config = test_config();
    config.shutdown_timeout = 200ms;
    Running running(config);
    auto in_flight = std::async(std::launch::async, [port = running.server.port()] {
        return http_request(port, "GET", "/hold");
    });
    REQUIRE(running.handler.wait_held(1));
    running.server.stop();
    // The handler is still busy past the deadline: the connection is closed under it, and once it returns the
    // server finishes stopping.
    const auto reply = in_flight.get();
    CHECK(reply.status == 0);
    running.handler.release();
    running.thread.join();
    CHECK(running.server.open_connections() == 0);
}

TEST_CASE("TLS 1.2 and 1.3 with the configured certificate, older protocols and plain HTTP fail", "[concurrency]") {
    TempDir dir;
    const auto certificate = make_self_signed_certificate(dir.path());
    auto config = test_config();
    config.tls_certificate = certificate.certificate;
    config.tls_private_key = certificate.private_key;
    Running running(config);
    CHECK(running.server.uses_tls());
    CHECK(running.server.url().starts_with("https://127.0.0.1:"));

    for (int version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
        HttpClient client(running.server.port(), TlsOptions{certificate.certificate, version, version});
        INFO(version);
        REQUIRE(client.connected());
        auto reply = client.request("POST", "/secure", "payload");
        CHECK(reply.status == 200);
        CHECK(reply.body == "POST /secure body=7 type=");
        CHECK(reply.header("Strict-Transport-Security") == "max-age=31536000");
        CHECK(client.request("GET", "/again").status == 200);  // kept alive over TLS
    }

    HttpClient old(running.server.port(), TlsOptions{certificate.certificate, TLS1_1_VERSION, TLS1_1_VERSION, true});
    CHECK_FALSE(old.connected());

    HttpClient plain(running.server.port(), std::nullopt, 5s);
    CHECK(plain.request("GET", "/").status == 0);
}

TEST_CASE("TLS limits apply as on plain HTTP") {
    TempDir dir;
    const auto certificate = make_self_signed_certificate(dir.path());
    auto config = test_config();
    config.tls_certificate = certificate.certificate;
    config.tls_private_key = certificate.private_key;
    config.body_limit = 1024;
    Running running(config);
    HttpClient client(running.server.port(), TlsOptions{certificate.certificate});
    const auto reply = client.request("POST", "/push", std::string(4096, 'x'));
    CHECK(reply.status == 413);
    CHECK(reply.header("Strict-Transport-Security") == "max-age=31536000");  // the transport's own answers too
}

TEST_CASE("Strict-Transport-Security can be turned off") {
    TempDir dir;
    const auto certificate = make_self_signed_certificate(dir.path());
    auto config = test_config();
    config.tls_certificate = certificate.certificate;
    config.tls_private_key = certificate.private_key;
    config.strict_transport_security.clear();
    Running running(config);
    const auto reply = http_request(running.server.port(), "GET", "/", {}, {}, TlsOptions{certificate.certificate});
    CHECK(reply.status == 200);
    CHECK(reply.header("Strict-Transport-Security").empty());
}

TEST_CASE("fields in a chunked body's trailer never stand in for header fields") {
    Running running;
    RawConnection connection(running.server.port());
    // The trailer's Connection: close is ignored too: the second request on the connection is answered.
    connection.send("POST /whoami HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "2\r\n{}\r\n0\r\nAuthorization: Bearer from-trailer\r\nContent-Type: application/json\r\n"
                    "Connection: close\r\n\r\n"
                    "POST /whoami HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer from-header\r\n"
                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    "1\r\nx\r\n0\r\nAuthorization: Bearer from-trailer\r\n\r\n");
    const auto received = connection.receive_until_close(10s);
    INFO(received.data);
    CHECK(received.data.find("auth= type= body={}") != std::string::npos);
    CHECK(received.data.find("auth=Bearer from-header type= body=x") != std::string::npos);
    CHECK(received.data.find("from-trailer") == std::string::npos);
}

TEST_CASE("a HEAD is answered with the GET's fields and no body, and the connection stays in step", "[concurrency]") {
    Running running;
    SECTION("raw bytes: the next response starts right after the HEAD answer's header") {
        RawConnection connection(running.server.port());
        connection.send("HEAD /page HTTP/1.1\r\nHost: x\r\n\r\nGET /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        const auto received = connection.receive_until_close(10s);
        INFO(received.data);
        const auto end_of_head = received.data.find("\r\n\r\n");
        REQUIRE(end_of_head != std::string::npos);
        const auto head = received.data.substr(0, end_of_head + 4);
        CHECK(head.starts_with("HTTP/1.1 200"));
        // The stub would have answered "HEAD /page body=0 type=": 23 bytes announced, none sent.
        CHECK_THAT(head, Contains("Content-Length: 23\r\n"));
        CHECK_THAT(head, Contains("Content-Type: text/plain\r\n"));
        const auto rest = received.data.substr(end_of_head + 4);
        CHECK(rest.starts_with("HTTP/1.1 200"));
        CHECK(rest.ends_with("\r\n\r\nGET /page body=0 type="));
    }
    SECTION("a client alternating HEAD and GET on one connection") {
        HttpClient client(running.server.port());
        for (int i = 0; i < 3; ++i) {
            const auto head = client.request("HEAD", "/page");
            CHECK(head.status == 200);
            CHECK(head.body.empty());
            CHECK(head.header("Content-Length") == "23");
            const auto get = client.request("GET", "/page");
            CHECK(get.status == 200);
            CHECK(get.body == "GET /page body=0 type=");
        }
        CHECK(running.server.open_connections() == 1);
    }
    SECTION("the transport's own refusals of a HEAD have no body either") {
        RawConnection connection(running.server.port());
        connection.send("HEAD / HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(17 * 1024, 'p') + "\r\n\r\n");
        const auto received = connection.receive_until_close(10s);
        CHECK(status_of(received.data) == 431);
        CHECK_THAT(received.data, Contains("Content-Length: "));
        CHECK(received.data.ends_with("\r\n\r\n"));
    }
}

TEST_CASE("a server that cannot listen or load its certificate says why") {
    Running running;
    StubHandler handler;
    auto config = test_config();
    config.port = running.server.port();
    config.address = "127.0.0.1";
    CHECK_THROWS_WITH(HttpServer(config, handler), Contains("cannot listen on 127.0.0.1"));
    config.port = 0;
    config.header_limit = 64 * 1024;  // Beast could not hold a field that long
    CHECK_THROWS_WITH(HttpServer(config, handler), Contains("header limit"));
    config.header_limit = 16 * 1024;
    config.tls_certificate = "/nonexistent/cert.pem";
    config.tls_private_key = "/nonexistent/key.pem";
    CHECK_THROWS_WITH(HttpServer(config, handler), Contains("/nonexistent/cert.pem"));
}
