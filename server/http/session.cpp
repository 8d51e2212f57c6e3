// One connection, plain or TLS: read a request under limits and deadlines, answer it, repeat while kept alive.
#include "http/server_internals.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <cstdio>

namespace floorwalk::server::http_detail {
namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr std::size_t first_read_bytes = 4096;
// The read buffer holds the header (up to header_limit) and then, since the parser takes a body's bytes out as they
// come, little more, except for a chunk's size line or the trailer, which stay in it until they end. Beast bounds
// neither, and throws std::length_error out of the I/O thread (ending the process) on a field of 64 KiB: the
// buffer's bound, header_limit (at most max_header_limit) plus this, keeps every field well below that.
constexpr std::size_t read_slack_bytes = 16 * 1024;
static_assert(max_header_limit + read_slack_bytes < 64 * 1024, "a field must stay below Beast's 64 KiB");
// After refusing a request, read (and discard) what the client is still sending, so that closing the socket does
// not reset the connection before the client has read the refusal. Bounded in bytes and time.
constexpr std::size_t max_drain_bytes = 8 * 1024 * 1024;
constexpr auto drain_timeout = std::chrono::seconds(3);
constexpr auto tls_shutdown_timeout = std::chrono::seconds(2);

using SteadyClock = std::chrono::steady_clock;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

std::chrono::microseconds since(SteadyClock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
}

// True when the value is exactly the one coding "chunked" (any case, optional spaces).
bool is_chunked_only(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return beast::iequals(value, "chunked");
}

// Errors that mean the bytes were not valid HTTP, as opposed to a closed or timed-out connection.
bool is_protocol_error(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_target).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message && ec != http::error::need_more &&
           ec != http::error::need_buffer;
}

// Takes the connection out of the registry however the session ends (return or exception).
struct Registration {
    ServerState& state;
    std::shared_ptr<Connection> connection;
    ~Registration() {
        connection->stream = nullptr;
        connection->busy = false;
        state.remove_connection(connection);
    }
};

template <class Stream>
class Session {
public:
    Session(ServerState& state, Stream& stream, Connection& connection, std::string remote_address)
        : state_(state), config_(state.config), stream_(stream), connection_(connection),
          remote_address_(std::move(remote_address)), buffer_(config_.header_limit + read_slack_bytes) {}

    net::awaitable<void> run(bool overloaded) {
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            tcp().expires_after(config_.read_timeout);
            auto [ec] = co_await stream_.async_handshake(ssl::stream_base::server, use_tuple);
            if (ec) co_return;  // not TLS, or too slow: there is no channel to answer in
        }
        bool first = true;
        while (!state_.stopping) {
            // A kept-alive connection may wait idle_timeout for its next request; then the header must arrive
            // within read_timeout like the first one.
            if (!first && buffer_.size() == 0) {
                tcp().expires_after(config_.idle_timeout);
                auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(first_read_bytes), use_tuple);
                if (ec) break;
                buffer_.commit(n);
            }
            first = false;
            if (!co_await exchange(overloaded)) break;
        }
        co_await close();
    }

private:
    beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

    // Reads one request and answers it; false when the connection must close.
    net::awaitable<bool> exchange(bool overloaded) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(config_.header_limit));
        parser.body_limit(config_.body_limit);
        tcp().expires_after(config_.read_timeout);
        const auto [header_ec, header_bytes] = co_await http::async_read_header(stream_, buffer_, parser, use_tuple);
        const auto start = SteadyClock::now();
        if (header_ec) {
            if (header_ec == http::error::header_limit)
                co_await refuse(431, "header_too_large",
                                "The request's header is larger than " + std::to_string(config_.header_limit) +
                                    " bytes.",
                                method_of(parser), start);
            else if (header_ec == http::error::body_limit)  // a Content-Length over the limit
                co_await refuse(413, "body_too_large", body_too_large_message(), method_of(parser), start);
            else if (is_protocol_error(header_ec))
                co_await refuse(400, "bad_request", "The request is not valid HTTP/1.1 (" + header_ec.message() + ").",
                                method_of(parser), start);
            co_return false;  // otherwise closed, reset or too slow: nobody to answer
        }

        connection_.busy = true;
        const auto method = method_of(parser);
        const auto& header = parser.get();
        const bool head = header.method() == http::verb::head;
        if (overloaded) {
            co_await refuse(503, "overloaded", "The server has too many open connections; retry in a moment.", method,
                            start);
            co_return false;
        }
        if (const auto coding = header[http::field::transfer_encoding];
            !coding.empty() && !is_chunked_only(std::string_view(coding.data(), coding.size()))) {
            co_await refuse(501, "unsupported_transfer_encoding",
                            "Transfer-Encoding '" + std::string(coding) +
                                "' is not supported: send the body with Content-Length or 'chunked' alone.",
                            method, start);
            co_return false;
        }
        if (beast::iequals(header[http::field::expect], "100-continue")) {
            http::response<http::empty_body> go_on{http::status::continue_, header.version()};
            tcp().expires_after(config_.write_timeout);
            if (auto [ec, n] = co_await http::async_write(stream_, go_on, use_tuple); ec) co_return false;
        }

        // The fields as they stand before the body. Beast adds a chunked body's trailer fields to the same
        // container once the body is read; the request handed on is built from this copy, so no trailer can pose
        // as Authorization, Content-Type or Connection.
        auto fields_before_body = header.base();
        tcp().expires_after(config_.body_timeout);
        const auto [body_ec, body_bytes] = co_await http::async_read(stream_, buffer_, parser, use_tuple);
        if (body_ec) {
            if (body_ec == http::error::body_limit)
                co_await refuse(413, "body_too_large", body_too_large_message(), method, start);
            else if (body_ec == http::error::buffer_overflow)
                co_await refuse(400, "bad_request",
                                "A chunk's size line or the chunked body's trailer is longer than " +
                                    std::to_string(buffer_.max_size()) + " bytes.",
                                method, start);
            else if (is_protocol_error(body_ec))
                co_await refuse(400, "bad_request", "The request body is not valid HTTP/1.1 (" + body_ec.message() + ").",
                                method, start);
            co_return false;
        }

        http::request<http::string_body> message(std::move(fields_before_body), std::move(parser.get().body()));
        const auto version = message.version();
        bool keep_alive = message.keep_alive();
        RequestLog log;
        Response response;
        std::string problem;
        if (auto request = to_request(std::move(message), remote_address_, &problem)) {
            try {
                response = co_await handle_on_workers(*request, log);
            } catch (const std::exception& error) {
                std::fprintf(stderr, "floorwalk-server: error: %s %s failed: %s\n", method.c_str(),
                             request->path.c_str(), error.what());
                response = transport_error(500, "internal",
                                           "The server failed to answer this request; the failure is logged.");
            }
        } else {
            // A target that cannot be decoded says little good about the rest of the stream: answer and close.
            log.route = "(transport)";
            response = transport_error(400, "bad_request", problem);
            keep_alive = false;
        }
        keep_alive = keep_alive && !state_.stopping;
        auto out = to_beast(response, delivery(version, keep_alive, head));
        tcp().expires_after(config_.write_timeout);
        const auto [write_ec, written] = co_await http::async_write(stream_, out, use_tuple);
        state_.finished(method, log, response.status, since(start), !write_ec);
        connection_.busy = false;
        co_return !write_ec && keep_alive;
    }

    // Runs the handler on the worker pool and resumes on this connection's strand with its answer (or exception).
    // While it runs the strand stays free, so shutdown can still close this connection at its deadline.
    net::awaitable<Response> handle_on_workers(const Request& request, RequestLog& log) {
        auto& handler = state_.handler;
        co_return co_await net::co_spawn(
            state_.workers,
            [&handler, &request, &log]() -> net::awaitable<Response> { co_return handler.handle(request, log); },
            net::use_awaitable);
    }

    // The request's method once its start line was read (even when a later header field failed), else "-".
    static std::string method_of(const http::request_parser<http::string_body>& parser) {
        const auto method = parser.get().method_string();
        return method.empty() ? std::string("-") : std::string(method);
    }

    Delivery delivery(unsigned version, bool keep_alive, bool head) const {
        Delivery out{.version = version, .keep_alive = keep_alive, .head = head};
        if constexpr (std::is_same_v<Stream, TlsStream>) out.strict_transport_security = config_.strict_transport_security;
        return out;
    }

    std::string body_too_large_message() const {
        return "The request body is larger than " + std::to_string(config_.body_limit / 1024) +
               " KiB: send fewer records per request.";
    }

    // Answers the transport's own refusal, then closes the way that lets the client read it.
    net::awaitable<void> refuse(int status, std::string_view code, const std::string& message,
                                const std::string& method, SteadyClock::time_point start) {
        auto response = transport_error(status, code, message);
        if (status == 503) response.headers.emplace_back("Retry-After", "1");
        auto out = to_beast(response, delivery(11, false, method == "HEAD"));
        tcp().expires_after(config_.write_timeout);
        const auto [ec, n] = co_await http::async_write(stream_, out, use_tuple);
        RequestLog log;
        log.route = "(transport)";
        state_.finished(method, log, status, since(start));
        if (!ec) co_await drain();
    }

    net::awaitable<void> drain() {
        if constexpr (!std::is_same_v<Stream, TlsStream>) {
            beast::error_code ignored;
            tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);  // the client sees the end of our answer
        }
        tcp().expires_after(drain_timeout);
        std::size_t drained = buffer_.size();
        buffer_.consume(buffer_.size());
        while (drained < max_drain_bytes) {
            auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(buffer_.max_size()), use_tuple);
            if (ec) break;
            drained += n;
        }
    }

    net::awaitable<void> close() {
        beast::error_code ignored;
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            tcp().expires_after(tls_shutdown_timeout);
            co_await stream_.async_shutdown(use_tuple);
        } else {
            tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
        tcp().close();
    }

    ServerState& state_;
    const HttpConfig& config_;
    Stream& stream_;
    Connection& connection_;
    std::string remote_address_;
    beast::flat_buffer buffer_;
};

}  // namespace

net::awaitable<void> run_session(ServerState& state, tcp::socket socket, std::shared_ptr<Connection> connection,
                                 bool overloaded) {
    Registration registration{state, connection};
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    auto remote_address = ec ? std::string() : remote.address().to_string();
    beast::tcp_stream tcp_stream(std::move(socket));
    if (state.tls != nullptr) {
        TlsStream stream(std::move(tcp_stream), *state.tls);
        connection->stream = &beast::get_lowest_layer(stream);
        Session<TlsStream> session(state, stream, *connection, std::move(remote_address));
        co_await session.run(overloaded);
    } else {
        connection->stream = &tcp_stream;
        Session<beast::tcp_stream> session(state, tcp_stream, *connection, std::move(remote_address));
        co_await session.run(overloaded);
    }
}

}  // namespace floorwalk::server::http_detail
