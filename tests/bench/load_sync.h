// The sync bodies of the load benchmark's phones, in protobuf (the phone app's encoding): the push request of a
// batch, and what the bench must read back out of push and pull answers. Protobuf stays in load_sync.cpp.
#pragma once

#include "floorwalk/domain.h"

#include <string>
#include <vector>

namespace floorwalk::bench {

// The binary PushRequest of `observations` from `device_id`.
[[nodiscard]] std::string push_body(const std::vector<Observation>& observations, const std::string& device_id);

// A push answer: every one of `sent` observations must come back ACCEPTED or DUPLICATE.
struct PushOutcome {
    bool ok = false;
    long long accepted = 0;
    std::string problem;  // why not ok
};
[[nodiscard]] PushOutcome read_push(const std::string& body, int sent);

// A pull page: where the next pull starts and whether more pages wait.
struct PullOutcome {
    bool ok = false;
    std::string cursor;
    bool has_more = false;
    bool reset = false;
    std::string problem;
};
[[nodiscard]] PullOutcome read_pull(const std::string& body);

}  // namespace floorwalk::bench
