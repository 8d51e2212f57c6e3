// Reading and writing observation and coaching-activity rows: the revision history, the per-revision ratings and
// participants, and the current row of each record.
#pragma once

#include "floorwalk/domain.h"
#include "database/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace floorwalk::server {

// What push needs to know about a stored record before deciding.
struct RecordHead {
    int revision = 0;       // the latest stored revision
    std::string author_id;  // observer or manager
    bool deleted = false;   // the latest revision is a tombstone
};

[[nodiscard]] std::optional<RecordHead> observation_head(db::Connection& db, const std::string& organization_id,
                                                         const std::string& id);
// One stored revision as the client sent it (observer_id is the author).
[[nodiscard]] std::optional<Observation> load_observation_revision(db::Connection& db,
                                                                   const std::string& organization_id,
                                                                   const std::string& id, int revision);
[[nodiscard]] std::vector<Rating> load_ratings(db::Connection& db, const std::string& organization_id,
                                               const std::string& id, int revision);
// Appends `observation` to the history and makes it the current revision.
void write_observation(db::Connection& db, const std::string& organization_id, const Observation& observation,
                       Timestamp received_at, std::int64_t seq);
// Current revisions, tombstones excluded, ordered by id.
void for_each_current_observation(db::Connection& db, const std::string& organization_id,
                                  const std::function<void(const Observation&)>& visit);

[[nodiscard]] std::optional<RecordHead> activity_head(db::Connection& db, const std::string& organization_id,
                                                      const std::string& id);
[[nodiscard]] std::optional<CoachingActivity> load_activity_revision(db::Connection& db,
                                                                     const std::string& organization_id,
                                                                     const std::string& id, int revision);
[[nodiscard]] std::vector<std::string> load_participants(db::Connection& db, const std::string& organization_id,
                                                         const std::string& id, int revision);
void write_activity(db::Connection& db, const std::string& organization_id, const CoachingActivity& activity,
                    Timestamp received_at, std::int64_t seq);
void for_each_current_activity(db::Connection& db, const std::string& organization_id,
                               const std::function<void(const CoachingActivity&)>& visit);

}  // namespace floorwalk::server
