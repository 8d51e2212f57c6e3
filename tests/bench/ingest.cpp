#include "ingest.h"

#include "floorwalk/wire.h"
#include "http_client.h"
#include "interruption.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace floorwalk::bench {
namespace {

namespace pb = ::floorwalk::v1;
using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

std::string login(unsigned short port, const std::string& username) {
    HttpClient client("127.0.0.1", port);
    pb::LoginRequest request;
    request.set_organization(organization_name);
    request.set_username(username);
    request.set_password(bench_password);
    request.set_device_id("bench-" + username);
    request.set_device_name("floorwalk-bench-indicators");
    const auto reply = client.request("POST", "/api/v1/auth/login",
                                      {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
                                      wire::to_json(request));
    pb::LoginResponse response;
    std::string error;
    if (reply.status != 200 || !wire::from_json(reply.body, &response, &error))
        throw std::runtime_error("login of " + username + " failed: HTTP " + std::to_string(reply.status) + " " +
                                 reply.body);
    return response.token();
}

double ingest_http(const BenchOrganization& organization, long long first, long long end, long long total,
                   const std::vector<unsigned short>& ports, const std::vector<std::string>& tokens, int clients) {
    std::atomic<long long> next{first};
    std::mutex failure_mutex;
    std::string failure;
    const auto start = SteadyClock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        const auto port = ports[static_cast<std::size_t>(c) % ports.size()];
        threads.emplace_back([&, port] {
            try {
                HttpClient client("127.0.0.1", port);
                for (long long index = next++; index < end && !interrupted(); index = next++) {
                    const int store = organization.batch_store(index);
                    pb::PushRequest request;
                    request.set_device_id("bench-" + organization.manager_username(store));
                    for (const auto& observation : organization.batch(index, total))
                        wire::to_proto(observation, request.add_observations());
                    const auto reply = client.request(
                        "POST", "/api/v1/sync/push",
                        {{"Authorization", "Bearer " + tokens[static_cast<std::size_t>(store)]},
                         {"Content-Type", "application/x-protobuf"},
                         {"Accept", "application/x-protobuf"}},
                        request.SerializeAsString());
                    pb::PushResponse response;
                    if (reply.status != 200 || !response.ParseFromString(reply.body))
                        throw std::runtime_error("push answered HTTP " + std::to_string(reply.status) + ": " +
                                                 reply.body.substr(0, 300));
                    for (const auto& result : response.results())
                        if (result.status() != pb::ACCEPTED && result.status() != pb::DUPLICATE)
                            throw std::runtime_error("observation " + result.id() + " refused: " +
                                                     result.error().code() + " " + result.error().message());
                    if (response.results_size() != request.observations_size())
                        throw std::runtime_error("push answered " + std::to_string(response.results_size()) +
                                                 " results for " + std::to_string(request.observations_size()));
                }
            } catch (const std::exception& error) {
                std::lock_guard lock(failure_mutex);
                if (failure.empty()) failure = error.what();
                next = end;  // stop the other clients
            }
        });
    }
    for (auto& thread : threads) thread.join();
    if (!failure.empty()) throw std::runtime_error("HTTP ingest failed: " + failure);
    throw_if_interrupted();
    return seconds_since(start);
}

double ingest_raw(RawWriter& raw, const BenchOrganization& organization, long long first, long long end,
                  long long total, Timestamp now) {
    const auto start = SteadyClock::now();
    for (long long index = first; index < end; ++index) {
        throw_if_interrupted();
        raw.insert(organization.batch(index, total), organization.batch_store(index), now);
    }
    return seconds_since(start);
}

}  // namespace floorwalk::bench
