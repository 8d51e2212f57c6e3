#include "api/metrics.h"

#include <catch2/catch.hpp>

using namespace floorwalk::server;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

TEST_CASE("requests are counted by route, method and status") {
    Metrics metrics;
    metrics.record_request("POST", "/api/v1/sync/push", 200, 3ms);
    metrics.record_request("POST", "/api/v1/sync/push", 200, 4ms);
    metrics.record_request("POST", "/api/v1/sync/push", 413, 1ms);
    metrics.record_request("BREW", "(unmatched)", 404, 1ms);
    const auto text = metrics.render(0);
    CHECK_THAT(text, Contains("# TYPE floorwalk_http_requests_total counter"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_requests_total{route="/api/v1/sync/push",method="POST",status="200"} 2)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_requests_total{route="/api/v1/sync/push",method="POST",status="413"} 1)"));
    // An invented method shares one label value, so clients cannot grow the series without bound.
    CHECK_THAT(text, Contains(R"x(floorwalk_http_requests_total{route="(unmatched)",method="OTHER",status="404"} 1)x"));
}

TEST_CASE("latency goes into a cumulative histogram per route") {
    Metrics metrics;
    metrics.record_request("GET", "/healthz", 200, 500us);   // <= 0.001
    metrics.record_request("GET", "/healthz", 200, 20ms);    // <= 0.025
    metrics.record_request("GET", "/healthz", 200, 30s);     // +Inf only
    const auto text = metrics.render(0);
    CHECK_THAT(text, Contains("# TYPE floorwalk_http_request_duration_seconds histogram"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_bucket{route="/healthz",le="0.001"} 1)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_bucket{route="/healthz",le="0.01"} 1)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_bucket{route="/healthz",le="0.025"} 2)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_bucket{route="/healthz",le="10"} 2)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_bucket{route="/healthz",le="+Inf"} 3)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_count{route="/healthz"} 3)"));
    CHECK_THAT(text, Contains(R"(floorwalk_http_request_duration_seconds_sum{route="/healthz"} 30.0205)"));
}

TEST_CASE("pushed records are counted by kind and outcome") {
    Metrics metrics;
    metrics.record_push(2, {{"a", PushStatus::accepted}, {"b", PushStatus::rejected}, {"c", PushStatus::accepted}});
    metrics.record_push(1, {{"a", PushStatus::duplicate}});
    const auto text = metrics.render(4096);
    CHECK_THAT(text, Contains(R"(floorwalk_sync_records_total{kind="observation",status="accepted"} 1)"));
    CHECK_THAT(text, Contains(R"(floorwalk_sync_records_total{kind="observation",status="rejected"} 1)"));
    CHECK_THAT(text, Contains(R"(floorwalk_sync_records_total{kind="observation",status="duplicate"} 1)"));
    CHECK_THAT(text, Contains(R"(floorwalk_sync_records_total{kind="activity",status="accepted"} 1)"));
    CHECK_THAT(text, Contains("# TYPE floorwalk_database_bytes gauge\nfloorwalk_database_bytes 4096\n"));
}

TEST_CASE("label values are escaped") {
    Metrics metrics;
    metrics.record_request("GET", "a\"b\\c", 200, 1ms);
    CHECK_THAT(metrics.render(0), Contains(R"(route="a\"b\\c")"));
}

TEST_CASE("the read replica's counters are rendered only when a replica is configured") {
    CHECK(render_replica_reads(ReplicaReadStatus{}).empty());
    ReplicaReadStatus status;
    status.configured = true;
    status.available = true;
    status.standby = 7;
    status.primary_behind = 2;
    status.primary_unavailable = 1;
    status.waited = 3;
    status.wait_time = 250ms;
    const auto text = render_replica_reads(status);
    CHECK_THAT(text, Contains("# TYPE floorwalk_replica_reads_total counter"));
    CHECK_THAT(text, Contains(R"(floorwalk_replica_reads_total{served_by="replica",reason="caught_up"} 7)" "\n"));
    CHECK_THAT(text, Contains(R"(floorwalk_replica_reads_total{served_by="primary",reason="behind"} 2)" "\n"));
    CHECK_THAT(text, Contains(R"(floorwalk_replica_reads_total{served_by="primary",reason="unavailable"} 1)" "\n"));
    CHECK_THAT(text, Contains("floorwalk_replica_waits_total 3\n"));
    CHECK_THAT(text, Contains("floorwalk_replica_wait_seconds_total 0.25\n"));
    CHECK_THAT(text, Contains("# TYPE floorwalk_replica_available gauge\nfloorwalk_replica_available 1\n"));
}
