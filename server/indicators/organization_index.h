// One organisation's indicator index: what the indicator math needs, kept sorted per employee so that any figure
// at any instant is a short walk over one employee's recent records, never a scan of the observations.
//
// Layout. Employees (and users) are interned to dense numbers. Per employee, his current observations sorted by
// (observed_at, id), as parallel arrays: the times, the ids (16 bytes each, a UUID's value: only ties between two
// observations of one employee in the same millisecond read them), and each observation's ratings (a dimension
// number and a level, 4 bytes), plus the sorted times of the coaching activities naming him. assessment(e, d) at
// `at` is the first observation rating d met walking back from `at`, within the window. About 40 bytes per
// observation of 3 ratings: a 5,000,000-observation organisation fits in about 250 MiB.
// The organisation's units are laid out in depth-first order and its active employees sorted by their unit's
// position, so that a subtree's employees form one contiguous range and each child's range lies inside its
// parent's. Beside that order, flat arrays hold each active employee's newest rating per model dimension and his
// newest observation and participation: a query at or after them (every query "now") reads them sequentially.
// Records are kept per employee, not per unit, so an employee who moves counts in his new unit as soon as the
// organisation is re-read, and nothing needs recomputing.
//
// The learning curve. For the default window and period, each employee's level per dimension, whether he was
// accompanied, and how many observations he had are also kept per ISO week (Timeline::Weekly, on a WeekGrid):
// a record only changes the few weeks its window and period reach, so keeping them is cheap, and a 52-week series
// reads those weeks instead of every record of the year. Other windows walk the records.
//
// Snapshots. save() writes the records (not the organisation data, which is small and read again from the store)
// in a compact byte form that load() reads back much faster than the store could be read: a server that starts,
// or that takes an organisation back after evicting it, answers within seconds at any size.
//
// Threading: not synchronised. The owner (IndicatorService) holds a shared_mutex: const members under a shared
// lock, the others under an exclusive one.
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/indicators.h"
#include "floorwalk/unit_tree.h"
#include "indicators/bucketed_times.h"
#include "indicators/snapshot_io.h"
#include "indicators/week_grid.h"
#include "storage/store.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace floorwalk::server::indicators {

using Millis = std::int64_t;  // milliseconds since the Unix epoch, the precision of Timestamp

// The slowly changing part of an organisation, read from the store (see load_organization_data).
struct OrganizationData {
    std::vector<Unit> units;
    std::vector<Employee> employees;
    std::vector<User> users;
    std::optional<ExperienceModel> model;
    OrganizationSettings settings;
};

[[nodiscard]] OrganizationData load_organization_data(Store& store, const std::string& organization_id);

// A unit in depth-first order. Its subtree is units [position, subtree_end) and active employees
// [first_employee, end_employee).
struct UnitNode {
    Unit unit;
    int position = 0;
    int parent = -1;
    int subtree_end = 0;
    std::vector<int> children;  // positions, in the order the tree lists them
    std::uint32_t first_employee = 0;
    std::uint32_t end_employee = 0;
    [[nodiscard]] int active_employees() const { return static_cast<int>(end_employee - first_employee); }
};

// A user with role MANAGER, whose animation the indicators report.
struct ManagerNode {
    std::string user_id;
    std::string display_name;
    std::uint32_t person = 0;             // interned user number
    std::vector<int> unit_positions;      // his units that exist in the tree
};

class OrganizationIndex {
public:
    // `built_at` places the weekly state's first week (see WeekGrid).
    explicit OrganizationIndex(Timestamp built_at);

    // Loading every stored record at start: the weekly state is filled once at the end, per employee, rather
    // than after each record.
    void begin_bulk_load() { bulk_loading_ = true; }
    void end_bulk_load();

    // Replaces units, employees, users, model and settings; the records already indexed stay, since they are kept
    // per employee: an employee who moved simply counts in his new unit from now on.
    void set_organization(OrganizationData data);

    void add_observation(const Observation& observation);
    void remove_observation(const Observation& observation);
    void add_activity(const CoachingActivity& activity);
    void remove_activity(const CoachingActivity& activity);
    // Applies each change as "remove what counted before, add what counts now".
    void apply(const AppliedChanges& changes);

    [[nodiscard]] const OrganizationSettings& settings() const { return settings_; }
    [[nodiscard]] const ExperienceModel& model() const { return model_; }
    [[nodiscard]] const UnitTree& tree() const { return tree_; }
    [[nodiscard]] const std::vector<UnitNode>& units() const { return units_; }
    [[nodiscard]] const UnitNode* find_unit(const std::string& unit_id) const;
    [[nodiscard]] const UnitNode* root() const { return units_.empty() ? nullptr : &units_.front(); }
    // True when `unit` is `ancestor` or lies below it.
    [[nodiscard]] static bool is_within(const UnitNode& unit, const UnitNode& ancestor) {
        return unit.position >= ancestor.position && unit.position < ancestor.subtree_end;
    }

    // Facts of the active employees of `unit`'s subtree, in unit order: the facts of a child are the sub-range
    // [child.first_employee - unit.first_employee, child.end_employee - unit.first_employee).
    [[nodiscard]] std::vector<EmployeeFacts> facts(const UnitNode& unit, const IndicatorParams& params) const;
    // The slice of `facts` (made for `parent`) that belongs to `unit`, a unit of parent's subtree.
    [[nodiscard]] static std::span<const EmployeeFacts> slice(std::span<const EmployeeFacts> facts,
                                                              const UnitNode& parent, const UnitNode& unit);

    // Everything GET /indicators shows, with the direct children rolled up over their own subtrees.
    [[nodiscard]] UnitIndicators indicators(const UnitNode& unit, const IndicatorParams& params) const;
    // Figures of every unit of `unit`'s subtree (depth-first order, `unit` first), for the CSV export.
    [[nodiscard]] std::vector<std::pair<const UnitNode*, Figures>> subtree_figures(const UnitNode& unit,
                                                                                    const IndicatorParams& params) const;
    // The learning curve: one point per ISO week ending in [from, to], walking each sorted vector once.
    [[nodiscard]] std::vector<SeriesPointFigures> series(const UnitNode& unit, Timestamp from, Timestamp to,
                                                         int window_days) const;

    // Observations of the subtree's active employees in [from, to).
    [[nodiscard]] int observation_count(const UnitNode& unit, Timestamp from, Timestamp to) const;
    // Activities in [from, to) naming at least one active employee of the subtree.
    [[nodiscard]] int activity_count(const UnitNode& unit, Timestamp from, Timestamp to) const;
    // Managers assigned to a unit of the subtree, with their observations and activities in [from, to).
    [[nodiscard]] std::vector<ManagerFigures> managers(const UnitNode& unit, Timestamp from, Timestamp to) const;

    // Sizes, for tests and the benchmark's report.
    [[nodiscard]] std::size_t observation_total() const { return observation_total_; }
    [[nodiscard]] std::size_t activity_total() const { return activities_.size(); }
    // Bytes held by the records (an estimate for the cache's memory budget: allocator overhead is not known).
    [[nodiscard]] std::size_t memory() const;

    // The records and the weekly state, as bytes load() reads back (see the file comment); the organisation data
    // is not in them: call set_organization after load.
    void save(SnapshotWriter& out) const;
    // Replaces the records by a snapshot's; throws SnapshotError (leaving the index empty) when it is not one.
    void load(SnapshotReader& in);

private:
    static constexpr Millis no_time = std::numeric_limits<Millis>::min();
    static constexpr std::int32_t no_level = std::numeric_limits<std::int32_t>::min();
    static constexpr std::int16_t no_weekly_level = std::numeric_limits<std::int16_t>::min();

    // An observation's id as a number: UUIDs compare as their canonical (lower-case) text does. Text that is not
    // a UUID (written by hand into a database) gets a stable stand-in.
    struct Uuid {
        std::uint64_t high = 0;
        std::uint64_t low = 0;
        friend auto operator<=>(const Uuid&, const Uuid&) = default;
    };
    [[nodiscard]] static Uuid uuid_of(const std::string& id);

    struct PackedRating {
        std::uint16_t dimension = 0;  // interned
        std::int16_t level = 0;
    };
    // Per week of grid_, for the default window and period: what the series reads at the week's instant.
    struct Weekly {
        std::vector<std::vector<std::int16_t>> levels;  // per interned dimension: the level, or no_weekly_level
        std::vector<std::uint8_t> accompanied;          // observed or coached in the period ending with the week
        std::vector<std::uint16_t> observations;        // observations made during the week
    };
    // One employee's current records. Observation i is observed[i], ids[i], and the ratings
    // [rating_begin(i), rating_ends[i]); observations are sorted by (observed_at, id).
    struct Timeline {
        std::vector<Millis> observed;
        std::vector<Uuid> ids;
        std::vector<std::uint32_t> rating_ends;
        std::vector<PackedRating> ratings;
        std::vector<Millis> participations;  // occurred_at of every current activity naming him, sorted
        Weekly weekly;

        [[nodiscard]] std::uint32_t rating_begin(std::size_t i) const { return i == 0 ? 0 : rating_ends[i - 1]; }
    };
    struct PersonTimeline {  // a user's own records, as observer or coach
        BucketedTimes observations;
        BucketedTimes activities;
    };
    struct ActiveEmployee {
        std::uint32_t person = 0;  // interned employee number
        std::string id;
        std::string unit_id;
        int unit_position = 0;
    };
    // The newest entry of each (active employee, model dimension) and each active employee's newest records,
    // laid out in the order of active_: a query at or after them (every query "now") reads these flat arrays
    // sequentially and never touches the per-employee vectors.
    struct Newest {
        Millis at = no_time;
        std::int32_t level = 0;
    };
    struct Recent {
        Millis observed = no_time;  // newest observation
        Millis coached = no_time;   // newest participation
        // The employee's sorted observation times (Timeline::observed), so that counting them skips a lookup.
        // refresh_newest runs after every change of that vector, which keeps the pointer valid.
        const Millis* observed_times = nullptr;
        std::size_t observed_count = 0;
    };

    std::uint32_t intern_employee(const std::string& employee_id);
    std::uint32_t intern_user(const std::string& user_id);
    int intern_dimension(const std::string& dimension_id);
    // Brings newest_ and recent_ of one employee up to date with his timeline.
    void refresh_newest(std::uint32_t person);
    // Recomputes the weekly levels of interned dimension d of the weeks whose instant lies in [from, to); a
    // rating at t decides the weeks of [t, t + window).
    void refresh_weekly_levels(Timeline& timeline, std::size_t d, Millis from, Millis to) const;
    // Recomputes the weekly accompanied flags of the weeks whose instant lies in [from, to); a record at t
    // decides the weeks of [t, t + period).
    void refresh_weekly_accompanied(Timeline& timeline, Millis from, Millis to) const;
    void count_weekly_observation(Timeline& timeline, Millis t, int change) const;
    // Fills one employee's whole weekly state from his records.
    void rebuild_weekly(Timeline& timeline) const;
    // Copies weeks [first, first + count) of one employee's weekly state into the series' buffers: levels
    // [week][model dimension] (left alone where there is none), accompanied [week], observations [week] (added).
    void copy_weekly(const Weekly& weekly, std::size_t first, std::size_t count, std::int32_t* levels,
                     std::uint8_t* accompanied, std::size_t* observations) const;

    // The level of interned dimension d at `at`: the newest rating of d at or before `at`, within the window.
    [[nodiscard]] static std::optional<int> level_at(const Timeline& timeline, std::size_t d, Millis at,
                                                     Millis window);
    // A rating seen by the series: when, and which level.
    struct LevelPoint {
        Millis at = 0;
        std::int32_t level = 0;
    };
    // The employee's ratings with a time in (after, until], per model dimension, in (time, id) order.
    void gather_levels(const Timeline& timeline, Millis after, Millis until,
                       std::vector<std::vector<LevelPoint>>& per_dimension) const;
    // Fills `out` (reusing its allocations) with the facts of the subtree's active employees.
    void fill_facts(std::vector<EmployeeFacts>& out, const UnitNode& unit, const IndicatorParams& params) const;
    void fill_identities(std::vector<EmployeeFacts>& out, const UnitNode& unit) const;

    // Records, kept across organisation refreshes.
    std::unordered_map<std::string, std::uint32_t> employee_numbers_;
    std::vector<std::string> employee_ids_;  // by interned number (for snapshots)
    std::vector<Timeline> timelines_;
    std::unordered_map<std::string, std::uint32_t> user_numbers_;
    std::vector<std::string> user_ids_;  // by interned number
    std::vector<PersonTimeline> people_;
    std::unordered_map<std::string, int> dimension_numbers_;
    std::vector<std::string> dimension_ids_;  // by interned number
    std::map<std::pair<Millis, Uuid>, std::vector<std::uint32_t>> activities_;  // (occurred_at, id) -> people
    std::size_t observation_total_ = 0;
    WeekGrid grid_;
    bool bulk_loading_ = false;

    // The organisation, rebuilt by set_organization.
    UnitTree tree_;
    std::vector<UnitNode> units_;  // depth-first order
    std::unordered_map<std::string, int> unit_positions_;
    std::vector<ActiveEmployee> active_;        // sorted by unit position
    std::vector<std::int32_t> active_index_;    // per interned employee: his index in active_, or -1
    std::vector<ManagerNode> managers_;
    ExperienceModel model_;
    std::vector<int> model_dimensions_;  // interned number of each model dimension, in model order
    OrganizationSettings settings_;
    std::vector<Newest> newest_;  // active index * model dimensions + model dimension
    std::vector<Recent> recent_;  // per active index
};

}  // namespace floorwalk::server::indicators
