#include "support/test_server.h"

#include "sync/sql_store.h"
#include "test_database.h"

namespace floorwalk::server::test {

TestServer::TestServer(const std::filesystem::path& data_dir, TestServerOptions options) {
    // The folder's test database: SQLite in it, or in the PostgreSQL run a database on the test cluster, shared by
    // every server the test starts on this folder.
    store_ = floorwalk::test::test_database(data_dir).open();
    Clock clock = system_now;
    if (options.clock != nullptr) clock = [c = options.clock] { return c->now(); };
    indicators_ = std::make_shared<IndicatorService>(*store_, IndicatorOptions{.clock = clock});
    auth_ = std::make_unique<Authenticator>(*store_, options.auth, clock);
    ApiConfig api_config;
    api_config.password_cost = HashCost::fast;
    api_config.web_root = options.web_root;
    api_ = std::make_unique<Api>(*store_, *auth_, api_config,
                                 [indicators = indicators_](Router& router) { indicators->add_routes(router); });
    options.http.address = "127.0.0.1";
    options.http.port = 0;
    http_ = std::make_unique<HttpServer>(options.http, *api_);
    if (options.metrics) {
        options.metrics->address = "127.0.0.1";
        options.metrics->port = 0;
        metrics_endpoint_ = std::make_unique<MetricsEndpoint>(api_->metrics(), *store_);
        metrics_http_ = std::make_unique<HttpServer>(*options.metrics, *metrics_endpoint_);
        metrics_thread_ = std::thread([this] { metrics_http_->run(); });
    }
    thread_ = std::thread([this] { http_->run(); });
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
    if (metrics_thread_.joinable()) {
        metrics_http_->stop();
        metrics_thread_.join();
    }
    if (!thread_.joinable()) return;
    http_->stop();
    thread_.join();
}

}  // namespace floorwalk::server::test
