#include "bench_server.h"

#include "api/api.h"
#include "auth/authenticator.h"
#include "http/http_server.h"
#include "indicators/indicator_service.h"
#include "sync/sql_store.h"

#include <chrono>
#include <thread>

namespace floorwalk::bench {
namespace {

server::HttpConfig loopback(int threads) {
    server::HttpConfig http;
    http.address = "127.0.0.1";
    http.port = 0;
    http.threads = threads;
    http.log_requests = false;
    return http;
}

}  // namespace

struct BenchServer::Impl {
    Impl(const std::filesystem::path& data_dir, int threads)
        : store(server::open_sqlite_store(data_dir)),
          index_start(std::chrono::steady_clock::now()),
          indicators(std::make_shared<server::IndicatorService>(*store)),
          index_seconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - index_start).count()),
          auth(*store),
          api(*store, auth, server::ApiConfig{}, [this](server::Router& router) { indicators->add_routes(router); }),
          http(loopback(threads), api) {
        serving = std::thread([this] { http.run(); });
    }
    ~Impl() {
        http.stop();
        if (serving.joinable()) serving.join();
    }

    std::unique_ptr<server::Store> store;
    std::chrono::steady_clock::time_point index_start;
    std::shared_ptr<server::IndicatorService> indicators;
    double index_seconds;
    server::Authenticator auth;
    server::Api api;
    server::HttpServer http;
    std::thread serving;
};

BenchServer::BenchServer(const std::filesystem::path& data_dir, int threads)
    : impl_(std::make_unique<Impl>(data_dir, threads)) {}

BenchServer::~BenchServer() = default;

unsigned short BenchServer::port() const { return impl_->http.port(); }

server::Store& BenchServer::store() { return *impl_->store; }

double BenchServer::index_seconds() const { return impl_->index_seconds; }

}  // namespace floorwalk::bench
