// Appends accepted observations and coaching activities to their history and makes them current, in multi-row
// statements (RowBatch): push writes a batch of records in a few dozen statements instead of five to seven per
// record.
//
// Rows are buffered until flush(). The caller flushes before it reads these tables again in the same session and
// before it commits: a record added and never flushed is not written. add() flushes by itself when a record's id is
// already buffered (a batch carrying two revisions of one record), because one statement may not update the same
// current row twice.
//
// Threading: belongs to one write session.
#pragma once

#include "floorwalk/domain.h"
#include "database/database.h"
#include "storage/row_batch.h"

#include <cstdint>
#include <string>
#include <unordered_set>

namespace floorwalk::server {

class RecordWriter {
public:
    RecordWriter(db::Connection& db, std::string organization_id);

    // `observation.observer_id` (`activity.manager_id`) is the author; `seq` the change that makes it current.
    // The record's time is the one on the server's clock; `device_time` is the one its phone sent (the same when
    // nothing was corrected, floorwalk/clock_skew.h).
    void add(const Observation& observation, Timestamp device_time, Timestamp received_at, std::int64_t seq);
    void add(const CoachingActivity& activity, Timestamp device_time, Timestamp received_at, std::int64_t seq);
    // Writes every buffered record: history rows, then their ratings or participants, then the current rows.
    void flush();
    [[nodiscard]] bool empty() const { return observation_ids_.empty() && activity_ids_.empty(); }

private:
    db::Connection& db_;
    std::string organization_id_;
    std::unordered_set<std::string> observation_ids_;  // buffered, not yet written
    std::unordered_set<std::string> activity_ids_;
    RowBatch observation_revisions_;
    RowBatch observation_ratings_;
    RowBatch observations_;
    RowBatch activity_revisions_;
    RowBatch activity_participants_;
    RowBatch activities_;
};

}  // namespace floorwalk::server
