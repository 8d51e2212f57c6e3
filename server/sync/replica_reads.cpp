#include "sync/replica_reads.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace floorwalk::server {
namespace {

// Errors that say the standby itself is gone (SQLSTATE classes 08, connection exception, and 57P, the server
// shutting down or terminating us), as opposed to one statement failing there (a conflict with recovery).
bool is_connection_failure(const db::Error& error) {
    return error.code().starts_with("08") || error.code().starts_with("57P");
}

}  // namespace

ReplicaReads::ReplicaReads(db::Engine& primary, std::unique_ptr<db::Engine> standby, std::string database_id,
                           ReplicaPolicy policy)
    : primary_(primary), standby_(std::move(standby)), database_id_(std::move(database_id)), policy_(policy) {
    policy_.poll_interval = std::max(policy_.poll_interval, std::chrono::milliseconds(1));
}

ReplicaReads::~ReplicaReads() = default;

std::unique_ptr<db::Session> ReplicaReads::standby_session(db::SessionKind kind, const std::string& organization_id,
                                                           std::int64_t required) {
    if (!standby_) return nullptr;
    if (!may_ask_standby()) {
        ++primary_unavailable_;
        return nullptr;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + policy_.wait;
    for (bool waited = false;; waited = true) {
        std::unique_ptr<db::Session> session;
        std::string found_id;
        std::int64_t position = 0;
        try {
            session = standby_->begin(kind);
            // One round trip: whose database this is, and where the organisation stands on it (NULL, read as 0,
            // while the organisation's creation is not replayed yet).
            auto statement = session->db().prepare(
                "SELECT (SELECT value FROM meta WHERE key = 'database_id'),"
                " (SELECT change_seq FROM organizations WHERE id = ?1)");
            statement.bind_all(organization_id);
            if (statement.step()) {
                found_id = statement.text(0);
                position = statement.int64(1);
            }
        } catch (const std::exception& error) {
            mark_unavailable(error.what());
            if (waited) record_wait(start);
            ++primary_unavailable_;
            return nullptr;
        }
        // A database whose id is not ours is no copy of it, whatever its counters say. (No id at all: a copy that
        // has not replayed the database's first transaction yet, merely behind.)
        if (!found_id.empty() && found_id != database_id_) {
            mark_unavailable("it holds another database (id " + found_id + "; the primary's is " + database_id_ + ")");
            if (waited) record_wait(start);
            ++primary_unavailable_;
            return nullptr;
        }
        mark_available();
        if (!found_id.empty() && position >= required) {
            if (waited) record_wait(start);
            return session;
        }
        session.reset();  // its snapshot would never move: look again in a new session
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            if (waited) record_wait(start);
            ++primary_behind_;
            return nullptr;
        }
        using Duration = std::chrono::steady_clock::duration;
        std::this_thread::sleep_for(std::min<Duration>(policy_.poll_interval, deadline - now));
    }
}

bool ReplicaReads::may_ask_standby() {
    std::lock_guard lock(mutex_);
    if (state_ != State::unavailable) return true;
    if (probing_ || std::chrono::steady_clock::now() < retry_at_) return false;
    probing_ = true;
    return true;
}

void ReplicaReads::mark_available() {
    std::lock_guard lock(mutex_);
    probing_ = false;
    if (state_ == State::unavailable) {
        std::fprintf(stderr, "floorwalk-server: the read replica %s answers again: reads go to it again\n",
                     standby_->describe().c_str());
    }
    state_ = State::available;
}

void ReplicaReads::mark_unavailable(const std::string& reason) {
    std::lock_guard lock(mutex_);
    probing_ = false;
    retry_at_ = std::chrono::steady_clock::now() + policy_.retry_after;
    if (state_ != State::unavailable) {
        std::fprintf(stderr,
                     "floorwalk-server: the read replica %s is not used: %s; the primary serves its reads, and the "
                     "replica is tried again every %lld ms\n",
                     standby_->describe().c_str(), reason.c_str(),
                     static_cast<long long>(policy_.retry_after.count()));
    }
    state_ = State::unavailable;
}

void ReplicaReads::failed_during_read(const db::Error& error) {
    ++primary_unavailable_;
    if (is_connection_failure(error)) {
        mark_unavailable(error.what());
        return;
    }
    // One statement failed on the standby (a conflict with recovery cancels a long read, say): the primary
    // answers this read, and the standby keeps serving others.
    std::fprintf(stderr, "floorwalk-server: a read on the read replica %s failed (%s): the primary served it\n",
                 standby_->describe().c_str(), error.what());
}

void ReplicaReads::record_wait(std::chrono::steady_clock::time_point start) {
    ++waited_;
    wait_microseconds_ +=
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
}

ReplicaReadStatus ReplicaReads::status() const {
    ReplicaReadStatus status;
    if (!standby_) return status;
    status.configured = true;
    {
        std::lock_guard lock(mutex_);
        status.available = state_ == State::available;
    }
    status.standby = standby_reads_;
    status.primary_behind = primary_behind_;
    status.primary_unavailable = primary_unavailable_;
    status.waited = waited_;
    status.wait_time = std::chrono::microseconds(wait_microseconds_.load());
    return status;
}

}  // namespace floorwalk::server
