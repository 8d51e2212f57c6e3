#include "demo/demo_data.h"

#include "auth/password.h"
#include "demo/demo_catalogue.h"
#include "demo/demo_plan.h"

#include <algorithm>
#include <stdexcept>

namespace floorwalk::server {
namespace {

constexpr std::size_t push_batch = 250;

// The demo's rows are fixed: a refused import is a bug in the demo, not bad input.
void require_applied(const ImportResult& result, std::string_view what) {
    if (result.errors.empty()) return;
    const auto& e = result.errors.front();
    throw std::logic_error("the demo's " + std::string(what) + " import was refused (" +
                           std::to_string(result.errors.size()) + " errors), first on row " + std::to_string(e.row) +
                           ", " + e.field + ": " + e.message);
}

void require_stored(const std::vector<PushOutcome>& outcomes, const std::string& username) {
    for (const auto& outcome : outcomes) {
        if (outcome.status == PushStatus::accepted || outcome.status == PushStatus::duplicate) continue;
        throw std::logic_error("a demo record of " + username + " was refused: " + outcome.id + " " +
                               outcome.error_code + ": " + outcome.error_message);
    }
}

bool same_model(ExperienceModel stored, const ExperienceModel& wanted) {
    stored.version = wanted.version;
    return stored == wanted;
}

Caller caller_for(Store& store, const std::string& organization_id, const std::string& username) {
    const auto stored = store.find_user_by_username(organization_id, username);
    if (!stored) throw std::logic_error("demo user " + username + " is missing after its import");
    Caller caller;
    caller.organization_id = organization_id;
    caller.user_id = stored->user.id;
    caller.username = stored->user.username;
    caller.display_name = stored->user.display_name;
    caller.role = stored->user.role;
    caller.unit_ids = stored->user.unit_ids;
    caller.device_id = "demo-generator";
    return caller;
}

// The accounts and their import rows, every password reset to the documented demo password.
std::vector<UserImportRow> demo_users(std::vector<DemoAccount>& accounts) {
    std::vector<UserImportRow> rows;
    auto add = [&](std::string username, std::string name, Role role, std::vector<std::string> units,
                   std::string description) {
        rows.push_back({User{"", username, std::move(name), role, std::move(units)},
                        hash_password(demo::password, HashCost::fast)});
        accounts.push_back({std::move(username), std::string(demo::password), role, std::move(description)});
    };
    add("admin", "Demo Administrator", Role::admin, {}, "administrator: imports and devices");
    add("hq", "Claire Dubois", Role::hq, {}, "HQ analyst, whole organisation");
    for (const auto& director : demo::directors()) {
        std::string regions;
        for (const auto& id : director.region_ids) {
            const auto& all = demo::regions();
            const auto it = std::find_if(all.begin(), all.end(), [&](const auto& r) { return r.id == id; });
            regions += (regions.empty() ? "" : " and ") + it->name;
        }
        add(director.username, director.name, Role::director, director.region_ids, "regional director, " + regions);
    }
    for (const auto& store : demo::stores()) {
        add(store.manager_username, store.manager_name, Role::manager, {store.id}, "store manager, " + store.name);
    }
    return rows;
}

template <typename Record>
std::vector<std::vector<Record>> in_batches(const std::vector<Record>& records) {
    std::vector<std::vector<Record>> batches;
    for (std::size_t i = 0; i < records.size(); i += push_batch) {
        batches.emplace_back(records.begin() + static_cast<std::ptrdiff_t>(i),
                             records.begin() + static_cast<std::ptrdiff_t>(std::min(records.size(), i + push_batch)));
    }
    return batches;
}

void push_history(Store& store, const std::string& organization_id, const demo::DemoPlan& plan, Timestamp now) {
    for (const auto& records : plan.managers) {
        const Caller caller = caller_for(store, organization_id, records.username);
        for (const auto& batch : in_batches(records.observations)) {
            require_stored(store.push(caller, batch, {}, now), records.username);
        }
        for (const auto& batch : in_batches(records.activities)) {
            require_stored(store.push(caller, {}, batch, now), records.username);
        }
        // Edits and deletions come later, as a phone would send them.
        for (const auto& batch : in_batches(records.revisions)) {
            require_stored(store.push(caller, batch, {}, now), records.username);
        }
    }
}

}  // namespace

DemoSummary create_demo(Store& store, Timestamp now, std::uint32_t seed) {
    const Organization organization = store.create_organization(demo::organization_name);
    const std::string& org = organization.id;

    int model_version = 0;
    const auto wanted = demo::model();
    if (const auto latest = store.model(org); latest && same_model(*latest, wanted)) {
        model_version = latest->version;
    } else {
        const auto imported = store.import_model(org, wanted);
        require_applied(imported, "model");
        model_version = imported.applied;
    }
    store.set_settings(org, OrganizationSettings{});

    const demo::DemoPlan plan = demo::plan_demo(now, seed, model_version);
    require_applied(store.import_units(org, plan.units), "units");
    require_applied(store.import_employees(org, plan.employees), "employees");
    DemoSummary summary;
    summary.organization = organization.name;
    require_applied(store.import_users(org, demo_users(summary.accounts)), "users");

    bool has_history = false;
    store.for_each_observation(org, [&](const Observation&) { has_history = true; });
    if (!has_history) {
        push_history(store, org, plan, now);
        require_applied(store.import_kpis(org, plan.kpis), "KPIs");
    }

    summary.units = static_cast<int>(store.units(org).size());
    summary.employees = static_cast<int>(store.employees(org).size());
    store.for_each_observation(org, [&](const Observation&) { ++summary.observations; });
    store.for_each_activity(org, [&](const CoachingActivity&) { ++summary.activities; });
    return summary;
}

}  // namespace floorwalk::server
