#include "support/ledger.h"

#include "floorwalk/uuid.h"
#include "floorwalk/wire.h"

#include <algorithm>

namespace floorwalk::faults {
namespace {

template <class T>
void differ(std::string& out, const char* field, const T& sent, const T& stored) {
    if (sent == stored) return;
    out += std::string(out.empty() ? "" : ", ") + field;
}

std::vector<Rating> sorted(std::vector<Rating> ratings) {
    std::sort(ratings.begin(), ratings.end(), [](const Rating& a, const Rating& b) {
        return std::tie(a.dimension_id, a.level) < std::tie(b.dimension_id, b.level);
    });
    return ratings;
}

std::vector<std::string> sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

std::string compare(const Observation& sent, const Observation& stored) {
    std::string out;
    differ(out, "employeeId", sent.employee_id, stored.employee_id);
    differ(out, "observedAt", sent.observed_at, stored.observed_at);
    differ(out, "modelVersion", sent.model_version, stored.model_version);
    differ(out, "ratings", sorted(sent.ratings), sorted(stored.ratings));
    differ(out, "comment", sent.comment, stored.comment);
    differ(out, "coachingAction", sent.coaching_action, stored.coaching_action);
    differ(out, "revision", sent.revision, stored.revision);
    differ(out, "baseRevision", sent.base_revision, stored.base_revision);
    differ(out, "deleted", sent.deleted, stored.deleted);
    return out;
}

std::string compare(const CoachingActivity& sent, const CoachingActivity& stored) {
    std::string out;
    differ(out, "kind", sent.kind, stored.kind);
    differ(out, "occurredAt", sent.occurred_at, stored.occurred_at);
    differ(out, "participantIds", sorted(sent.participant_ids), sorted(stored.participant_ids));
    differ(out, "note", sent.note, stored.note);
    differ(out, "revision", sent.revision, stored.revision);
    differ(out, "baseRevision", sent.base_revision, stored.base_revision);
    differ(out, "deleted", sent.deleted, stored.deleted);
    return out;
}

std::vector<std::string> Ledger::acknowledge(const pb::PushRequest& request, const pb::PushResponse& response,
                                             bool duplicates_confirm) {
    std::vector<std::string> problems;
    const int expected = request.observations_size() + request.activities_size();
    if (response.results_size() != expected) {
        problems.push_back("the push answered " + std::to_string(response.results_size()) + " results for " +
                           std::to_string(expected) + " records");
        return problems;
    }
    for (int i = 0; i < expected; ++i) {
        const bool is_observation = i < request.observations_size();
        const auto& id = is_observation ? request.observations(i).id()
                                        : request.activities(i - request.observations_size()).id();
        const auto& result = response.results(i);
        if (result.id() != id) {
            problems.push_back("result " + std::to_string(i) + " is for id '" + result.id() + "', not '" + id + "'");
            continue;
        }
        if (result.status() == pb::ACCEPTED)
            ++accepted_;
        else if (result.status() != pb::DUPLICATE || !duplicates_confirm)
            continue;
        // The server stores an id in its canonical form (a UUID in lower case): "0192F3A4-..." and "0192f3a4-..."
        // are one record, and pulls name it in lower case.
        const auto key = canonical_uuid(id);
        if (is_observation) {
            if (observations_.insert_or_assign(key, wire::from_proto(request.observations(i))).second)
                observation_order_.push_back(key);
        } else {
            activities_[key] = wire::from_proto(request.activities(i - request.observations_size()));
        }
    }
    return problems;
}

std::vector<std::string> Ledger::verify(const Snapshot& snapshot, const Ours& ours, bool notes_withheld) const {
    std::vector<std::string> problems;
    for (const auto& [id, sent] : observations_) {
        const auto found = snapshot.observations.find(id);
        if (sent.deleted) {
            if (found != snapshot.observations.end())
                problems.push_back("observation " + id + " was deleted (revision " + std::to_string(sent.revision) +
                                   " acknowledged) but is still pulled");
            continue;
        }
        if (found == snapshot.observations.end()) {
            problems.push_back("observation " + id + " revision " + std::to_string(sent.revision) +
                               " was acknowledged but is missing");
            continue;
        }
        const auto stored = wire::from_proto(found->second);
        if (auto diff = compare(sent, stored); !diff.empty())
            problems.push_back("observation " + id + " differs in " + diff);
        if (stored.observer_id != author_id_)
            problems.push_back("observation " + id + " has observer '" + stored.observer_id + "'");
    }
    for (const auto& [id, sent] : activities_) {
        const auto found = snapshot.activities.find(id);
        if (sent.deleted) {
            if (found != snapshot.activities.end())
                problems.push_back("activity " + id + " was deleted but is still pulled");
            continue;
        }
        if (found == snapshot.activities.end()) {
            problems.push_back("activity " + id + " revision " + std::to_string(sent.revision) +
                               " was acknowledged but is missing");
            continue;
        }
        const auto stored = wire::from_proto(found->second);
        auto expected = sent;
        if (notes_withheld) expected.note.clear();
        if (auto diff = compare(expected, stored); !diff.empty())
            problems.push_back("activity " + id + " differs in " + diff);
        if (stored.manager_id != author_id_)
            problems.push_back("activity " + id + " has manager '" + stored.manager_id + "'");
    }
    for (const auto& [id, pulled] : snapshot.observations) {
        const auto known = observations_.find(id);
        if (ours(pulled.comment()) && (known == observations_.end() || known->second.deleted))
            problems.push_back("observation " + id + " is pulled but was never acknowledged");
    }
    for (const auto& [id, pulled] : snapshot.activities) {
        const auto known = activities_.find(id);
        if (ours(pulled.note()) && (known == activities_.end() || known->second.deleted))
            problems.push_back("activity " + id + " is pulled but was never acknowledged");
    }
    return problems;
}

}  // namespace floorwalk::faults
