// Reads that a hot standby may serve, and the rule that keeps them correct. Positions are an organisation's change
// counter (storage/change_sequence.h), never an engine's log position, so the rule reads the same on every engine:
//
//   A read that must reflect position N of an organisation is served by the standby only when the standby's own
//   counter for that organisation shows N or more. Otherwise the read waits, looking again every poll_interval,
//   for at most `wait`, and then the primary serves it.
//
// Why it is correct: one organisation's writers lock its row and commit in counter order, and a standby replays
// the primary's commits in the order they committed. A standby whose counter shows N has therefore replayed every
// change numbered up to N. The check runs in the session that then serves the read: a snapshot session reads in the
// snapshot the check saw, and a standby never goes back, so a single session's later statements see at least as
// much.
//
// Which position a read needs is the caller's to say (sync/sql_store.cpp): a pull needs its cursor's position and
// the calling device's last push (read-your-writes); an indicator catch-up needs the position it reads up to; a read
// whose answer carries its own position (the current records, a snapshot) needs none.
//
// A standby that cannot be reached, that holds another database (its database id is not the primary's), or that
// fails during a read sends that read to the primary, which runs it again. A standby that could not be reached is
// then left alone for retry_after: meanwhile its reads go straight to the primary, one read tries it again after
// that, and each outage is logged once, when it starts and when it ends. Writes, sign-ins, token checks and
// administration never come here: they use the primary.
//
// Threading: every method may be called from any thread.
#pragma once

#include "database/engine.h"
#include "storage/store.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace floorwalk::server {

struct ReplicaPolicy {
    // How long a read waits for the standby to reach the position it needs before the primary serves it.
    std::chrono::milliseconds wait{200};
    // How often a waiting read looks at the standby's position again.
    std::chrono::milliseconds poll_interval{10};
    // How long a standby that could not be reached is left alone before a read tries it again.
    std::chrono::milliseconds retry_after{10'000};
};

class ReplicaReads {
public:
    // `primary` must outlive this. `standby` may be null: then every read goes to the primary and nothing is
    // counted. `database_id` is the primary's (meta.database_id), which a true copy shares.
    ReplicaReads(db::Engine& primary, std::unique_ptr<db::Engine> standby, std::string database_id,
                 ReplicaPolicy policy);
    ~ReplicaReads();
    ReplicaReads(const ReplicaReads&) = delete;
    ReplicaReads& operator=(const ReplicaReads&) = delete;

    [[nodiscard]] bool has_standby() const { return standby_ != nullptr; }

    // Runs `read(db::Connection&)` in a session of `kind`: on the standby once it shows `required` (0: any
    // position) for the organisation, else on the primary; returns what `read` returns. When the standby fails
    // during the read, the primary runs it again, unless `*handed_over` is then true (rows already given to a
    // caller's callback cannot be taken back): the error propagates instead.
    template <typename Read>
    auto read(db::SessionKind kind, const std::string& organization_id, std::int64_t required, Read&& read,
              const bool* handed_over = nullptr);

    [[nodiscard]] ReplicaReadStatus status() const;

private:
    enum class State { unknown, available, unavailable };

    // A session on the standby that shows `required`, or nullptr (counted) when the primary must serve the read.
    std::unique_ptr<db::Session> standby_session(db::SessionKind kind, const std::string& organization_id,
                                                 std::int64_t required);
    // Whether this read may ask the standby: always while it is not known unavailable; afterwards one read once
    // retry_after has passed.
    bool may_ask_standby();
    void mark_available();
    void mark_unavailable(const std::string& reason);
    void served_by_standby() { ++standby_reads_; }
    void failed_during_read(const db::Error& error);
    void record_wait(std::chrono::steady_clock::time_point start);

    db::Engine& primary_;
    std::unique_ptr<db::Engine> standby_;
    std::string database_id_;
    ReplicaPolicy policy_;

    mutable std::mutex mutex_;  // guards the state below
    State state_ = State::unknown;
    std::chrono::steady_clock::time_point retry_at_{};
    bool probing_ = false;  // one read is trying an unavailable standby again

    std::atomic<std::uint64_t> standby_reads_{0};
    std::atomic<std::uint64_t> primary_behind_{0};
    std::atomic<std::uint64_t> primary_unavailable_{0};
    std::atomic<std::uint64_t> waited_{0};
    std::atomic<std::int64_t> wait_microseconds_{0};
};

template <typename Read>
auto ReplicaReads::read(db::SessionKind kind, const std::string& organization_id, std::int64_t required, Read&& read,
                        const bool* handed_over) {
    if (auto standby = standby_session(kind, organization_id, required)) {
        try {
            auto result = read(standby->db());
            served_by_standby();
            return result;
        } catch (const db::Error& error) {
            failed_during_read(error);
            if (handed_over && *handed_over) throw;
        }
    }
    auto primary = primary_.begin(kind);
    return read(primary->db());
}

}  // namespace floorwalk::server
