#include "load_sync.h"

#include "floorwalk/wire.h"

namespace floorwalk::bench {

namespace pb = ::floorwalk::v1;

std::string push_body(const std::vector<Observation>& observations, const std::string& device_id) {
    pb::PushRequest request;
    request.set_device_id(device_id);
    for (const auto& observation : observations) wire::to_proto(observation, request.add_observations());
    return request.SerializeAsString();
}

PushOutcome read_push(const std::string& body, int sent) {
    pb::PushResponse response;
    if (!response.ParseFromString(body)) return {.problem = "the push answer is not a PushResponse"};
    if (response.results_size() != sent)
        return {.problem = "push answered " + std::to_string(response.results_size()) + " results for " +
                           std::to_string(sent)};
    PushOutcome outcome{.ok = true};
    for (const auto& result : response.results()) {
        if (result.status() == pb::ACCEPTED) ++outcome.accepted;
        else if (result.status() != pb::DUPLICATE)
            return {.problem = "observation " + result.id() + " refused: " + result.error().code() + " " +
                               result.error().message()};
    }
    return outcome;
}

PullOutcome read_pull(const std::string& body) {
    pb::PullResponse response;
    if (!response.ParseFromString(body)) return {.problem = "the pull answer is not a PullResponse"};
    if (response.cursor().empty()) return {.problem = "the pull answer has no cursor"};
    return {.ok = true, .cursor = response.cursor(), .has_more = response.has_more(), .reset = response.reset()};
}

}  // namespace floorwalk::bench
