#include "load_stats.h"

#include "bench_report.h"

#include <algorithm>
#include <numeric>

namespace floorwalk::bench {

const char* error_label(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::server_error: return "5xx";
        case ErrorKind::overload: return "503";
        case ErrorKind::connection: return "refused/reset";
        case ErrorKind::timeout: return "timeout";
        case ErrorKind::unexpected: return "unexpected";
    }
    return "?";
}

long long ClassSummary::error_total() const { return std::accumulate(errors.begin(), errors.end(), 0LL); }

void ClassStats::answered(double latency_ms, long long observations) {
    std::lock_guard lock(mutex_);
    latencies_ms_.push_back(latency_ms);
    observations_ += observations;
}

void ClassStats::failed(ErrorKind kind, const std::string& detail) {
    std::lock_guard lock(mutex_);
    ++errors_[static_cast<std::size_t>(kind)];
    if (first_error_.empty()) first_error_ = std::string(error_label(kind)) + ": " + detail;
}

void ClassStats::cut() {
    std::lock_guard lock(mutex_);
    ++cuts_;
}

ClassSummary ClassStats::summary() const {
    std::lock_guard lock(mutex_);
    ClassSummary summary{.name = name_,
                         .requests = static_cast<long long>(latencies_ms_.size()),
                         .observations = observations_,
                         .p50_ms = percentile(latencies_ms_, 50),
                         .p99_ms = percentile(latencies_ms_, 99),
                         .max_ms = latencies_ms_.empty() ? 0 : *std::ranges::max_element(latencies_ms_),
                         .errors = errors_,
                         .cuts = cuts_,
                         .first_error = first_error_};
    return summary;
}

}  // namespace floorwalk::bench
