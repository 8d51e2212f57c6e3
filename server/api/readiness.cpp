#include "api/readiness.h"

#include <condition_variable>
#include <optional>

namespace floorwalk::server {

struct ReadinessProbe::Attempt {
    std::mutex mutex;
    std::condition_variable finished;
    std::optional<ReadinessReport> report;  // set once the query answered or failed

    [[nodiscard]] bool done() {
        std::lock_guard lock(mutex);
        return report.has_value();
    }
};

ReadinessProbe::ReadinessProbe(Query query, std::chrono::milliseconds deadline)
    : query_(std::move(query)), deadline_(deadline) {}

ReadinessProbe::~ReadinessProbe() {
    std::lock_guard lock(mutex_);
    if (worker_.joinable()) worker_.join();
}

void ReadinessProbe::run(const std::shared_ptr<Attempt>& attempt) const {
    ReadinessReport report;
    try {
        report.schema = query_();
        if (report.schema.found == report.schema.known) {
            report.state = ReadinessState::ready;
        } else {
            report.state = ReadinessState::schema_mismatch;
            report.cause = "the database schema is at version " + std::to_string(report.schema.found) +
                           " and this build's is " + std::to_string(report.schema.known);
        }
    } catch (const std::exception& error) {
        report.state = ReadinessState::database_unreachable;
        report.cause = error.what();
    } catch (...) {
        report.state = ReadinessState::database_unreachable;
        report.cause = "the database query failed with an exception of unknown type";
    }
    {
        std::lock_guard lock(attempt->mutex);
        attempt->report = std::move(report);
    }
    attempt->finished.notify_all();
}

ReadinessReport ReadinessProbe::check() {
    std::shared_ptr<Attempt> attempt;
    {
        std::lock_guard lock(mutex_);
        // A finished query is never reused: each check asks the database afresh, unless one is still under way.
        if (!attempt_ || attempt_->done()) {
            if (worker_.joinable()) worker_.join();  // its query has finished: the thread is ending
            attempt_ = std::make_shared<Attempt>();
            worker_ = std::thread([this, started = attempt_] { run(started); });
        }
        attempt = attempt_;
    }
    std::unique_lock lock(attempt->mutex);
    if (!attempt->finished.wait_for(lock, deadline_, [&] { return attempt->report.has_value(); })) {
        lock.unlock();
        ReadinessReport late;
        late.state = ReadinessState::database_timeout;
        late.cause = "the database did not answer within " + std::to_string(deadline_.count()) + " ms";
        return remember(std::move(late));
    }
    auto report = *attempt->report;
    lock.unlock();
    return remember(std::move(report));
}

ReadinessReport ReadinessProbe::remember(ReadinessReport report) {
    std::lock_guard lock(mutex_);
    report.changed = report.state != last_state_ || report.cause != last_cause_;
    last_state_ = report.state;
    last_cause_ = report.cause;
    return report;
}

}  // namespace floorwalk::server
