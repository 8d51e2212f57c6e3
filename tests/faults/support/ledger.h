// What the server acknowledged: the latest ACCEPTED revision of every record, kept from the pushes' answers, and
// the check that a pull shows exactly that (nothing lost, nothing changed, nothing invented).
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/v1/floorwalk.pb.h"
#include "support/sync_client.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace floorwalk::faults {

class Ledger {
public:
    explicit Ledger(std::string author_id) : author_id_(std::move(author_id)) {}

    // Applies the answer to `request`: every ACCEPTED result makes its record the expected latest revision, and so
    // does every DUPLICATE when `duplicates_confirm` (the retry of a push whose answer was lost: the server says the
    // first try stored it). Returns what is wrong with the answer itself (result count, ids out of order).
    std::vector<std::string> acknowledge(const pb::PushRequest& request, const pb::PushResponse& response,
                                         bool duplicates_confirm = false);

    // Records the pull must show. `ours` says which pulled records the ledger should know (for example those
    // carrying the suite's tag); a pulled record of ours that the ledger does not expect is reported as invented.
    // Returns one line per difference.
    // `notes_withheld`: the puller reads another manager's activities (a director), which come without their note
    // (sync/pull.cpp): the note must then be empty and everything else as acknowledged.
    using Ours = std::function<bool(const std::string& text)>;
    [[nodiscard]] std::vector<std::string> verify(const Snapshot& snapshot, const Ours& ours,
                                                  bool notes_withheld = false) const;

    // Acknowledged records that are not deleted, by id.
    [[nodiscard]] const std::map<std::string, Observation>& observations() const { return observations_; }
    [[nodiscard]] const std::map<std::string, CoachingActivity>& activities() const { return activities_; }
    [[nodiscard]] std::size_t accepted() const { return accepted_; }
    // Ids of acknowledged observations in the order they were first acknowledged (ids order themselves by the
    // time they were made, which differs from run to run; this order does not).
    [[nodiscard]] const std::vector<std::string>& observation_order() const { return observation_order_; }

private:
    std::string author_id_;
    std::map<std::string, Observation> observations_;  // the latest accepted revision (deleted ones included)
    std::map<std::string, CoachingActivity> activities_;
    std::vector<std::string> observation_order_;
    std::size_t accepted_ = 0;
};

// Differences between what was sent and what was stored, ignoring what the server sets (author, reception time)
// and the order of ratings and participants; empty when they are the same.
[[nodiscard]] std::string compare(const Observation& sent, const Observation& stored);
[[nodiscard]] std::string compare(const CoachingActivity& sent, const CoachingActivity& stored);

}  // namespace floorwalk::faults
