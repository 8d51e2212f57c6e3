#include "support/record_factory.h"

#include "floorwalk/uuid.h"
#include "floorwalk/wire.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace floorwalk::faults {
namespace {

// Text a phone may send: accents, CJK, emoji, quotes and a backslash that the JSON mapping must escape.
constexpr std::array<const char*, 6> phrases = {
    "Accueil chaleureux, très bon conseil", "顧客への挨拶がとても丁寧", "Great follow-up 👍",
    "Asked \"what brings you in?\" \\ open question", "Ließ den Kunden ausreden", "Сделал хорошее предложение"};

}  // namespace

RecordFactory::RecordFactory(pb::ExperienceModel model, std::vector<std::string> employee_ids, std::uint32_t seed,
                             std::string tag)
    : model_(std::move(model)), employee_ids_(std::move(employee_ids)), random_(seed), tag_(std::move(tag)) {
    if (employee_ids_.empty()) throw std::invalid_argument("RecordFactory needs at least one employee");
    if (model_.dimensions().empty() || model_.scale().levels().empty())
        throw std::invalid_argument("RecordFactory needs a model with dimensions and levels");
}

std::string RecordFactory::text(const char* kind) {
    ++counter_;
    auto text = tag_ + " " + kind + " " + std::to_string(counter_) + ": ";
    // Now and then the longest text the server must keep: 2,000 code points (of 2 bytes each after the prefix).
    if (counter_ % 37 == 0) {
        for (std::size_t points = text.size(); points < 2000; ++points) text += "\u00e9";
        return text;
    }
    std::uniform_int_distribution<std::size_t> pick(0, phrases.size() - 1);
    return text + phrases[pick(random_)];
}

std::string RecordFactory::new_id(Timestamp now) {
    std::array<std::uint8_t, 10> bytes{};
    for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random_() & 0xFF);
    return make_uuid_v7(now, bytes);
}

Timestamp RecordFactory::recent(Timestamp now) {
    std::uniform_int_distribution<long long> back(60'000, 30LL * 24 * 3600 * 1000);
    return now - std::chrono::milliseconds(back(random_));
}

void RecordFactory::rate(pb::Observation* observation) {
    observation->clear_ratings();
    std::vector<int> dimensions(static_cast<std::size_t>(model_.dimensions_size()));
    for (std::size_t i = 0; i < dimensions.size(); ++i) dimensions[i] = static_cast<int>(i);
    std::shuffle(dimensions.begin(), dimensions.end(), random_);
    std::uniform_int_distribution<std::size_t> count(1, std::min<std::size_t>(3, dimensions.size()));
    std::uniform_int_distribution<int> level(0, model_.scale().levels_size() - 1);
    const auto n = count(random_);
    for (std::size_t i = 0; i < n; ++i) {
        auto* rating = observation->add_ratings();
        rating->set_dimension_id(model_.dimensions(dimensions[i]).id());
        rating->set_level(model_.scale().levels(level(random_)).level());
    }
}

pb::Observation RecordFactory::observation(Timestamp now) {
    pb::Observation observation;
    observation.set_id(new_id(now));
    std::uniform_int_distribution<std::size_t> employee(0, employee_ids_.size() - 1);
    observation.set_employee_id(employee_ids_[employee(random_)]);
    wire::to_proto(recent(now), observation.mutable_observed_at());
    observation.set_model_version(model_.version());
    rate(&observation);
    observation.set_comment(text("observation"));
    if (random_() % 2 == 0) observation.set_coaching_action(std::string("Practise again: ") + phrases[random_() % phrases.size()]);
    observation.set_revision(1);
    return observation;
}

pb::CoachingActivity RecordFactory::activity(Timestamp now) {
    pb::CoachingActivity activity;
    activity.set_id(new_id(now));
    constexpr std::array kinds = {pb::ONE_TO_ONE, pb::TEAM_BRIEFING, pb::CHALLENGE};
    activity.set_kind(kinds[random_() % kinds.size()]);
    wire::to_proto(recent(now), activity.mutable_occurred_at());
    auto people = employee_ids_;
    std::shuffle(people.begin(), people.end(), random_);
    const auto n = 1 + random_() % std::min<std::size_t>(4, people.size());
    for (std::size_t i = 0; i < n; ++i) activity.add_participant_ids(people[i]);
    activity.set_note(text("activity"));
    activity.set_revision(1);
    return activity;
}

pb::Observation RecordFactory::edit(const pb::Observation& current) {
    pb::Observation next = current;
    next.clear_observer_id();
    next.clear_received_at();
    rate(&next);
    next.set_comment(text("edit"));
    next.set_base_revision(current.revision());
    next.set_revision(current.revision() + 1);
    return next;
}

pb::Observation RecordFactory::tombstone(const pb::Observation& current) {
    pb::Observation next = current;
    next.clear_observer_id();
    next.clear_received_at();
    next.set_deleted(true);
    next.set_base_revision(current.revision());
    next.set_revision(current.revision() + 1);
    return next;
}

pb::CoachingActivity RecordFactory::tombstone(const pb::CoachingActivity& current) {
    pb::CoachingActivity next = current;
    next.clear_manager_id();
    next.clear_received_at();
    next.set_deleted(true);
    next.set_base_revision(current.revision());
    next.set_revision(current.revision() + 1);
    return next;
}

}  // namespace floorwalk::faults
