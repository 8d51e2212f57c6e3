#include "bench_organization.h"

#include "auth/password.h"
#include "floorwalk/uuid.h"

#include <array>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace floorwalk::bench {
namespace {

std::string numbered(const char* prefix, int width, int n) {
    char text[32];
    std::snprintf(text, sizeof text, "%s%0*d", prefix, width, n);
    return text;
}

// Child i of n spread evenly over `parents` parents.
int parent_of(int i, int n, int parents) { return static_cast<int>(static_cast<long long>(i) * parents / n); }

void require(const server::ImportResult& result, const std::string& what) {
    if (result.errors.empty()) return;
    const auto& error = result.errors.front();
    throw std::runtime_error(what + " import failed at row " + std::to_string(error.row) + " (" + error.field +
                             "): " + error.message);
}

}  // namespace

BenchOrganization::BenchOrganization(const BenchOptions& options, Timestamp now) : options_(options), now_(now) {
    units_.push_back({root_id(), "", "Bench retail", UnitKind::organization});
    for (int r = 0; r < options.regions; ++r)
        units_.push_back({region_id(r), root_id(), "Region " + std::to_string(r + 1), UnitKind::region});
    for (int s = 0; s < options.stores; ++s)
        units_.push_back({store_id(s), region_id(parent_of(s, options.stores, options.regions)),
                          "Store " + std::to_string(s + 1), UnitKind::store});
    std::vector<int> team_store(static_cast<std::size_t>(options.teams));
    for (int t = 0; t < options.teams; ++t) {
        team_store[static_cast<std::size_t>(t)] = parent_of(t, options.teams, options.stores);
        units_.push_back({numbered("T", 5, t + 1), store_id(team_store[static_cast<std::size_t>(t)]),
                          "Team " + std::to_string(t + 1), UnitKind::team});
    }
    store_employees_.assign(static_cast<std::size_t>(options.stores), {options.employees, 0});
    for (int e = 0; e < options.employees; ++e) {
        const int team = parent_of(e, options.employees, options.teams);
        employees_.push_back({numbered("E", 6, e + 1), numbered("T", 5, team + 1), "Employee " + std::to_string(e + 1),
                              "Sales advisor", true});
        auto& range = store_employees_[static_cast<std::size_t>(team_store[static_cast<std::size_t>(team)])];
        range.first = std::min(range.first, e);
        range.second = std::max(range.second, e + 1);
    }
}

std::string BenchOrganization::region_id(int region) const { return numbered("R", 4, region + 1); }
std::string BenchOrganization::store_id(int store) const { return numbered("S", 4, store + 1); }
std::string BenchOrganization::manager_username(int store) const { return "manager-" + store_id(store); }

std::string BenchOrganization::create(server::Store& store) const {
    const auto organization = store.create_organization(organization_name);
    require(store.import_units(organization.id, units_), "units");
    require(store.import_employees(organization.id, employees_), "employees");

    ExperienceModel model{.id = "bench-cx", .name = "Bench customer experience"};
    model.scale.levels = {{1, "Discovering"}, {2, "Practising"}, {3, "Mastering"}, {4, "Role model"}};
    model.scale.mastery_threshold = 3;
    for (int d = 1; d <= options_.dimensions; ++d)
        model.dimensions.push_back({"dim" + std::to_string(d), "Dimension " + std::to_string(d), "", {"Behaviour"}});
    require(store.import_model(organization.id, model), "model");

    // One hash for every account: the benchmark measures ingest, not argon2id.
    const auto hash = server::hash_password(bench_password, server::HashCost::fast);
    std::vector<server::UserImportRow> users;
    auto add = [&](std::string username, Role role, std::vector<std::string> unit_ids) {
        server::UserImportRow row;
        row.user.username = username;
        row.user.display_name = "User " + username;
        row.user.role = role;
        row.user.unit_ids = std::move(unit_ids);
        row.password_hash = hash;
        users.push_back(std::move(row));
    };
    add("admin", Role::admin, {});
    add("hq", Role::hq, {});
    for (int s = 0; s < options_.stores; ++s) add(manager_username(s), Role::manager, {store_id(s)});
    require(store.import_users(organization.id, users), "users");
    return organization.id;
}

long long BenchOrganization::batch_count(long long observations) const {
    return (observations + options_.batch - 1) / options_.batch;
}

std::vector<Observation> BenchOrganization::batch(long long index, long long observations) const {
    const long long first = index * options_.batch;
    const long long size = std::min<long long>(options_.batch, observations - first);
    std::mt19937_64 random(options_.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(index));
    const auto [first_employee, end_employee] = store_employees_[static_cast<std::size_t>(batch_store(index))];
    std::uniform_int_distribution<int> employee(first_employee, end_employee - 1);
    constexpr long long year_ms = 365LL * 86'400'000;
    std::uniform_int_distribution<long long> age(3'600'000, year_ms);  // an hour to a year ago
    std::uniform_int_distribution<int> dimension(1, options_.dimensions);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    std::vector<Observation> batch;
    batch.reserve(static_cast<std::size_t>(std::max<long long>(size, 0)));
    for (long long i = 0; i < size; ++i) {
        Observation o;
        const long long ago = age(random);
        o.observed_at = now_ - std::chrono::milliseconds(ago);
        std::array<std::uint8_t, 10> bytes{};
        for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
        o.id = make_uuid_v7(o.observed_at, bytes);
        o.employee_id = employees_[static_cast<std::size_t>(employee(random))].id;
        o.model_version = 1;
        // A learning curve: mastery grows from 30 % a year ago to 70 % now.
        const double mastery = 0.7 - 0.4 * static_cast<double>(ago) / static_cast<double>(year_ms);
        while (o.ratings.size() < 3) {
            const auto id = "dim" + std::to_string(dimension(random));
            bool taken = false;
            for (const auto& rating : o.ratings) taken = taken || rating.dimension_id == id;
            if (taken) continue;
            const int level = unit(random) < mastery ? 3 + static_cast<int>(random() % 2) : 1 + static_cast<int>(random() % 2);
            o.ratings.push_back({id, level});
        }
        batch.push_back(std::move(o));
    }
    return batch;
}

}  // namespace floorwalk::bench
