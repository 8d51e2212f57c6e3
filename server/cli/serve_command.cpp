// `floorwalk-server serve`: the composition root of the running server.
#include "cli/commands.h"

#include "api/api.h"
#include "api/metrics_endpoint.h"
#include "auth/authenticator.h"
#include "cli/allocator.h"
#include "http/http_server.h"
#include "indicators/indicator_service.h"
#include "sync/sql_store.h"

#include <charconv>
#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>

#ifndef FLOORWALK_WEB_DIR
#error "FLOORWALK_WEB_DIR must name the default folder of the dashboard's files"
#endif

namespace floorwalk::server::cli {
namespace {

constexpr std::string_view help = R"(Usage: floorwalk-server serve (--data DIR | --database URL) [options]

Serves the Floorwalk API, and the HQ dashboard at "/", from the data folder DIR (created when missing) or from
a PostgreSQL database, which any number of servers may share. Once listening it prints one line:
"floorwalk-server listening on URL". SIGINT or SIGTERM stops it gracefully: requests in flight finish, then the
database closes.

Options:
  --data DIR           data folder holding the SQLite database (the embedded default: one server)
  --database URL       postgresql://user@host:port/database (or the FLOORWALK_DATABASE environment variable,
                       which keeps a password out of the process list; libpq's PGPASSWORD and ~/.pgpass work too)
  --database-pool N    PostgreSQL connections this server opens at most (default 16; as many again to the
                       read replica)
  --read-replica URL   postgresql://... of a streaming hot standby of --database: pulls and the indicators'
                       records are read there once it has replayed what the read must show (the pushing
                       device's own pushes, the pull's cursor), else from the primary; writes, sign-ins and
                       administration always use the primary. A replica that cannot be reached leaves every
                       read to the primary (logged once, counted in /metrics). See docs/postgresql.md.
  --replica-wait MS    how long a read waits for the replica to catch up before the primary serves it
                       (default 200; 0: use the replica only when it is already there)
  --listen HOST:PORT   address to listen on (default 127.0.0.1:8080; port 0 picks a free port)
  --metrics-listen HOST:PORT
                       serve the Prometheus metrics at /metrics on this address, over plain HTTP and without
                       authentication: keep it on loopback or an internal network. Without it, metrics are not
                       served at all; the main address never serves them.
  --threads N          threads serving requests (default: the number of CPUs, at least 2)
  --tls-cert FILE      PEM certificate chain: with --tls-key, serve HTTPS (TLS 1.2 and 1.3 only)
  --tls-key FILE       PEM private key of the certificate
  --web DIR            folder of the dashboard's files (default: )" FLOORWALK_WEB_DIR R"()
  --token-ttl-days N   days a sign-in token stays valid (default 30)
)";

int parse_number(const std::string& text, int low, int high, std::string_view option) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high)
        throw UsageError("--" + std::string(option) + " must be a whole number from " + std::to_string(low) + " to " +
                         std::to_string(high) + ", not '" + text + "'");
    return value;
}

// "127.0.0.1:8080", "[::1]:8080", "localhost:0", for the option `--<option>`.
void parse_listen(const std::string& text, HttpConfig* config, std::string_view option = "listen") {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw UsageError("--" + std::string(option) + " must read HOST:PORT, for example 127.0.0.1:8080, not '" +
                         text + "'");
    auto host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    config->address = host;
    config->port =
        static_cast<unsigned short>(parse_number(text.substr(colon + 1), 0, 65535, std::string(option) + " port"));
}

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

// The metrics listener on its own thread, stopped and joined however serve_command ends.
class MetricsListener {
public:
    MetricsListener(const HttpConfig& config, RequestHandler& endpoint)
        : server_(make_server(config, endpoint)), thread_([this] { server_->run(); }) {}
    ~MetricsListener() {
        server_->stop();
        thread_.join();
    }
    MetricsListener(const MetricsListener&) = delete;
    MetricsListener& operator=(const MetricsListener&) = delete;

    [[nodiscard]] std::string url() const { return server_->url(); }

private:
    static std::unique_ptr<HttpServer> make_server(const HttpConfig& config, RequestHandler& endpoint) {
        try {
            return std::make_unique<HttpServer>(config, endpoint);
        } catch (const std::runtime_error& error) {
            throw std::runtime_error(std::string("--metrics-listen: ") + error.what());
        }
    }

    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
};

}  // namespace

int serve_command(std::span<const std::string_view> args, Console& console) {
    const auto arguments = parse_or_throw(args, {{"data"}, {"database"}, {"database-pool"}, {"read-replica"},
                                                 {"replica-wait"}, {"listen"}, {"metrics-listen"}, {"threads"},
                                                 {"tls-cert"}, {"tls-key"}, {"web"}, {"token-ttl-days"}});
    if (arguments.has("help")) {
        console.out << help;
        return exit_ok;
    }
    if (!arguments.positionals().empty())
        throw UsageError("unexpected argument '" + arguments.positionals().front() + "'");
    auto location = store_location(arguments);
    if (auto pool = arguments.value("database-pool"))
        location.pool_size = parse_number(*pool, 1, 1000, "database-pool");
    if (auto replica = arguments.value("read-replica")) {
        if (!location.is_postgresql())
            throw UsageError("--read-replica needs --database postgresql://... (the primary): SQLite (--data) has no "
                             "standby to read from");
        if (!replica->starts_with("postgresql://") && !replica->starts_with("postgres://"))
            throw UsageError("--read-replica must be a postgresql:// URL of a hot standby of the --database server");
        location.read_replica_url = *replica;
    }
    if (auto wait = arguments.value("replica-wait")) {
        if (location.read_replica_url.empty()) throw UsageError("--replica-wait goes with --read-replica");
        location.replica_policy.wait = std::chrono::milliseconds(parse_number(*wait, 0, 60'000, "replica-wait"));
    }

    HttpConfig http;
    parse_listen(arguments.value("listen").value_or("127.0.0.1:8080"), &http);
    const int cpus = static_cast<int>(std::thread::hardware_concurrency());
    http.threads = arguments.has("threads") ? parse_number(*arguments.value("threads"), 1, 256, "threads")
                                            : std::max(2, cpus);
    http.tls_certificate = arguments.value("tls-cert").value_or("");
    http.tls_private_key = arguments.value("tls-key").value_or("");
    if (http.tls_certificate.empty() != http.tls_private_key.empty())
        throw UsageError("--tls-cert and --tls-key go together");
    http.stop_on_signals = true;

    // Plain HTTP, one thread: a scrape every few seconds. Signals stop the main server, which stops this one.
    std::optional<HttpConfig> metrics_http;
    if (auto address = arguments.value("metrics-listen")) {
        metrics_http.emplace();
        parse_listen(*address, &*metrics_http, "metrics-listen");
        metrics_http->threads = 1;
        metrics_http->max_connections = 16;
        metrics_http->log_requests = false;  // a scrape every few seconds would drown the request log
    }

    AuthConfig auth_config;
    if (auto days = arguments.value("token-ttl-days"))
        auth_config.token_ttl = std::chrono::days(parse_number(*days, 1, 3650, "token-ttl-days"));

    ApiConfig api_config;
    api_config.web_root = arguments.value("web").value_or(FLOORWALK_WEB_DIR);

    return_large_blocks_to_the_system();
    // The server stops before the services it calls are destroyed (reverse declaration order). It listens at
    // once: each organisation's indicators load on their first query (from a snapshot when there is one).
    const auto store = open_store(location);
    const auto indicators = std::make_shared<IndicatorService>(*store);
    Authenticator auth(*store, auth_config);
    Api api(*store, auth, api_config, [&indicators](Router& router) { indicators->add_routes(router); });
    HttpServer server(http, api);
    MetricsEndpoint metrics_endpoint(api.metrics(), *store);
    std::unique_ptr<MetricsListener> metrics_listener;
    if (metrics_http) metrics_listener = std::make_unique<MetricsListener>(*metrics_http, metrics_endpoint);

    console.out << "floorwalk-server listening on " << server.url() << std::endl;  // tests wait for this line
    if (metrics_listener) {
        console.out << "floorwalk-server metrics on " << metrics_listener->url() << "/metrics" << std::endl;
        if (!is_loopback(metrics_http->address))
            console.err << "floorwalk-server: warning: /metrics is served without authentication over plain HTTP on "
                        << metrics_http->address << ": keep that address off the public network" << std::endl;
    }
    server.run();
    metrics_listener.reset();
    // The next start (of this server or another) reads these instead of every record.
    indicators->save_snapshots();
    console.err << "floorwalk-server: stopped\n";
    return exit_ok;
}

}  // namespace floorwalk::server::cli
