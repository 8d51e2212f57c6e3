#include "indicators/indicator_service.h"

#include "api/negotiation.h"
#include "indicators/handlers.h"
#include "indicators/organization_index.h"
#include "indicators/snapshot_io.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

namespace floorwalk::server {
namespace {

using indicators::OrganizationIndex;

Timestamp wall_clock_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

long long milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

// Parts of a snapshot in the database: small enough that writing one holds a writer only briefly.
constexpr std::size_t snapshot_part_bytes = 4u << 20;

}  // namespace

// One organisation: its index, where the index stands in the organisation's changes, and the locks around it.
//
// glibc's shared_mutex lets new readers in while a writer waits, so a steady stream of dashboard queries could hold
// off the writer that brings the index forward. Readers therefore pass a turnstile that a waiting writer holds.
struct OrganizationEntry {
    explicit OrganizationEntry(Timestamp now) : index(now) {}

    std::shared_mutex mutex;  // readers share it; applying changes takes it alone
    std::mutex turnstile;
    std::mutex update;        // one load or catch-up at a time; the store is read under it, never under `mutex`
    OrganizationIndex index;
    bool loaded = false;                    // written under `update` and `mutex`
    std::int64_t position = 0;              // the change_seq the index stands at
    std::int64_t data_seq = -1;             // the data_seq of the organisation data it holds
    std::atomic<std::int64_t> saved_seq{-1};  // the change_seq of the newest snapshot known in the database
    std::atomic<std::size_t> memory{0};
    std::atomic<std::int64_t> last_used{0};

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
    IndicatorOptions options;
    mutable std::mutex organizations_mutex;
    std::unordered_map<std::string, std::shared_ptr<OrganizationEntry>> organizations;
    std::atomic<std::int64_t> use_clock{0};
    std::atomic<std::size_t> loads{0};
    std::atomic<std::size_t> snapshot_loads{0};
    std::atomic<std::size_t> evictions{0};
    std::atomic<std::size_t> snapshots_saved{0};
    std::atomic<std::size_t> memory_estimates{0};

    std::mutex wake_mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::thread snapshotter;

    Impl(Store& s, IndicatorOptions o) : store(s), options(std::move(o)) {
        if (!options.clock) options.clock = wall_clock_now;
    }

    std::shared_ptr<OrganizationEntry> entry(const std::string& organization_id) {
        std::lock_guard lock(organizations_mutex);
        auto& slot = organizations[organization_id];
        if (!slot) slot = std::make_shared<OrganizationEntry>(options.clock());
        slot->last_used = ++use_clock;
        return slot;
    }

    void drop(const std::string& organization_id, const OrganizationEntry& entry) {
        std::lock_guard lock(organizations_mutex);
        const auto it = organizations.find(organization_id);
        if (it != organizations.end() && it->second.get() == &entry) organizations.erase(it);
    }

    // The organisation data (units, employees, users, model, settings), at least as new as `data_seq`.
    void refresh_data(const std::string& organization_id, OrganizationEntry& entry, std::int64_t data_seq) {
        auto data = indicators::load_organization_data(store, organization_id);  // no index lock held
        const auto lock = entry.write_lock();
        entry.index.set_organization(std::move(data));
        entry.data_seq = data_seq;
    }

    // A whole index from the current records (no snapshot, or one too far behind to catch up from).
    void load_records(const std::string& organization_id, OrganizationIndex& index, ChangePosition& position) {
        index.begin_bulk_load();
        position = store.load_current_records(
            organization_id, [&](const Observation& observation) { index.add_observation(observation); },
            [&](const CoachingActivity& activity) { index.add_activity(activity); });
        index.end_bulk_load();
    }

    // Reads the newest snapshot into `index`; false (index empty) when there is none usable.
    bool load_snapshot(const std::string& organization_id, OrganizationIndex& index, std::int64_t now,
                       std::int64_t& position) {
        const auto snapshot = store.indicator_snapshot(organization_id);
        if (!snapshot) return false;
        // Numbered past `now`: saved by another server since `now` was read (its position is committed, and a
        // query may reflect more than it must), or left by a database restored from an older backup, whose
        // organisation stands before it: never trust that one.
        if (snapshot->change_seq > now && snapshot->change_seq > store.change_position(organization_id).change_seq)
            return false;
        try {
            int part = 0;
            indicators::SnapshotReader reader([&]() -> std::optional<std::string> {
                if (part == snapshot->parts) return std::nullopt;
                return store.indicator_snapshot_part(organization_id, snapshot->snapshot_id, part++);
            });
            index.load(reader);
            position = snapshot->change_seq;
            return true;
        } catch (const std::exception& error) {
            std::fprintf(stderr, "floorwalk-server: indicator snapshot of %s not used (%s): rebuilding from records\n",
                         organization_id.c_str(), error.what());
            return false;
        }
    }

    // Loads the organisation: its newest snapshot and the changes after it, or its current records.
    void load(const std::string& organization_id, OrganizationEntry& entry, const ChangePosition& now) {
        const auto start = std::chrono::steady_clock::now();
        auto index = std::make_unique<OrganizationIndex>(options.clock());
        std::int64_t position = 0;
        bool from_snapshot = load_snapshot(organization_id, *index, now.change_seq, position);
        // Catching up a few changes beats reading every record; far behind, the records are read.
        if (from_snapshot && now.change_seq - position > rebuild_gap(*index)) {
            index = std::make_unique<OrganizationIndex>(options.clock());
            from_snapshot = false;
        }
        if (!from_snapshot) {
            ChangePosition read;
            load_records(organization_id, *index, read);
            position = read.change_seq;
        }
        {
            const auto lock = entry.write_lock();
            entry.index = std::move(*index);
            entry.position = position;
            entry.loaded = true;
            entry.saved_seq = from_snapshot ? position : -1;
        }
        refresh_data(organization_id, entry, now.data_seq);
        ++loads;
        if (from_snapshot) ++snapshot_loads;
        std::fprintf(stderr, "floorwalk-server: indicators of organisation %s loaded from %s in %lld ms (%zu observations)\n",
                     organization_id.c_str(), from_snapshot ? "a snapshot" : "its records", milliseconds_since(start),
                     entry.index.observation_total());
    }

    // How many changes behind the records are read again rather than the changes applied.
    static std::int64_t rebuild_gap(const OrganizationIndex& index) {
        return std::max<std::int64_t>(200'000, static_cast<std::int64_t>(index.observation_total() / 4));
    }

    // Brings the index forward to `to`, reading the changes numbered since its position.
    void catch_up(const std::string& organization_id, OrganizationEntry& entry, std::int64_t to) {
        if (to - entry.position > rebuild_gap(entry.index)) {
            auto index = std::make_unique<OrganizationIndex>(options.clock());
            ChangePosition read;
            load_records(organization_id, *index, read);
            auto data = indicators::load_organization_data(store, organization_id);
            index->set_organization(std::move(data));
            {
                const auto lock = entry.write_lock();
                entry.index = std::move(*index);
                entry.position = read.change_seq;
            }
            // The records may come from a read replica at a position before `to`: the changes after it follow.
            if (entry.position >= to) return;
        }
        // `to` comes from the primary (change_position); a read replica serves these changes only once it holds
        // every one up to `to` (Store::record_changes, sync/replica_reads.h). No index lock is held.
        const auto changes = store.record_changes(organization_id, entry.position, to);
        const auto lock = entry.write_lock();
        entry.index.apply(changes);
        entry.position = to;
    }

    void bring_up_to_date(const std::string& organization_id, OrganizationEntry& entry) {
        std::lock_guard update(entry.update);
        bool changed = false;
        try {
            // Read after the query began: every push acknowledged before it is numbered up to here.
            const auto now = store.change_position(organization_id);
            if (!entry.loaded) {
                load(organization_id, entry, now);
                changed = true;
            } else if (now.data_seq > entry.data_seq) {
                refresh_data(organization_id, entry, now.data_seq);
                changed = true;
            }
            if (now.change_seq > entry.position) {
                catch_up(organization_id, entry, now.change_seq);
                changed = true;
            }
        } catch (...) {
            // Whatever the index holds now may be half of a change: forget it, and rebuild on the next query.
            drop(organization_id, entry);
            throw;
        }
        // The estimate walks every employee's and manager's records (milliseconds for 10,000 employees, more
        // than a store's query itself): only a change can move it.
        if (!changed) return;
        entry.memory = entry.index.memory();
        ++memory_estimates;
        evict_over_budget(organization_id);
    }

    void evict_over_budget(const std::string& keep) {
        std::lock_guard lock(organizations_mutex);
        while (true) {
            std::size_t total = 0;
            for (const auto& [id, entry] : organizations) total += entry->memory;
            if (total <= options.memory_budget || organizations.size() <= 1) return;
            auto victim = organizations.end();
            for (auto it = organizations.begin(); it != organizations.end(); ++it) {
                if (it->first == keep) continue;
                if (victim == organizations.end() || it->second->last_used < victim->second->last_used) victim = it;
            }
            if (victim == organizations.end()) return;
            // Queries still reading it keep it alive (shared_ptr) until they end.
            organizations.erase(victim);
            ++evictions;
        }
    }

    bool wants_snapshot(const OrganizationEntry& entry) const {
        const auto total = static_cast<std::int64_t>(entry.index.observation_total());
        const auto moved = entry.position - entry.saved_seq.load();
        if (entry.saved_seq < 0) return total >= 1'000;  // a small organisation loads from its records at once
        return moved >= std::max(options.snapshot_after_changes, total / 20);
    }

    // Writes the index to a temporary file under a read lock (a fraction of a second), then copies the file into
    // the database part by part without any lock: queries and updates go on meanwhile.
    void save_snapshot(const std::string& organization_id, OrganizationEntry& entry) {
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
        if (!file) throw std::runtime_error("no temporary file for an indicator snapshot");
        std::int64_t position = 0;
        {
            const auto lock = entry.read_lock();
            if (!entry.loaded) return;
            position = entry.position;
            indicators::SnapshotWriter writer(
                [&](std::string_view part) {
                    if (std::fwrite(part.data(), 1, part.size(), file.get()) != part.size())
                        throw std::runtime_error("cannot write an indicator snapshot to a temporary file");
                },
                snapshot_part_bytes);
            entry.index.save(writer);
            writer.finish();
        }
        std::rewind(file.get());
        store.save_indicator_snapshot(organization_id, position, [&]() -> std::optional<std::string> {
            std::string part(snapshot_part_bytes, '\0');
            const auto read = std::fread(part.data(), 1, part.size(), file.get());
            if (read == 0) return std::nullopt;
            part.resize(read);
            return part;
        });
        entry.saved_seq = position;
        ++snapshots_saved;
    }

    void save_snapshots(bool only_wanted) {
        std::vector<std::pair<std::string, std::shared_ptr<OrganizationEntry>>> held;
        {
            std::lock_guard lock(organizations_mutex);
            held.assign(organizations.begin(), organizations.end());
        }
        for (auto& [id, entry] : held) {
            bool save = false;
            {
                const auto lock = entry->read_lock();
                save = entry->loaded && (only_wanted ? wants_snapshot(*entry) : entry->position > entry->saved_seq);
            }
            if (!save) continue;
            try {
                save_snapshot(id, *entry);
            } catch (const std::exception& error) {
                // A snapshot only saves time: the next start reads the records instead.
                std::fprintf(stderr, "floorwalk-server: indicator snapshot of %s not saved: %s\n", id.c_str(),
                             error.what());
            }
        }
    }

    void run_snapshotter() {
        std::unique_lock lock(wake_mutex);
        while (!stopping) {
            wake.wait_for(lock, options.snapshot_interval, [this] { return stopping; });
            if (stopping) return;
            lock.unlock();
            save_snapshots(true);
            lock.lock();
        }
    }
};

IndicatorService::IndicatorService(Store& store, IndicatorOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {
    if (impl_->options.snapshot_interval.count() > 0) impl_->snapshotter = std::thread([this] { impl_->run_snapshotter(); });
}

IndicatorService::~IndicatorService() {
    {
        std::lock_guard lock(impl_->wake_mutex);
        impl_->stopping = true;
    }
    impl_->wake.notify_all();
    if (impl_->snapshotter.joinable()) impl_->snapshotter.join();
}

void IndicatorService::prepare(const std::string& organization_id) {
    auto entry = impl_->entry(organization_id);
    impl_->bring_up_to_date(organization_id, *entry);
}

void IndicatorService::save_snapshots() { impl_->save_snapshots(false); }

IndicatorService::Status IndicatorService::status() const {
    Status status;
    {
        std::lock_guard lock(impl_->organizations_mutex);
        status.organizations = impl_->organizations.size();
        for (const auto& [id, entry] : impl_->organizations) status.memory += entry->memory;
    }
    status.loads = impl_->loads;
    status.snapshot_loads = impl_->snapshot_loads;
    status.evictions = impl_->evictions;
    status.snapshots_saved = impl_->snapshots_saved;
    status.memory_estimates = impl_->memory_estimates;
    return status;
}

void IndicatorService::add_routes(Router& router) {
    using Query = Response (*)(const Request&, const indicators::QueryContext&);
    // Each query brings the organisation's index up to date (reading the store, no index lock held), then reads
    // it under a shared lock.
    const auto route = [this](Query query) {
        return [this, query](const RouteContext& route) {
            const auto& caller = *route.caller;
            auto entry = impl_->entry(caller.organization_id);
            impl_->bring_up_to_date(caller.organization_id, *entry);
            const auto lock = entry->read_lock();
            const indicators::QueryContext context{.index = entry->index, .caller = caller, .now = impl_->options.clock()};
            return query(route.request, context);
        };
    };
    using KpiQuery = Response (*)(const Request&, const indicators::QueryContext&, std::span<const KpiValue>);
    const auto kpi_route = [this](KpiQuery query) {
        return [this, query](const RouteContext& route) {
            const auto& caller = *route.caller;
            const auto kpis = impl_->store.kpis(caller.organization_id);
            auto entry = impl_->entry(caller.organization_id);
            impl_->bring_up_to_date(caller.organization_id, *entry);
            const auto lock = entry->read_lock();
            const indicators::QueryContext context{.index = entry->index, .caller = caller, .now = impl_->options.clock()};
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
