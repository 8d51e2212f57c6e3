// A seeded mutation fuzzer over valid push bodies: hostile values in well-formed messages (ids, times, levels,
// revisions, text, counts), then byte-level damage to their JSON or binary encoding. Deterministic for a seed, so
// that a failing case is reproduced by its seed and index.
#pragma once

#include "floorwalk/v1/floorwalk.pb.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace floorwalk::faults {

namespace pb = ::floorwalk::v1;

struct MutatorContext {
    std::vector<std::string> employees_in_scope;
    std::vector<std::string> employees_elsewhere;  // of the organisation, outside the caller's units
    std::vector<std::string> dimensions;
    std::vector<std::string> other_device_ids;
    long long now_seconds = 0;
};

class BodyMutator {
public:
    BodyMutator(MutatorContext context, std::uint32_t seed);

    // Sets a few fields of a few records to hostile values; `binary` allows values protobuf's JSON mapping cannot
    // print (timestamps outside years 1 to 9999, nanos outside [0, 1e9)). Appends what it did to `log`.
    void mutate_fields(pb::PushRequest& request, bool binary, std::string& log);
    // Byte-level damage to an encoded body, keeping it mostly readable so that the parser is pushed to its edges.
    [[nodiscard]] std::string damage_json(std::string text, std::string& log);
    [[nodiscard]] std::string damage_binary(std::string bytes, std::string& log);

    [[nodiscard]] std::mt19937& random() { return random_; }

private:
    void mutate_observation(pb::Observation& observation, bool binary, std::string& log);
    void mutate_activity(pb::CoachingActivity& activity, bool binary, std::string& log);
    void mutate_time(google::protobuf::Timestamp& time, bool binary, std::string& log);
    [[nodiscard]] std::string hostile_id();
    [[nodiscard]] std::string hostile_text();
    [[nodiscard]] std::string hostile_employee();
    [[nodiscard]] int hostile_int();
    [[nodiscard]] std::size_t below(std::size_t n);

    MutatorContext context_;
    std::mt19937 random_;
};

}  // namespace floorwalk::faults
