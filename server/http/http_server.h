// The HTTP(S) transport: an asynchronous Boost.Beast server on a thread pool that reads requests under strict
// limits, hands them to a RequestHandler, and writes the answers. This header stays free of Beast and Asio so that
// the CLI, tests and benchmarks include it without their compile cost.
//
// Threading: construct on one thread; run() blocks the calling thread (which joins the pool) until the server has
// stopped; stop() may be called from any thread, any number of times, before or during run().
#pragma once

#include "api/http_types.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace floorwalk::server {

struct HttpConfig {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port; port() tells which
    // Threads doing I/O (including the one that calls run()), and as many again running the handlers, so that
    // database work never holds up accepting, deadlines or shutdown.
    int threads = 2;

    // TLS (1.2 and 1.3 only) is on when both are set: a PEM certificate chain and its PEM private key.
    std::filesystem::path tls_certificate;
    std::filesystem::path tls_private_key;
    // With TLS, every response carries this Strict-Transport-Security value (one year; no includeSubDomains, which
    // would bind every other host of the domain to HTTPS too); empty sends none. Never sent over plain HTTP (RFC
    // 6797 7.2: browsers ignore it there, and it would only advertise what an attacker can strip).
    std::string strict_transport_security = "max-age=31536000";

    // Header fields are those before the body: fields a chunked body's trailer carries are read and discarded,
    // never merged into the request the handler sees (RFC 9110 6.5.1), so a trailer cannot stand in for a header.
    std::size_t header_limit = 16 * 1024;       // larger headers are answered 431; at most 32 KiB
    std::size_t body_limit = 4 * 1024 * 1024;   // larger bodies are answered 413, never silently dropped
    std::size_t max_connections = 1000;         // connections past this are answered 503 and closed

    // Deadlines, so that a slow or silent client cannot hold a connection.
    std::chrono::milliseconds read_timeout{15'000};   // TLS handshake, then a request's header
    std::chrono::milliseconds body_timeout{60'000};   // a request's body (up to body_limit on a slow phone link)
    std::chrono::milliseconds idle_timeout{30'000};   // a kept-alive connection waiting for its next request
    std::chrono::milliseconds write_timeout{30'000};  // writing a response
    std::chrono::milliseconds shutdown_timeout{10'000};  // in-flight requests get this long once stop() is called

    bool log_requests = true;       // one line per request on stderr
    bool stop_on_signals = false;   // SIGINT and SIGTERM call stop()
};

class HttpServer {
public:
    // Binds and listens at once, so that port() is known before run(). Throws std::runtime_error with a message a
    // person can act on when it cannot (address in use, unreadable certificate...).
    HttpServer(HttpConfig config, RequestHandler& handler);
    // Stops the server and waits for a running run() to return.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    [[nodiscard]] unsigned short port() const;
    [[nodiscard]] bool uses_tls() const;
    // "http://127.0.0.1:8080" or "https://..." as clients should call it.
    [[nodiscard]] std::string url() const;
    // Connections open right now (for tests and diagnostics).
    [[nodiscard]] std::size_t open_connections() const;

    // Serves until stop(): stops accepting, lets requests in flight finish within shutdown_timeout, closes the rest,
    // then returns. Call it once.
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace floorwalk::server
