// Counters behind GET /metrics, rendered in the Prometheus text exposition format (version 0.0.4).
//
// Threading: record_* and render may be called from any thread; one mutex guards the counters.
#pragma once

#include "storage/store.h"

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace floorwalk::server {

class Metrics {
public:
    // Upper bounds of the latency histogram's buckets, in seconds (+Inf is implied).
    static constexpr std::array<double, 13> latency_buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                            0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

    // `route` is a pattern, never a raw path, so that label sets stay bounded.
    void record_request(std::string_view method, std::string_view route, int status,
                        std::chrono::microseconds elapsed);
    // One count per pushed record: observations first, then activities, as Store::push answers.
    void record_push(std::size_t observations, const std::vector<PushOutcome>& outcomes);

    [[nodiscard]] std::string render(long long database_bytes) const;

private:
    struct Histogram {
        std::array<long long, latency_buckets.size()> buckets{};  // non-cumulative; summed when rendered
        long long count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, long long> requests_;  // (route, method, status)
    std::map<std::string, Histogram> latency_;                                 // by route
    std::map<std::pair<std::string, std::string>, long long> records_;         // (kind, status)
};

// The read replica's counters in the same format (empty when the store has none), appended to render()'s text.
[[nodiscard]] std::string render_replica_reads(const ReplicaReadStatus& status);

}  // namespace floorwalk::server
