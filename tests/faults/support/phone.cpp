#include "support/phone.h"

#include "floorwalk/wire.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

namespace floorwalk::faults {
namespace {

Timestamp wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace

Phone sign_in_phone(HttpClient& client, const std::string& organization, const std::string& username,
                    const std::string& password, const std::string& tag, std::uint32_t seed) {
    auto account = login(client, organization, username, password, "fault-phone-" + tag);
    const auto snapshot = pull_all(client, account);
    auto employees = employees_in_scope(snapshot);
    if (employees.empty()) throw std::runtime_error(username + " has no active employee in scope");
    Ledger ledger(account.user_id);
    return Phone{std::move(account), std::move(ledger), RecordFactory(snapshot.model, employees, seed, tag), tag};
}

pb::PushRequest make_batch(Phone& phone, std::size_t size) {
    pb::PushRequest request;
    request.set_device_id(phone.account.device_id);
    std::vector<std::string> editable;
    for (const auto& [id, observation] : phone.ledger.observations())
        if (!observation.deleted) editable.push_back(id);
    std::vector<std::string> deletable_activities;
    for (const auto& [id, activity] : phone.ledger.activities())
        if (!activity.deleted) deletable_activities.push_back(id);
    auto& random = phone.factory.random();
    std::shuffle(editable.begin(), editable.end(), random);
    std::shuffle(deletable_activities.begin(), deletable_activities.end(), random);
    const auto now = wall_now();
    for (std::size_t i = 0; i < size; ++i) {
        const auto roll = random() % 100;
        if (roll < 10 && !editable.empty()) {
            pb::Observation current;
            wire::to_proto(phone.ledger.observations().at(editable.back()), &current);
            editable.pop_back();
            *request.add_observations() = roll < 7 ? phone.factory.edit(current) : phone.factory.tombstone(current);
        } else if (roll < 12 && !deletable_activities.empty()) {
            pb::CoachingActivity current;
            wire::to_proto(phone.ledger.activities().at(deletable_activities.back()), &current);
            deletable_activities.pop_back();
            *request.add_activities() = phone.factory.tombstone(current);
        } else if (roll < 27) {
            *request.add_activities() = phone.factory.activity(now);
        } else {
            *request.add_observations() = phone.factory.observation(now);
        }
    }
    return request;
}

}  // namespace floorwalk::faults
