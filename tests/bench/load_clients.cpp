#include "load_clients.h"

#include "bench_report.h"
#include "http_client.h"
#include "interruption.h"
#include "load_sync.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <variant>

namespace floorwalk::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::milliseconds;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// Bounds on rounds, whatever the think times: the phase's end comes first in any sane configuration.
constexpr int max_rounds = 1'000'000;
constexpr int max_pull_pages = 20;
constexpr int pull_limit = 1000;
// After the phase's end, requests in flight get the request timeout and this much more before the watchdog
// stops everything.
constexpr auto watchdog_grace = std::chrono::seconds(5);
constexpr auto rss_interval = Milliseconds(250);
// A slow connection that could not connect waits this long before it tries again.
constexpr auto reconnect_pause = Milliseconds(1000);

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Failure {
    ErrorKind kind;
    std::string detail;
};

Failure classify(const beast::error_code& ec, const char* during) {
    if (ec == beast::error::timeout || ec == asio::error::timed_out)
        return {ErrorKind::timeout, std::string("no answer within the request timeout (") + during + ")"};
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message)
        return {ErrorKind::unexpected, std::string("unreadable HTTP answer (") + during + "): " + ec.message()};
    return {ErrorKind::connection, std::string(during) + ": " + ec.message()};
}

// The server closed a kept-alive connection between two requests: the client tries again once on a fresh one,
// as every HTTP client does (a push is idempotent: the same ids come back DUPLICATE).
bool stale_connection(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::error::broken_pipe;
}

struct Answer {
    int status = 0;
    std::string body;
};

// One kept-alive HTTP/1.1 connection that reconnects when needed; every request bounded by the timeout.
class Connection {
public:
    Connection(asio::any_io_executor executor, tcp::endpoint endpoint, Milliseconds timeout)
        : executor_(std::move(executor)), endpoint_(endpoint), timeout_(timeout) {}

    awaitable<std::variant<Answer, Failure>> request(http::verb verb, const std::string& target,
                                                     const std::string& token, const std::string& body = {}) {
        http::request<http::string_body> request{verb, target, 11};
        request.set(http::field::host, "127.0.0.1");
        request.set(http::field::authorization, "Bearer " + token);
        if (target.starts_with("/api/v1/sync/")) {
            request.set(http::field::accept, "application/x-protobuf");
            if (verb == http::verb::post) request.set(http::field::content_type, "application/x-protobuf");
        } else {
            request.set(http::field::accept, "application/json");
        }
        request.keep_alive(true);
        request.body() = body;
        request.prepare_payload();

        for (int attempt = 0;; ++attempt) {
            const bool fresh = !stream_;
            if (!stream_) {
                stream_.emplace(executor_);
                buffer_.clear();
                stream_->expires_after(timeout_);
                auto [ec] = co_await stream_->async_connect(endpoint_, use_tuple);
                if (ec) {
                    stream_.reset();
                    co_return classify(ec, "connect");
                }
                stream_->socket().set_option(tcp::no_delay(true));
            }
            // One expiry for the whole exchange: writing the request and reading the answer.
            stream_->expires_after(timeout_);
            auto [write_ec, written] = co_await http::async_write(*stream_, request, use_tuple);
            beast::error_code ec = write_ec;
            bool answered_something = false;
            if (!ec) {
                http::response_parser<http::string_body> parser;
                parser.body_limit(64 * 1024 * 1024);
                auto [read_ec, read] = co_await http::async_read(*stream_, buffer_, parser, use_tuple);
                if (!read_ec) {
                    auto response = parser.release();
                    if (!response.keep_alive()) stream_.reset();
                    co_return Answer{static_cast<int>(response.result_int()), std::move(response.body())};
                }
                ec = read_ec;
                answered_something = parser.got_some();
            }
            stream_.reset();
            if (attempt == 0 && !fresh && !answered_something && stale_connection(ec)) continue;
            co_return classify(ec, written == 0 && write_ec ? "write" : "read");
        }
    }

private:
    asio::any_io_executor executor_;
    tcp::endpoint endpoint_;
    Milliseconds timeout_;
    std::optional<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
};

// Records a non-200 answer or a failure; returns the 200 answer's body, or nullopt.
std::optional<std::string> accept_answer(std::variant<Answer, Failure> outcome, ClassStats& stats,
                                         const std::string& what) {
    if (auto* failure = std::get_if<Failure>(&outcome)) {
        stats.failed(failure->kind, what + ": " + failure->detail);
        return std::nullopt;
    }
    auto& answer = std::get<Answer>(outcome);
    if (answer.status == 200) return std::move(answer.body);
    const auto kind = answer.status == 503  ? ErrorKind::overload
                      : answer.status >= 500 ? ErrorKind::server_error
                                             : ErrorKind::unexpected;
    stats.failed(kind, what + " answered HTTP " + std::to_string(answer.status) + ": " + answer.body.substr(0, 200));
    return std::nullopt;
}

// Waits `pause`, or until `end` if that comes first.
awaitable<void> think(Milliseconds pause, Clock::time_point end) {
    const auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor);
    timer.expires_at(std::min(Clock::now() + pause, end));
    co_await timer.async_wait(use_tuple);
}

Milliseconds draw_pause(Milliseconds mean, std::mt19937_64& random) {
    if (mean.count() == 0) return mean;
    std::uniform_int_distribution<long long> spread(mean.count() / 2, mean.count() * 3 / 2);
    return Milliseconds(spread(random));
}

bool running(Clock::time_point end) { return Clock::now() < end && !interrupted(); }

struct Phase {
    const LoadOptions& options;
    const LoadTargets& targets;
    tcp::endpoint endpoint;
    Clock::time_point end;
};

// Pulls from the phone's cursor until no more pages wait (at most max_pull_pages); false when a request failed.
awaitable<bool> pull(Connection& connection, PhoneState& phone, ClassStats& stats, const Phase& phase) {
    for (int page = 0; page < max_pull_pages; ++page) {
        std::string target = "/api/v1/sync/pull?limit=" + std::to_string(pull_limit);
        if (!phone.cursor.empty()) target += "&cursor=" + url_encode(phone.cursor);
        const std::string what = "pull";
        const auto start = Clock::now();
        auto answer = co_await connection.request(http::verb::get, target, phone.token);
        auto body = accept_answer(std::move(answer), stats, what);
        if (!body) co_return false;
        const auto latency = milliseconds_since(start);
        const auto outcome = read_pull(*body);
        if (!outcome.ok) {
            stats.failed(ErrorKind::unexpected, "pull: " + outcome.problem);
            co_return false;
        }
        stats.answered(latency);
        phone.cursor = outcome.reset ? std::string() : outcome.cursor;
        if (!outcome.has_more && !outcome.reset) co_return true;
        if (!running(phase.end)) co_return true;
    }
    co_return true;
}

// Pushes the phone's next batch of new observations.
awaitable<void> push(Connection& connection, PhoneState& phone, ClassStats& stats, const Phase& phase) {
    const auto& organization = *phase.targets.organization;
    const long long index = phone.store + static_cast<long long>(organization.stores()) * phone.batches++;
    const auto batch = organization.batch(index, (index + 1) * phase.options.phone_batch);
    const auto body = push_body(batch, phone.device_id);
    const std::string target = "/api/v1/sync/push";
    const std::string what = "push";
    const auto start = Clock::now();
    auto reply = co_await connection.request(http::verb::post, target, phone.token, body);
    auto answer = accept_answer(std::move(reply), stats, what);
    if (!answer) co_return;
    const auto latency = milliseconds_since(start);
    const auto outcome = read_push(*answer, static_cast<int>(batch.size()));
    if (!outcome.ok) {
        stats.failed(ErrorKind::unexpected, "push: " + outcome.problem);
        co_return;
    }
    stats.answered(latency, outcome.accepted);
}

awaitable<bool> timed_get(Connection& connection, const std::string& target, const std::string& token,
                    ClassStats& stats) {
    const std::string what = "GET " + target;
    const auto start = Clock::now();
    auto reply = co_await connection.request(http::verb::get, target, token);
    auto body = accept_answer(std::move(reply), stats, what);
    if (!body) co_return false;
    stats.answered(milliseconds_since(start));
    co_return true;
}

// A phone: pull what changed, push a small batch, think; until the end.
awaitable<void> run_phone(const Phase& phase, PhoneState& phone, ClassStats& pushes, ClassStats& pulls,
                          Milliseconds start_delay, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    co_await think(start_delay, phase.end);
    const auto executor = co_await asio::this_coro::executor;
    Connection connection(executor, phase.endpoint, phase.options.request_timeout);
    for (int round = 0; round < max_rounds && running(phase.end); ++round) {
        co_await pull(connection, phone, pulls, phase);
        if (!running(phase.end)) break;
        co_await push(connection, phone, pushes, phase);
        co_await think(draw_pause(phase.options.phone_think, random), phase.end);
    }
}

// An HQ reader: the indicators of several units in turn, the series every fifth read, thinking in between.
awaitable<void> run_reader(const Phase& phase, ClassStats& indicators, ClassStats& series, int number) {
    std::mt19937_64 random(phase.options.seed + 7919 * static_cast<std::uint64_t>(number));
    const auto executor = co_await asio::this_coro::executor;
    Connection connection(executor, phase.endpoint, phase.options.request_timeout);
    const auto& targets = phase.targets;
    for (int round = 0; round < max_rounds && running(phase.end); ++round) {
        const int turn = round + number;
        if (turn % 5 == 4)
            co_await timed_get(connection, targets.series_target, targets.hq_token, series);
        else
            co_await timed_get(connection,
                         targets.indicator_targets[static_cast<std::size_t>(turn) % targets.indicator_targets.size()],
                         targets.hq_token, indicators);
        co_await think(draw_pause(phase.options.reader_think, random), phase.end);
    }
}

// The normal client: a phone's pull and push and an HQ reader's root /indicators, one round every
// normal_think. `warm_up`: its first full pull is not timed (it happens once, before the baseline).
awaitable<void> run_normal(const Phase& phase, PhoneState& phone, ClassStats& sync, ClassStats& reads) {
    // No temporary in a co_await's full expression: GCC 12 destroys some of those twice.
    const auto executor = co_await asio::this_coro::executor;
    Connection phone_connection(executor, phase.endpoint, phase.options.request_timeout);
    Connection reader_connection(executor, phase.endpoint, phase.options.request_timeout);
    if (phone.cursor.empty()) {
        ClassStats warm_up("warm-up");
        co_await pull(phone_connection, phone, warm_up, phase);
        co_await timed_get(reader_connection, phase.targets.indicator_targets.front(), phase.targets.hq_token, warm_up);
        const auto summary = warm_up.summary();
        if (summary.error_total() > 0) sync.failed(ErrorKind::unexpected, "warm-up: " + summary.first_error);
    }
    for (int round = 0; round < max_rounds && running(phase.end); ++round) {
        co_await pull(phone_connection, phone, sync, phase);
        co_await push(phone_connection, phone, sync, phase);
        co_await timed_get(reader_connection, phase.targets.indicator_targets.front(), phase.targets.hq_token, reads);
        co_await think(phase.options.normal_think, phase.end);
    }
}

// The start of the request a slowloris connection writes a byte at a time; its header never ends, so the server
// must cut it at its header deadline.
constexpr std::string_view slow_header = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

// What a closed slow connection had received: nothing (the server cut it at a deadline, no error), a 503
// (overloaded) or anything else (unexpected).
void closed_slow_connection(const std::string& received, ClassStats& stats) {
    if (received.empty() || received.starts_with("HTTP/1.1 408")) stats.cut();
    else if (received.starts_with("HTTP/1.1 503")) stats.failed(ErrorKind::overload, received.substr(0, 60));
    else stats.failed(ErrorKind::unexpected, "a slow connection received: " + received.substr(0, 60));
}

// A connection held open without a complete request: idle (connects and sends nothing) or slowloris (one header
// byte every slow_interval). When the server closes it, the cut is counted and it connects again.
awaitable<void> run_slow(const Phase& phase, bool slowloris, ClassStats& stats, Milliseconds start_delay) {
    co_await think(start_delay, phase.end);
    auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor);
    for (int connection = 0; connection < max_rounds && running(phase.end); ++connection) {
        tcp::socket socket(executor);
        const auto connect_start = Clock::now();
        timer.expires_after(phase.options.request_timeout);
        auto connected = co_await (socket.async_connect(phase.endpoint, use_tuple) || timer.async_wait(use_tuple));
        if (connected.index() == 1) {
            stats.failed(ErrorKind::timeout, "connect of a slow connection");
            co_await think(reconnect_pause, phase.end);
            continue;
        }
        if (auto [ec] = std::get<0>(connected); ec) {
            stats.failed(ErrorKind::connection, std::string("connect of a slow connection: ") + ec.message());
            co_await think(reconnect_pause, phase.end);
            continue;
        }
        stats.answered(milliseconds_since(connect_start));  // a slow connection's "request" is its connect
        std::string received;
        std::size_t sent = 0;
        std::array<char, 512> bytes{};
        bool closed = false;
        while (!closed && running(phase.end)) {
            timer.expires_at(slowloris ? std::min(Clock::now() + phase.options.slow_interval, phase.end) : phase.end);
            auto event = co_await (socket.async_read_some(asio::buffer(bytes), use_tuple) || timer.async_wait(use_tuple));
            if (event.index() == 0) {
                auto [ec, n] = std::get<0>(event);
                received.append(bytes.data(), n);
                closed = static_cast<bool>(ec);
                continue;
            }
            if (!slowloris || !running(phase.end)) continue;
            const char byte = sent < slow_header.size() ? slow_header[sent] : 'a';
            auto [ec, n] = co_await asio::async_write(socket, asio::buffer(&byte, 1), use_tuple);
            ++sent;
            closed = static_cast<bool>(ec);
        }
        if (closed) closed_slow_connection(received, stats);
        beast::error_code ignored;
        socket.close(ignored);
    }
}

awaitable<void> sample_memory(pid_t pid, Clock::time_point end, double* peak) {
    const auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor);
    for (int sample = 0; sample < max_rounds && running(end); ++sample) {
        *peak = std::max(*peak, process_memory(pid).rss_mib);
        timer.expires_after(rss_interval);
        co_await timer.async_wait(use_tuple);
    }
}

// Runs the clients of one io_context: collects the first exception a coroutine ended with, and stops the
// io_context at `stop_at` whatever the clients do (a bound on the phase, should a client not end), or as soon as
// the last client has ended.
class ClientGroup {
public:
    ClientGroup(asio::io_context& io, Clock::time_point stop_at)
        : io_(io), strand_(asio::make_strand(io)), watchdog_(strand_) {
        watchdog_.expires_at(stop_at);
        watchdog_.async_wait([this](const beast::error_code& ec) {
            if (!ec) io_.stop();
        });
    }

    void spawn(awaitable<void> client) {
        ++live_;
        // Each client on a strand of its own: its socket and timer race (operator ||) on one thread at a time.
        asio::co_spawn(asio::make_strand(io_), std::move(client), [this](std::exception_ptr error) {
            if (error) {
                std::lock_guard lock(mutex_);
                if (!first_error_) first_error_ = error;
            }
            if (--live_ == 0) asio::post(strand_, [this] { watchdog_.cancel(); });
        });
    }

    void rethrow() const {
        if (first_error_) std::rethrow_exception(first_error_);
    }

private:
    asio::io_context& io_;
    asio::strand<asio::io_context::executor_type> strand_;
    asio::steady_timer watchdog_;
    std::atomic<int> live_{0};
    std::mutex mutex_;
    std::exception_ptr first_error_;
};

}  // namespace

PhaseResult run_phase(const LoadOptions& options, const LoadTargets& targets, std::vector<PhoneState>& phones,
                      PhoneState& normal, bool loaded, std::chrono::seconds duration) {
    ClassStats pushes("phones: push"), pulls("phones: pull"), indicators("HQ: /indicators"), series("HQ: series"),
        idle("slow: idle"), slowloris("slow: slowloris"), normal_sync(normal_phone_class),
        normal_reads(normal_reader_class);
    asio::io_context load_io;
    asio::io_context normal_io;
    const double cpu_at_start = process_cpu_seconds(targets.server_pid);
    const auto start = Clock::now();
    const Phase phase{options, targets, tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), targets.port),
                      start + duration};
    const auto stop_at = phase.end + options.request_timeout + watchdog_grace;
    ClientGroup load(load_io, stop_at);
    ClientGroup normal_group(normal_io, stop_at);
    double rss_peak = 0;

    normal_group.spawn(run_normal(phase, normal, normal_sync, normal_reads));
    if (loaded) {
        // Starts spread over the first second (phones) or two (slow connections), not one burst.
        const auto ramp = std::min<Milliseconds>(Milliseconds(2000), duration / 4);
        for (std::size_t p = 0; p < phones.size(); ++p) {
            const auto delay = Milliseconds(static_cast<long long>(p) * 1000 / static_cast<long long>(phones.size()));
            load.spawn(run_phone(phase, phones[p], pushes, pulls, delay, options.seed + p));
        }
        for (int r = 0; r < options.readers; ++r) load.spawn(run_reader(phase, indicators, series, r));
        for (int s = 0; s < options.slow; ++s)
            load.spawn(run_slow(phase, s % 2 == 1, s % 2 == 1 ? slowloris : idle, ramp * s / options.slow));
        load.spawn(sample_memory(targets.server_pid, phase.end, &rss_peak));
    } else {
        normal_group.spawn(sample_memory(targets.server_pid, phase.end, &rss_peak));
    }

    std::thread normal_thread([&normal_io] { normal_io.run(); });
    std::vector<std::thread> load_threads;
    if (loaded)
        for (int t = 0; t < options.client_threads; ++t) load_threads.emplace_back([&load_io] { load_io.run(); });
    normal_thread.join();
    for (auto& thread : load_threads) thread.join();
    normal_group.rethrow();
    load.rethrow();

    PhaseResult result;
    result.seconds = std::chrono::duration<double>(std::min(Clock::now(), phase.end) - start).count();
    result.rss_peak_mib = rss_peak;
    result.rss_end_mib = process_memory(targets.server_pid).rss_mib;
    result.server_cpu_seconds = process_cpu_seconds(targets.server_pid) - cpu_at_start;
    // Every class that had clients in this phase, so that one that measured nothing shows.
    const std::pair<const ClassStats*, bool> classes[] = {
        {&pushes, loaded && !phones.empty()},  {&pulls, loaded && !phones.empty()},
        {&indicators, loaded && options.readers > 0}, {&series, loaded && options.readers > 0},
        {&idle, loaded && options.slow > 0},   {&slowloris, loaded && options.slow > 1},
        {&normal_sync, true},                  {&normal_reads, true}};
    for (const auto& [stats, had_clients] : classes)
        if (had_clients) result.classes.push_back(stats->summary());
    return result;
}

}  // namespace floorwalk::bench
