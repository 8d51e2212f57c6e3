// What the listener and the sessions share inside floorwalk_http. Private to this folder: the only headers of the
// project that include Beast and Asio.
#pragma once

#include "api/http_types.h"
#include "http/http_server.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace floorwalk::server::http_detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

// The largest HttpConfig::header_limit: with the read buffer's slack (session.cpp), a header or trailer field stays
// below the 64 KiB Beast can hold in one field.
inline constexpr std::size_t max_header_limit = 32 * 1024;

// A live connection as the server sees it, so that shutdown can reach it. The fields are touched only on the
// connection's strand (shutdown posts there).
struct Connection {
    explicit Connection(net::any_io_executor executor) : strand(std::move(executor)) {}
    net::any_io_executor strand;
    beast::tcp_stream* stream = nullptr;  // the lowest layer while the session runs
    bool busy = false;                    // from a request's complete header to the end of its response
};

// State shared by the listener and every session.
//
// Threading: the registry is guarded by a mutex (sessions come and go on their own strands); `stopping` is atomic.
class ServerState {
public:
    ServerState(HttpConfig config, RequestHandler& handler, ssl::context* tls, net::any_io_executor workers)
        : config(std::move(config)), handler(handler), tls(tls), workers(std::move(workers)) {}

    const HttpConfig config;
    RequestHandler& handler;
    ssl::context* const tls;  // null for plain HTTP
    // Where handlers run: off the I/O threads, so that database work never delays accepting, deadlines or shutdown.
    const net::any_io_executor workers;
    std::atomic<bool> stopping{false};
    // Called (from any strand) when the last connection closes while stopping.
    std::function<void()> on_drained;

    std::shared_ptr<Connection> add_connection(net::any_io_executor strand);
    void remove_connection(const std::shared_ptr<Connection>& connection);
    [[nodiscard]] std::size_t connection_count() const;
    void for_each_connection(const std::function<void(const std::shared_ptr<Connection>&)>& visit) const;

    // The access log line and the handler's completion report. `delivered` is false when the response could not
    // be written (the client went away, or shutdown cut the connection).
    void finished(std::string_view method, const RequestLog& log, int status, std::chrono::microseconds elapsed,
                  bool delivered = true);

private:
    mutable std::mutex mutex_;
    std::unordered_map<Connection*, std::shared_ptr<Connection>> connections_;
};

// Serves one accepted connection (TLS when state.tls is set) until it closes. When `overloaded`, answers its first
// request 503 and closes: the server is at its connection cap.
net::awaitable<void> run_session(ServerState& state, tcp::socket socket, std::shared_ptr<Connection> connection,
                                 bool overloaded);

// Beast request -> the handlers' Request; nullopt with `problem` set when the target cannot be decoded.
[[nodiscard]] std::optional<Request> to_request(http::request<http::string_body>&& in, std::string remote_address,
                                                std::string* problem);

// How a response goes out on its connection.
struct Delivery {
    unsigned version = 11;
    bool keep_alive = false;
    // The answer to a HEAD: the GET answer's status and fields, its Content-Length included, and no body.
    bool head = false;
    // Sent as Strict-Transport-Security when not empty: only ever on a TLS connection.
    std::string_view strict_transport_security;
};
// The handlers' Response -> Beast response.
[[nodiscard]] http::response<http::string_body> to_beast(const Response& in, const Delivery& delivery);
// An answer the transport gives by itself, with the API's JSON error body.
[[nodiscard]] Response transport_error(int status, std::string_view code, std::string_view message);

}  // namespace floorwalk::server::http_detail
