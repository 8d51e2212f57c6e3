// The whole server in-process, as `floorwalk-server serve` wires it, on 127.0.0.1 and a free port.
#pragma once

#include "api/api.h"
#include "api/metrics_endpoint.h"
#include "auth/authenticator.h"
#include "http/http_server.h"
#include "indicators/indicator_service.h"
#include "storage/store.h"
#include "support/fixtures.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

namespace floorwalk::server::test {

struct TestServerOptions {
    HttpConfig http;                     // address and port are forced to 127.0.0.1:0
    std::optional<HttpConfig> metrics;   // a /metrics listener (as `serve --metrics-listen`), on 127.0.0.1:0
    AuthConfig auth;
    const ManualClock* clock = nullptr;  // the wall clock when null
    std::filesystem::path web_root;      // the dashboard's files; none when empty
};

class TestServer {
public:
    explicit TestServer(const std::filesystem::path& data_dir, TestServerOptions options = {});
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    [[nodiscard]] unsigned short port() const { return http_->port(); }
    // The /metrics listener's port; 0 when the options asked for none.
    [[nodiscard]] unsigned short metrics_port() const { return metrics_http_ ? metrics_http_->port() : 0; }
    [[nodiscard]] Store& store() { return *store_; }
    [[nodiscard]] Api& api() { return *api_; }
    [[nodiscard]] HttpServer& http() { return *http_; }
    // Graceful stop; returns once run() has returned.
    void stop();

private:
    std::unique_ptr<Store> store_;
    std::shared_ptr<IndicatorService> indicators_;
    std::unique_ptr<Authenticator> auth_;
    std::unique_ptr<Api> api_;
    std::unique_ptr<HttpServer> http_;
    std::thread thread_;
    std::unique_ptr<MetricsEndpoint> metrics_endpoint_;
    std::unique_ptr<HttpServer> metrics_http_;
    std::thread metrics_thread_;
};

}  // namespace floorwalk::server::test
