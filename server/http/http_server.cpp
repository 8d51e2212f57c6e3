// The listener, the thread pool, TLS set-up and graceful shutdown.
#include "http/http_server.h"

#include "http/server_internals.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/ssl.h>

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <thread>
#include <vector>

namespace floorwalk::server {

using namespace http_detail;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr auto force_close_grace = std::chrono::seconds(2);

void log_failure(std::exception_ptr failure) {
    if (!failure) return;
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "floorwalk-server: error: connection failed: %s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "floorwalk-server: error: connection failed\n");
    }
}

// Throws std::runtime_error when a limit is out of the range the transport can keep.
const HttpConfig& checked(const HttpConfig& config) {
    if (config.header_limit < 1024 || config.header_limit > max_header_limit)
        throw std::runtime_error("the header limit must be from 1024 to " + std::to_string(max_header_limit) +
                                 " bytes, not " + std::to_string(config.header_limit));
    return config;
}

std::unique_ptr<ssl::context> make_tls_context(const HttpConfig& config) {
    if (config.tls_certificate.empty() && config.tls_private_key.empty()) return nullptr;
    if (config.tls_certificate.empty() || config.tls_private_key.empty())
        throw std::runtime_error("TLS needs both a certificate and a private key");
    auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    beast::error_code ec;
    context->use_certificate_chain_file(config.tls_certificate.string(), ec);
    if (ec)
        throw std::runtime_error("cannot use the TLS certificate " + config.tls_certificate.string() + ": " +
                                 ec.message());
    context->use_private_key_file(config.tls_private_key.string(), ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("cannot use the TLS private key " + config.tls_private_key.string() + ": " +
                                 ec.message());
    return context;
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace

namespace http_detail {

std::shared_ptr<Connection> ServerState::add_connection(net::any_io_executor strand) {
    auto connection = std::make_shared<Connection>(std::move(strand));
    std::scoped_lock lock(mutex_);
    connections_.emplace(connection.get(), connection);
    return connection;
}

void ServerState::remove_connection(const std::shared_ptr<Connection>& connection) {
    bool drained = false;
    {
        std::scoped_lock lock(mutex_);
        connections_.erase(connection.get());
        drained = connections_.empty() && stopping;
    }
    if (drained && on_drained) on_drained();
}

std::size_t ServerState::connection_count() const {
    std::scoped_lock lock(mutex_);
    return connections_.size();
}

void ServerState::for_each_connection(const std::function<void(const std::shared_ptr<Connection>&)>& visit) const {
    std::vector<std::shared_ptr<Connection>> snapshot;
    {
        std::scoped_lock lock(mutex_);
        for (const auto& [key, connection] : connections_) snapshot.push_back(connection);
    }
    for (const auto& connection : snapshot) visit(connection);
}

void ServerState::finished(std::string_view method, const RequestLog& log, int status,
                           std::chrono::microseconds elapsed, bool delivered) {
    if (config.log_requests) {
        const auto dash = [](const std::string& text) { return text.empty() ? std::string("-") : text; };
        std::fprintf(stderr, "%s %.*s %s %d %.1fms user=%s org=%s%s\n", utc_now().c_str(),
                     static_cast<int>(method.size()), method.data(), dash(log.route).c_str(), status,
                     static_cast<double>(elapsed.count()) / 1000.0, dash(log.user).c_str(),
                     dash(log.organization).c_str(), delivered ? "" : " (not delivered)");
    }
    handler.completed(method, log, status, elapsed);
}

}  // namespace http_detail

struct HttpServer::Impl {
    Impl(HttpConfig config, RequestHandler& handler)
        : workers(static_cast<std::size_t>(std::max(1, config.threads))),
          tls(make_tls_context(checked(config))),
          state(std::move(config), handler, tls.get(), workers.get_executor()),
          control(net::make_strand(io)),
          acceptor(control),
          drain_timer(control),
          signals(control) {
        state.on_drained = [this] { net::post(control, [this] { drain_timer.cancel(); }); };
        listen();
        // Catch the signals from now on, not only once run() starts: a supervisor that sends SIGTERM as soon as it
        // sees the listening line must get a graceful stop (the signal waits in the set until run() reads it).
        if (state.config.stop_on_signals) {
            signals.add(SIGINT);
            signals.add(SIGTERM);
        }
    }

    void listen() {
        const auto& config = state.config;
        tcp::resolver resolver(io);
        beast::error_code ec;
        const auto endpoints = resolver.resolve(config.address, std::to_string(config.port),
                                                tcp::resolver::passive | tcp::resolver::numeric_service, ec);
        if (ec || endpoints.empty())
            throw std::runtime_error("cannot resolve the listen address '" + config.address + "': " + ec.message());
        const auto endpoint = endpoints.begin()->endpoint();
        const auto where = config.address + ":" + std::to_string(config.port);
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
        if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
        port = acceptor.local_endpoint().port();
    }

    net::awaitable<void> accept_loop() {
        const auto& config = state.config;
        // Past the cap, a few more connections are told 503; beyond those they are closed unanswered.
        const auto refusal_slots = std::max<std::size_t>(16, config.max_connections / 8);
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(net::any_io_executor(net::make_strand(io)), use_tuple);
            if (ec) {
                if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
                // For example out of file descriptors: pause instead of spinning on the error.
                std::fprintf(stderr, "floorwalk-server: error: accept failed: %s\n", ec.message().c_str());
                net::steady_timer pause(control, std::chrono::milliseconds(100));
                co_await pause.async_wait(use_tuple);
                continue;
            }
            if (state.stopping) continue;  // the socket closes as it goes out of scope
            const auto open = state.connection_count();
            if (open >= config.max_connections + refusal_slots) continue;
            const bool overloaded = open >= config.max_connections;
            auto executor = socket.get_executor();
            auto connection = state.add_connection(executor);
            net::co_spawn(executor, run_session(state, std::move(socket), std::move(connection), overloaded),
                          log_failure);
        }
    }

    net::awaitable<void> shutdown() {
        state.stopping = true;
        beast::error_code ignored;
        acceptor.close(ignored);
        signals.cancel(ignored);
        // Idle connections close now; a request in flight is answered (with Connection: close) first.
        state.for_each_connection([](const std::shared_ptr<Connection>& connection) {
            net::post(connection->strand, [connection] {
                if (connection->stream != nullptr && !connection->busy) connection->stream->cancel();
            });
        });
        if (state.connection_count() > 0) {
            drain_timer.expires_after(state.config.shutdown_timeout);
            co_await drain_timer.async_wait(use_tuple);
        }
        if (const auto left = state.connection_count(); left > 0) {
            std::fprintf(stderr, "floorwalk-server: closing %zu connection(s) still busy at the shutdown deadline\n",
                         left);
            state.for_each_connection([](const std::shared_ptr<Connection>& connection) {
                net::post(connection->strand, [connection] {
                    if (connection->stream != nullptr) connection->stream->close();
                });
            });
            drain_timer.expires_after(force_close_grace);
            co_await drain_timer.async_wait(use_tuple);
        }
    }

    void stop() {
        net::post(control, [this] {
            if (stop_started) return;
            stop_started = true;
            net::co_spawn(control, shutdown(), log_failure);
        });
    }

    net::io_context io;
    net::thread_pool workers;  // runs the handlers
    std::unique_ptr<ssl::context> tls;
    ServerState state;
    net::strand<net::io_context::executor_type> control;
    tcp::acceptor acceptor;
    net::steady_timer drain_timer;
    net::signal_set signals;
    unsigned short port = 0;
    bool stop_started = false;  // on the control strand

    std::mutex run_mutex;
    std::condition_variable run_finished;
    bool running = false;
};

HttpServer::HttpServer(HttpConfig config, RequestHandler& handler)
    : impl_(std::make_unique<Impl>(std::move(config), handler)) {}

HttpServer::~HttpServer() {
    impl_->stop();
    std::unique_lock lock(impl_->run_mutex);
    impl_->run_finished.wait(lock, [this] { return !impl_->running; });
}

unsigned short HttpServer::port() const { return impl_->port; }

bool HttpServer::uses_tls() const { return impl_->tls != nullptr; }

std::string HttpServer::url() const {
    auto host = impl_->state.config.address;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";  // an IPv6 literal
    return (uses_tls() ? "https://" : "http://") + host + ":" + std::to_string(impl_->port);
}

std::size_t HttpServer::open_connections() const { return impl_->state.connection_count(); }

void HttpServer::run() {
    {
        std::scoped_lock lock(impl_->run_mutex);
        impl_->running = true;
    }
    auto& impl = *impl_;
    net::co_spawn(impl.control, impl.accept_loop(), log_failure);
    if (impl.state.config.stop_on_signals) {
        impl.signals.async_wait([&impl](const beast::error_code& ec, int) {
            if (!ec) impl.stop();
        });
    }
    std::vector<std::thread> pool;
    for (int i = 1; i < impl.state.config.threads; ++i) pool.emplace_back([&impl] { impl.io.run(); });
    impl.io.run();
    for (auto& thread : pool) thread.join();
    impl.workers.join();  // every session has ended, so no handler is left running
    {
        std::scoped_lock lock(impl_->run_mutex);
        impl_->running = false;
    }
    impl_->run_finished.notify_all();
}

void HttpServer::stop() { impl_->stop(); }

}  // namespace floorwalk::server
