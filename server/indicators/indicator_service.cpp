#include "indicators/indicator_service.h"

#include "api/negotiation.h"
#include "indicators/handlers.h"
#include "indicators/organization_index.h"

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

namespace floorwalk::server {
namespace {

using indicators::OrganizationIndex;

Timestamp wall_clock_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace

// One organisation: its index, the lock that guards it, and whether its units/employees/users/model/settings
// must be read again. The store is never called with `mutex` held: the store's writer calls on_applied, which
// takes `mutex`, so a reader holding it while waiting on the store could deadlock.
//
// glibc's shared_mutex lets new readers in while a writer waits, so a steady stream of dashboard queries could hold
// off the writer, and with it every push. Readers therefore pass a turnstile that a waiting writer holds.
struct OrganizationEntry {
    explicit OrganizationEntry(Timestamp built_at) : index(built_at) {}

    std::shared_mutex mutex;
    std::mutex turnstile;
    OrganizationIndex index;
    std::atomic<std::uint64_t> changes{1};  // bumped when the organisation data changes
    std::atomic<std::uint64_t> loaded{0};   // the `changes` value the index's organisation data was read at
    std::mutex refresh;                     // one refresh at a time

    [[nodiscard]] std::shared_lock<std::shared_mutex> read_lock() {
        { std::lock_guard wait_behind_writers(turnstile); }
        return std::shared_lock(mutex);
    }
    [[nodiscard]] std::unique_lock<std::shared_mutex> write_lock() {
        std::lock_guard keep_readers_out(turnstile);
        return std::unique_lock(mutex);
    }
};

struct IndicatorService::Impl {
    Store& store;
    std::function<Timestamp()> clock;
    std::shared_mutex organizations_mutex;
    std::unordered_map<std::string, std::unique_ptr<OrganizationEntry>> organizations;

    OrganizationEntry& entry(const std::string& organization_id) {
        {
            std::shared_lock lock(organizations_mutex);
            if (const auto it = organizations.find(organization_id); it != organizations.end()) return *it->second;
        }
        // An organisation created after start: every record of it reaches the index through on_applied.
        std::unique_lock lock(organizations_mutex);
        auto& slot = organizations[organization_id];
        if (!slot) slot = std::make_unique<OrganizationEntry>(clock());
        return *slot;
    }

    // Reads the organisation data again when it changed since it was last read.
    void refresh(const std::string& organization_id, OrganizationEntry& entry) {
        if (entry.loaded.load() == entry.changes.load()) return;
        std::lock_guard refreshing(entry.refresh);
        const auto wanted = entry.changes.load();
        if (entry.loaded.load() == wanted) return;
        auto data = indicators::load_organization_data(store, organization_id);  // no index lock held
        const auto lock = entry.write_lock();
        entry.index.set_organization(std::move(data));
        entry.loaded.store(wanted);
    }
};

IndicatorService::IndicatorService(Store& store) : IndicatorService(store, wall_clock_now) {}

IndicatorService::IndicatorService(Store& store, std::function<Timestamp()> clock)
    : impl_(std::make_unique<Impl>(store, std::move(clock))) {
    for (const auto& organization : store.organizations()) {
        auto entry = std::make_unique<OrganizationEntry>(impl_->clock());
        entry->index.begin_bulk_load();
        store.for_each_observation(organization.id,
                                   [&](const Observation& observation) { entry->index.add_observation(observation); });
        store.for_each_activity(organization.id,
                                [&](const CoachingActivity& activity) { entry->index.add_activity(activity); });
        entry->index.end_bulk_load();
        entry->index.set_organization(indicators::load_organization_data(store, organization.id));
        entry->loaded.store(entry->changes.load());
        impl_->organizations.emplace(organization.id, std::move(entry));
    }
}

IndicatorService::~IndicatorService() = default;

void IndicatorService::on_applied(const AppliedChanges& changes) {
    auto& entry = impl_->entry(changes.organization_id);
    if (!changes.observations.empty() || !changes.activities.empty()) {
        const auto lock = entry.write_lock();
        entry.index.apply(changes);
    }
    if (changes.organization_changed) entry.changes.fetch_add(1);
}

void IndicatorService::add_routes(Router& router) {
    using Query = Response (*)(const Request&, const indicators::QueryContext&);
    // Each query reads the organisation's index under a shared lock, after reading what it needs from the store
    // (never the other way round: see OrganizationEntry).
    const auto route = [this](Query query) {
        return [this, query](const RouteContext& route) {
            const auto& caller = *route.caller;
            auto& entry = impl_->entry(caller.organization_id);
            impl_->refresh(caller.organization_id, entry);
            const auto lock = entry.read_lock();
            const indicators::QueryContext context{.index = entry.index, .caller = caller, .now = impl_->clock()};
            return query(route.request, context);
        };
    };
    using KpiQuery = Response (*)(const Request&, const indicators::QueryContext&, std::span<const KpiValue>);
    const auto kpi_route = [this](KpiQuery query) {
        return [this, query](const RouteContext& route) {
            const auto& caller = *route.caller;
            const auto kpis = impl_->store.kpis(caller.organization_id);
            auto& entry = impl_->entry(caller.organization_id);
            impl_->refresh(caller.organization_id, entry);
            const auto lock = entry.read_lock();
            const indicators::QueryContext context{.index = entry.index, .caller = caller, .now = impl_->clock()};
            return query(route.request, context, kpis);
        };
    };
    router.add("GET", "/api/v1/indicators", Access::authenticated, route(&indicators::get_indicators));
    router.add("GET", "/api/v1/indicators/series", Access::authenticated, route(&indicators::get_series));
    router.add("GET", "/api/v1/indicators/export.csv", Access::authenticated, route(&indicators::get_export_csv));
    router.add("GET", "/api/v1/indicators/kpi", Access::authenticated, kpi_route(&indicators::get_kpi));
    router.add("GET", "/api/v1/indicators/roi", Access::authenticated, kpi_route(&indicators::get_roi));
}

}  // namespace floorwalk::server
