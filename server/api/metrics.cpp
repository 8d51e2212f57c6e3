#include "api/metrics.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace floorwalk::server {
namespace {

constexpr std::array<std::string_view, 9> known_methods{"GET",     "HEAD",  "POST",  "PUT",  "DELETE",
                                                        "OPTIONS", "PATCH", "TRACE", "CONNECT"};

// Any other method text is the client's invention: one label for all of them keeps the series bounded.
std::string method_label(std::string_view method) {
    return std::ranges::find(known_methods, method) != known_methods.end() ? std::string(method) : "OTHER";
}

std::string escape_label(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

std::string_view status_name(PushStatus status) {
    switch (status) {
        case PushStatus::accepted: return "accepted";
        case PushStatus::duplicate: return "duplicate";
        case PushStatus::conflict: return "conflict";
        case PushStatus::rejected: return "rejected";
    }
    return "rejected";
}

}  // namespace

void Metrics::record_request(std::string_view method, std::string_view route, int status,
                             std::chrono::microseconds elapsed) {
    const double seconds = static_cast<double>(elapsed.count()) / 1e6;
    const auto bucket = std::ranges::lower_bound(latency_buckets, seconds) - latency_buckets.begin();
    std::scoped_lock lock(mutex_);
    ++requests_[{std::string(route), method_label(method), status}];
    auto& histogram = latency_[std::string(route)];
    if (bucket < static_cast<long>(latency_buckets.size())) ++histogram.buckets[static_cast<std::size_t>(bucket)];
    ++histogram.count;
    histogram.sum += seconds;
}

void Metrics::record_push(std::size_t observations, const std::vector<PushOutcome>& outcomes) {
    std::scoped_lock lock(mutex_);
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        ++records_[{i < observations ? "observation" : "activity", std::string(status_name(outcomes[i].status))}];
}

std::string Metrics::render(long long database_bytes) const {
    std::ostringstream out;
    std::scoped_lock lock(mutex_);

    out << "# HELP floorwalk_http_requests_total HTTP requests answered, by route pattern, method and status.\n"
           "# TYPE floorwalk_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [route, method, status] = key;
        out << "floorwalk_http_requests_total{route=\"" << escape_label(route) << "\",method=\"" << method
            << "\",status=\"" << status << "\"} " << count << '\n';
    }

    out << "# HELP floorwalk_http_request_duration_seconds Time from a request's header to the end of its "
           "response.\n"
           "# TYPE floorwalk_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : latency_) {
        const auto label = escape_label(route);
        long long cumulative = 0;
        for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
            cumulative += histogram.buckets[i];
            out << "floorwalk_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\""
                << number(latency_buckets[i]) << "\"} " << cumulative << '\n';
        }
        out << "floorwalk_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"+Inf\"} "
            << histogram.count << '\n'
            << "floorwalk_http_request_duration_seconds_sum{route=\"" << label << "\"} " << number(histogram.sum)
            << '\n'
            << "floorwalk_http_request_duration_seconds_count{route=\"" << label << "\"} " << histogram.count
            << '\n';
    }

    out << "# HELP floorwalk_sync_records_total Records received through /sync/push, by kind and outcome.\n"
           "# TYPE floorwalk_sync_records_total counter\n";
    for (const auto& [key, count] : records_)
        out << "floorwalk_sync_records_total{kind=\"" << key.first << "\",status=\"" << key.second << "\"} "
            << count << '\n';

    out << "# HELP floorwalk_database_bytes Size of the database files on disk.\n"
           "# TYPE floorwalk_database_bytes gauge\n"
           "floorwalk_database_bytes "
        << database_bytes << '\n';
    return out.str();
}

std::string render_replica_reads(const ReplicaReadStatus& status) {
    if (!status.configured) return {};
    std::ostringstream out;
    out << "# HELP floorwalk_replica_reads_total Reads the read replica may serve (pulls, indicator records and "
           "changes), by who served them: the replica, or the primary because the replica had not reached the "
           "read's position within --replica-wait (behind) or could not be used (unavailable).\n"
           "# TYPE floorwalk_replica_reads_total counter\n"
           "floorwalk_replica_reads_total{served_by=\"replica\",reason=\"caught_up\"} "
        << status.standby << "\nfloorwalk_replica_reads_total{served_by=\"primary\",reason=\"behind\"} "
        << status.primary_behind << "\nfloorwalk_replica_reads_total{served_by=\"primary\",reason=\"unavailable\"} "
        << status.primary_unavailable << '\n'
        << "# HELP floorwalk_replica_waits_total Reads that waited for the read replica to reach their position.\n"
           "# TYPE floorwalk_replica_waits_total counter\n"
           "floorwalk_replica_waits_total "
        << status.waited << '\n'
        << "# HELP floorwalk_replica_wait_seconds_total Time those reads spent waiting.\n"
           "# TYPE floorwalk_replica_wait_seconds_total counter\n"
           "floorwalk_replica_wait_seconds_total "
        << number(static_cast<double>(status.wait_time.count()) / 1e6) << '\n'
        << "# HELP floorwalk_replica_available Whether the read replica answered when last asked (1) or is passed "
           "over for the primary (0).\n"
           "# TYPE floorwalk_replica_available gauge\n"
           "floorwalk_replica_available "
        << (status.available ? 1 : 0) << '\n';
    return out.str();
}

}  // namespace floorwalk::server
