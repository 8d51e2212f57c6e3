// The push of observations and coaching activities: per-record validation, authorship, scope and revision rules,
// applied in the writer's open transaction.
#pragma once

#include "storage/change_sequence.h"
#include "storage/model_cache.h"
#include "database/database.h"
#include "storage/store.h"

#include <optional>
#include <vector>

namespace floorwalk::server {

// Decides and writes every record in the open write transaction on `db`; one bad record never stops the others.
// `sent_at` is the phone's clock reading when it sent the push (nullopt: not given): it puts the records' times on
// the server's clock (floorwalk/clock_skew.h).
// One outcome per record: observations first, then activities, in input order.
// Throws std::invalid_argument when the caller is not a user of its organisation (a bug in the caller, not a
// client mistake), and db::Error when the database fails (the caller rolls back).
[[nodiscard]] std::vector<PushOutcome> apply_push(db::Connection& db, ChangeSequence& sequence, ModelCache& models,
                                     const Caller& caller, const std::vector<Observation>& observations,
                                     const std::vector<CoachingActivity>& activities, Timestamp now,
                                     std::optional<Timestamp> sent_at);

}  // namespace floorwalk::server
