// What the load benchmark counts per client class: answered requests with their client-side latencies, failed
// requests by kind, and the connections the server cut at its deadlines (which are no errors: that is the server
// protecting itself from slow clients).
//
// Threading: ClassStats may be recorded into from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace floorwalk::bench {

enum class ErrorKind {
    server_error,  // HTTP 5xx other than 503
    overload,      // HTTP 503: the server refused the connection or request as overloaded
    connection,    // connection refused or reset, or closed before the answer
    timeout,       // no complete answer within the request timeout
    unexpected,    // any other status, or an answer that does not read as it must
};
inline constexpr std::size_t error_kinds = 5;
[[nodiscard]] const char* error_label(ErrorKind kind);

// A summary of one class over one phase.
struct ClassSummary {
    std::string name;
    long long requests = 0;      // answered as expected
    long long observations = 0;  // observations accepted (pushes)
    double p50_ms = 0;
    double p99_ms = 0;
    double max_ms = 0;
    std::array<long long, error_kinds> errors{};
    long long cuts = 0;  // slow connections the server closed at a deadline
    std::string first_error;  // what the first failure said, for the printout

    [[nodiscard]] long long error_total() const;
};

class ClassStats {
public:
    explicit ClassStats(std::string name) : name_(std::move(name)) {}

    void answered(double latency_ms, long long observations = 0);
    void failed(ErrorKind kind, const std::string& detail);
    void cut();
    [[nodiscard]] ClassSummary summary() const;

private:
    std::string name_;
    mutable std::mutex mutex_;
    std::vector<double> latencies_ms_;
    long long observations_ = 0;
    std::array<long long, error_kinds> errors_{};
    long long cuts_ = 0;
    std::string first_error_;
};

}  // namespace floorwalk::bench
