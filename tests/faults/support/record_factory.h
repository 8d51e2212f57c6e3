// Valid sync records for a known model and set of employees, made from a seed: new observations and activities,
// edits and tombstones, each with content that tells it apart (a tag, a counter, multilingual text).
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/v1/floorwalk.pb.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace floorwalk::faults {

namespace pb = ::floorwalk::v1;

class RecordFactory {
public:
    // `tag` starts every comment and note, so that a suite can tell its records from others.
    RecordFactory(pb::ExperienceModel model, std::vector<std::string> employee_ids, std::uint32_t seed,
                  std::string tag);

    // Revision 1 of a new record, observed or held within the 30 days before `now`.
    [[nodiscard]] pb::Observation observation(Timestamp now);
    [[nodiscard]] pb::CoachingActivity activity(Timestamp now);
    // The next revision of `current` with new ratings and comment.
    [[nodiscard]] pb::Observation edit(const pb::Observation& current);
    // The next revision of `current`, deleted.
    [[nodiscard]] pb::Observation tombstone(const pb::Observation& current);
    [[nodiscard]] pb::CoachingActivity tombstone(const pb::CoachingActivity& current);

    [[nodiscard]] const std::string& tag() const { return tag_; }
    [[nodiscard]] std::mt19937& random() { return random_; }

private:
    [[nodiscard]] std::string text(const char* kind);
    // A UUIDv7 of `now` whose random part comes from the seed, so that a run is reproduced by its seed.
    [[nodiscard]] std::string new_id(Timestamp now);
    [[nodiscard]] Timestamp recent(Timestamp now);
    void rate(pb::Observation* observation);

    pb::ExperienceModel model_;
    std::vector<std::string> employee_ids_;
    std::mt19937 random_;
    std::string tag_;
    int counter_ = 0;
};

}  // namespace floorwalk::faults
