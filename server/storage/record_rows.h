// Reading observation and coaching-activity rows: the revision history, the per-revision ratings and participants,
// and the current row of each record (RecordWriter writes them).
#pragma once

#include "floorwalk/clock_skew.h"
#include "floorwalk/domain.h"
#include "database/database.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace floorwalk::server {

// What push needs to know about a stored record before deciding.
struct RecordHead {
    int revision = 0;       // the latest stored revision
    std::string author_id;  // observer or manager
    bool deleted = false;   // the latest revision is a tombstone
};

// The stored records among `ids`, by id (an id not stored is absent). One query for a whole push.
[[nodiscard]] std::unordered_map<std::string, RecordHead> observation_heads(db::Connection& db,
                                                                            const std::string& organization_id,
                                                                            const std::vector<std::string>& ids);
// One stored revision as the client sent it (observer_id is the author; observed_at the time the phone sent, before
// any clock correction).
[[nodiscard]] std::optional<Observation> load_observation_revision(db::Connection& db,
                                                                   const std::string& organization_id,
                                                                   const std::string& id, int revision);
// A stored revision's time on the server's clock and as its phone sent it (nullopt when not stored).
[[nodiscard]] std::optional<StoredRecordTime> stored_observation_time(db::Connection& db,
                                                                     const std::string& organization_id,
                                                                     const std::string& id, int revision);
[[nodiscard]] std::vector<Rating> load_ratings(db::Connection& db, const std::string& organization_id,
                                               const std::string& id, int revision);
// Current revisions, tombstones excluded, ordered by id.
void for_each_current_observation(db::Connection& db, const std::string& organization_id,
                                  const std::function<void(const Observation&)>& visit);

[[nodiscard]] std::unordered_map<std::string, RecordHead> activity_heads(db::Connection& db,
                                                                         const std::string& organization_id,
                                                                         const std::vector<std::string>& ids);
[[nodiscard]] std::optional<CoachingActivity> load_activity_revision(db::Connection& db,
                                                                     const std::string& organization_id,
                                                                     const std::string& id, int revision);
[[nodiscard]] std::optional<StoredRecordTime> stored_activity_time(db::Connection& db,
                                                                  const std::string& organization_id,
                                                                  const std::string& id, int revision);
[[nodiscard]] std::vector<std::string> load_participants(db::Connection& db, const std::string& organization_id,
                                                         const std::string& id, int revision);
void for_each_current_activity(db::Connection& db, const std::string& organization_id,
                               const std::function<void(const CoachingActivity&)>& visit);

// ---------------------------------------------------------------------------------------------------------------
// Following an organisation's records from a position of its change counter (the indicators of every server).
// These read the revision history, which is append-only: what they answer for a range of committed changes does
// not depend on the snapshot they run in. Large sets are read in pages, so memory stays bounded on every engine.

// What the indicators need of a record: employee, author, time, ratings or participants; no free text.
// Current revisions (tombstones excluded), in id order, `page` records per query.
void for_each_current_observation_fact(db::Connection& db, const std::string& organization_id,
                                       const std::function<void(const Observation&)>& visit, int page = 5000);
void for_each_current_activity_fact(db::Connection& db, const std::string& organization_id,
                                    const std::function<void(const CoachingActivity&)>& visit, int page = 5000);

// Ids of the observations (activities) with a revision numbered in (from, to].
[[nodiscard]] std::vector<std::string> observations_changed_between(db::Connection& db,
                                                                    const std::string& organization_id,
                                                                    std::int64_t from, std::int64_t to);
[[nodiscard]] std::vector<std::string> activities_changed_between(db::Connection& db,
                                                                  const std::string& organization_id,
                                                                  std::int64_t from, std::int64_t to);
// For each of `ids`: the revision that counted at position `at` (the newest numbered up to it), unless it was a
// tombstone or there was none; by id.
[[nodiscard]] std::map<std::string, Observation> observations_at(db::Connection& db,
                                                                 const std::string& organization_id,
                                                                 const std::vector<std::string>& ids, std::int64_t at);
[[nodiscard]] std::map<std::string, CoachingActivity> activities_at(db::Connection& db,
                                                                    const std::string& organization_id,
                                                                    const std::vector<std::string>& ids,
                                                                    std::int64_t at);

}  // namespace floorwalk::server
