#include "indicators/organization_index.h"

#include "floorwalk/time.h"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>

namespace floorwalk::server::indicators {
namespace {

constexpr Millis millis_per_day = 86'400'000;
// The window and period the weekly state is kept for: the defaults of /indicators/series.
constexpr Millis weekly_window = default_window_days * millis_per_day;
constexpr Millis weekly_period = default_period_days * millis_per_day;

Millis millis(Timestamp t) { return t.time_since_epoch().count(); }

// The first position in sorted [begin, end) for which `before` is false (it holds for a prefix), searched from the
// end with growing steps: the indicators mostly ask about recent times, which lie near the end, so this touches a
// few cache lines at the end instead of a binary search's spread over the whole vector.
template <typename It, typename Before>
It lower_bound_from_end(It begin, It end, Before before) {
    std::size_t step = 1;
    It high = end;
    while (static_cast<std::size_t>(high - begin) >= step && !before(*(high - step))) {
        high -= step;
        step *= 2;
    }
    const It low = static_cast<std::size_t>(high - begin) >= step ? high - step : begin;
    return std::partition_point(low, high, [&](const auto& element) { return before(element); });
}

// The first of the sorted times [begin, end) that is not before `value`.
const Millis* first_not_before(const Millis* begin, const Millis* end, Millis value) {
    return lower_bound_from_end(begin, end, [value](Millis element) { return element < value; });
}

// Number of values in [from, to) of the sorted times [begin, begin + size).
std::size_t count_between(const Millis* begin, std::size_t size, Millis from, Millis to) {
    if (from >= to || size == 0) return 0;
    const Millis* end = begin + size;
    if (end[-1] >= to) end = first_not_before(begin, end, to);
    return static_cast<std::size_t>(end - first_not_before(begin, end, from));
}

// True when a sorted vector whose greatest value is `last` (no_time when empty) holds a value in [from, to).
bool any_between(Millis last, const std::vector<Millis>& sorted, Millis from, Millis to) {
    if (from >= to || last == std::numeric_limits<Millis>::min()) return false;
    if (last < to) return last >= from;  // queries "now": no search, not even a look at the vector
    const Millis* end = sorted.data() + sorted.size();
    const Millis* it = first_not_before(sorted.data(), end, from);
    return it != end && *it < to;
}

// From `position`, the first element of `sorted` for which `before` is false (it holds for a prefix), searched
// forward with growing steps: cheap when the answer is near `position`, logarithmic when it is far.
template <typename T, typename Before>
std::uint32_t gallop(const std::vector<T>& sorted, std::uint32_t position, Before before) {
    const std::size_t size = sorted.size();
    if (position >= size || !before(sorted[position])) return position;
    std::size_t low = position;  // before(sorted[low]) holds
    std::size_t step = 1;
    while (low + step < size && before(sorted[low + step])) {
        low += step;
        step *= 2;
    }
    const auto high = std::min(low + step, size);
    return static_cast<std::uint32_t>(
        std::partition_point(sorted.begin() + static_cast<std::ptrdiff_t>(low) + 1,
                             sorted.begin() + static_cast<std::ptrdiff_t>(high), before) -
        sorted.begin());
}

// True when the sorted times hold one in [from, to).
bool holds_between(const std::vector<Millis>& sorted, Millis from, Millis to) {
    return any_between(sorted.empty() ? std::numeric_limits<Millis>::min() : sorted.back(), sorted, from, to);
}

// Sets week `index` of a weekly vector that is `empty` past its end, growing it only for a value that is not.
template <typename T>
void set_week(std::vector<T>& weeks, std::size_t index, T value, T empty) {
    if (index >= weeks.size()) {
        if (value == empty) return;
        weeks.resize(index + 1, empty);
    }
    weeks[index] = value;
}

void insert_sorted(std::vector<Millis>& sorted, Millis value) {
    // Records mostly come in time order (phones push oldest first, the store is read in id order, ids are
    // UUIDv7): appending needs no search.
    if (sorted.empty() || sorted.back() <= value) {
        sorted.push_back(value);
        return;
    }
    sorted.insert(std::ranges::upper_bound(sorted, value), value);
}

void erase_one(std::vector<Millis>& sorted, Millis value) {
    const auto it = std::ranges::lower_bound(sorted, value);
    if (it != sorted.end() && *it == value) sorted.erase(it);
}

}  // namespace

OrganizationData load_organization_data(Store& store, const std::string& organization_id) {
    OrganizationData data;
    data.units = store.units(organization_id);
    data.employees = store.employees(organization_id);
    data.users = store.users(organization_id);
    data.model = store.model(organization_id);
    data.settings = store.settings(organization_id);
    return data;
}

OrganizationIndex::OrganizationIndex(Timestamp built_at) : grid_(millis(built_at)) {}

void OrganizationIndex::end_bulk_load() {
    bulk_loading_ = false;
    for (auto& timeline : timelines_) rebuild_weekly(timeline);
}

// ------------------------------------------------------------------------------------------------------------
// Interning

std::uint32_t OrganizationIndex::intern_employee(const std::string& employee_id) {
    const auto [it, inserted] =
        employee_numbers_.try_emplace(employee_id, static_cast<std::uint32_t>(timelines_.size()));
    if (inserted) {
        timelines_.emplace_back();
        active_index_.push_back(-1);
    }
    return it->second;
}

std::uint32_t OrganizationIndex::intern_user(const std::string& user_id) {
    const auto [it, inserted] = user_numbers_.try_emplace(user_id, static_cast<std::uint32_t>(people_.size()));
    if (inserted) people_.emplace_back();
    return it->second;
}

int OrganizationIndex::intern_dimension(const std::string& dimension_id) {
    return dimension_numbers_.try_emplace(dimension_id, static_cast<int>(dimension_numbers_.size())).first->second;
}

std::uint32_t OrganizationIndex::allocate_slot(const std::string& observation_id) {
    if (!free_slots_.empty()) {
        const auto slot = free_slots_.back();
        free_slots_.pop_back();
        ids_[slot] = observation_id;
        return slot;
    }
    ids_.push_back(observation_id);
    return static_cast<std::uint32_t>(ids_.size() - 1);
}

void OrganizationIndex::release_slot(std::uint32_t slot) {
    ids_[slot].clear();
    ids_[slot].shrink_to_fit();
    free_slots_.push_back(slot);
}

bool OrganizationIndex::entry_before(const LevelEntry& entry, Millis at, const std::string& id) const {
    if (entry.at != at) return entry.at < at;
    return ids_[entry.slot] < id;
}

void OrganizationIndex::refresh_newest(std::uint32_t person) {
    const auto index = active_index_[person];
    if (index < 0) return;
    const auto& timeline = timelines_[person];
    Newest* newest = &newest_[static_cast<std::size_t>(index) * model_dimensions_.size()];
    for (std::size_t k = 0; k < model_dimensions_.size(); ++k) {
        const auto d = static_cast<std::size_t>(model_dimensions_[k]);
        newest[k] = d < timeline.levels.size() && !timeline.levels[d].empty()
                        ? Newest{timeline.levels[d].back().at, timeline.levels[d].back().level}
                        : Newest{};
    }
    auto& recent = recent_[static_cast<std::size_t>(index)];
    recent.observed = timeline.observed.empty() ? no_time : timeline.observed.back();
    recent.coached = timeline.participations.empty() ? no_time : timeline.participations.back();
    recent.observed_times = timeline.observed.data();
    recent.observed_count = timeline.observed.size();
}

// ------------------------------------------------------------------------------------------------------------
// Weekly state (see Weekly and WeekGrid)

void OrganizationIndex::refresh_weekly_levels(Timeline& timeline, std::size_t d, Millis from, Millis to) const {
    const auto weeks = grid_.weeks_with_instant_in(from, to);
    if (weeks.first == weeks.end || d >= timeline.levels.size()) return;
    if (timeline.weekly.levels.size() <= d) timeline.weekly.levels.resize(d + 1);
    auto& levels = timeline.weekly.levels[d];
    for (auto w = weeks.first; w < weeks.end; ++w)
        set_week(levels, w, level_at(timeline.levels[d], grid_.instant(w), weekly_window).value_or(no_level), no_level);
}

void OrganizationIndex::refresh_weekly_accompanied(Timeline& timeline, Millis from, Millis to) const {
    // Week w's period is [instant + 1 - period, instant + 1): it holds t when its instant is in [t, t + period).
    const auto weeks = grid_.weeks_with_instant_in(from, to);
    for (auto w = weeks.first; w < weeks.end; ++w) {
        const Millis end = grid_.instant(w) + 1;
        const bool accompanied = holds_between(timeline.observed, end - weekly_period, end) ||
                                 holds_between(timeline.participations, end - weekly_period, end);
        set_week<std::uint8_t>(timeline.weekly.accompanied, w, accompanied ? 1 : 0, 0);
    }
}

void OrganizationIndex::count_weekly_observation(Timeline& timeline, Millis t, int change) const {
    const auto index = grid_.index_holding(t);
    if (index < 0) return;
    auto& observations = timeline.weekly.observations;
    if (static_cast<std::size_t>(index) >= observations.size()) observations.resize(static_cast<std::size_t>(index) + 1, 0);
    observations[static_cast<std::size_t>(index)] += static_cast<std::uint32_t>(change);
}

void OrganizationIndex::rebuild_weekly(Timeline& timeline) const {
    timeline.weekly = Weekly{};
    for (std::size_t d = 0; d < timeline.levels.size(); ++d) {
        const auto& entries = timeline.levels[d];
        if (!entries.empty()) refresh_weekly_levels(timeline, d, entries.front().at, entries.back().at + weekly_window);
    }
    const auto& observed = timeline.observed;
    const auto& coached = timeline.participations;
    if (!observed.empty() || !coached.empty()) {
        const Millis first = std::min(observed.empty() ? coached.front() : observed.front(),
                                      coached.empty() ? observed.front() : coached.front());
        const Millis last = std::max(observed.empty() ? coached.back() : observed.back(),
                                     coached.empty() ? observed.back() : coached.back());
        refresh_weekly_accompanied(timeline, first, last + weekly_period);
    }
    for (const Millis t : observed) count_weekly_observation(timeline, t, +1);
}

// ------------------------------------------------------------------------------------------------------------
// Organisation

void OrganizationIndex::set_organization(OrganizationData data) {
    tree_ = UnitTree(std::move(data.units));
    settings_ = data.settings;
    model_ = data.model.value_or(ExperienceModel{});
    model_dimensions_.clear();
    for (const auto& dimension : model_.dimensions) model_dimensions_.push_back(intern_dimension(dimension.id));

    // Depth-first layout from the root (iterative: the tree may be deep); units off the tree (which validation
    // forbids) count nowhere.
    units_.clear();
    unit_positions_.clear();
    const auto placed = tree_.depth_first();
    units_.reserve(placed.size());
    for (std::size_t position = 0; position < placed.size(); ++position) {
        const auto& unit = placed[position];
        units_.push_back(UnitNode{.unit = *unit.unit,
                                  .position = static_cast<int>(position),
                                  .parent = unit.parent,
                                  .subtree_end = unit.subtree_end});
        unit_positions_.emplace(unit.unit->id, static_cast<int>(position));
        if (unit.parent >= 0) units_[static_cast<std::size_t>(unit.parent)].children.push_back(static_cast<int>(position));
    }

    // Active employees, grouped by unit in depth-first order.
    active_.clear();
    std::ranges::fill(active_index_, -1);
    for (const auto& employee : data.employees) {
        const auto person = intern_employee(employee.id);
        if (!employee.active) continue;
        const auto unit = unit_positions_.find(employee.unit_id);
        if (unit == unit_positions_.end() || active_index_[person] >= 0) continue;  // a repeated row counts once
        active_index_[person] = 0;
        active_.push_back(ActiveEmployee{person, employee.id, employee.unit_id, unit->second});
    }
    std::ranges::sort(active_, [](const ActiveEmployee& a, const ActiveEmployee& b) {
        return std::tie(a.unit_position, a.id) < std::tie(b.unit_position, b.id);
    });
    newest_.assign(active_.size() * model_dimensions_.size(), Newest{});
    recent_.assign(active_.size(), Recent{});
    for (std::size_t i = 0; i < active_.size(); ++i) {
        active_index_[active_[i].person] = static_cast<std::int32_t>(i);
        refresh_newest(active_[i].person);
    }
    // Each subtree is a contiguous range; walk units backwards so children are done before parents.
    std::vector<std::uint32_t> first(units_.size() + 1, static_cast<std::uint32_t>(active_.size()));
    for (std::size_t i = active_.size(); i-- > 0;)
        first[static_cast<std::size_t>(active_[i].unit_position)] = static_cast<std::uint32_t>(i);
    for (std::size_t u = units_.size(); u-- > 0;) first[u] = std::min(first[u], first[u + 1]);
    for (auto& node : units_) {
        node.first_employee = first[static_cast<std::size_t>(node.position)];
        node.end_employee = first[static_cast<std::size_t>(node.subtree_end)];
    }

    managers_.clear();
    for (const auto& user : data.users) {
        if (user.role != Role::manager) continue;
        ManagerNode manager{.user_id = user.id, .display_name = user.display_name, .person = intern_user(user.id)};
        for (const auto& unit_id : user.unit_ids)
            if (const auto it = unit_positions_.find(unit_id); it != unit_positions_.end())
                manager.unit_positions.push_back(it->second);
        managers_.push_back(std::move(manager));
    }
    // The order the indicators list them in.
    std::ranges::sort(managers_, [](const ManagerNode& a, const ManagerNode& b) {
        return std::tie(a.display_name, a.user_id) < std::tie(b.display_name, b.user_id);
    });
    managers_.erase(std::unique(managers_.begin(), managers_.end(),
                                [](const ManagerNode& a, const ManagerNode& b) { return a.user_id == b.user_id; }),
                    managers_.end());
}

const UnitNode* OrganizationIndex::find_unit(const std::string& unit_id) const {
    const auto it = unit_positions_.find(unit_id);
    return it == unit_positions_.end() ? nullptr : &units_[static_cast<std::size_t>(it->second)];
}

// ------------------------------------------------------------------------------------------------------------
// Records

void OrganizationIndex::add_observation(const Observation& observation) {
    if (observation.deleted) return;
    const Millis at = millis(observation.observed_at);
    const auto person = intern_employee(observation.employee_id);
    auto& timeline = timelines_[person];
    insert_sorted(timeline.observed, at);
    people_[intern_user(observation.observer_id)].observations.insert(at);
    ++observation_total_;
    if (!observation.ratings.empty()) {
        const auto slot = allocate_slot(observation.id);
        for (const auto& rating : observation.ratings) {
            const auto dimension = static_cast<std::size_t>(intern_dimension(rating.dimension_id));
            if (timeline.levels.size() <= dimension) timeline.levels.resize(dimension + 1);
            auto& entries = timeline.levels[dimension];
            if (entries.empty() || entry_before(entries.back(), at, observation.id)) {
                entries.push_back(LevelEntry{at, slot, rating.level});  // in time order: no search (see insert_sorted)
                continue;
            }
            const auto it = std::partition_point(entries.begin(), entries.end(), [&](const LevelEntry& entry) {
                return entry_before(entry, at, observation.id);
            });
            entries.insert(it, LevelEntry{at, slot, rating.level});
        }
    }
    if (!bulk_loading_) {
        for (const auto& rating : observation.ratings)
            refresh_weekly_levels(timeline, static_cast<std::size_t>(intern_dimension(rating.dimension_id)), at,
                                  at + weekly_window);
        refresh_weekly_accompanied(timeline, at, at + weekly_period);
        count_weekly_observation(timeline, at, +1);
    }
    refresh_newest(person);
}

void OrganizationIndex::remove_observation(const Observation& observation) {
    const auto found = employee_numbers_.find(observation.employee_id);
    if (found == employee_numbers_.end()) return;
    const auto person = found->second;
    const Millis at = millis(observation.observed_at);
    auto& timeline = timelines_[person];
    const auto observed = std::ranges::lower_bound(timeline.observed, at);
    if (observed == timeline.observed.end() || *observed != at) return;  // not indexed
    timeline.observed.erase(observed);
    if (const auto user = user_numbers_.find(observation.observer_id); user != user_numbers_.end())
        people_[user->second].observations.erase(at);
    --observation_total_;

    std::optional<std::uint32_t> slot;
    for (const auto& rating : observation.ratings) {
        const auto dimension = dimension_numbers_.find(rating.dimension_id);
        if (dimension == dimension_numbers_.end()) continue;
        const auto d = static_cast<std::size_t>(dimension->second);
        if (d >= timeline.levels.size()) continue;
        auto& entries = timeline.levels[d];
        const auto it = std::partition_point(entries.begin(), entries.end(), [&](const LevelEntry& entry) {
            return entry_before(entry, at, observation.id);
        });
        if (it == entries.end() || it->at != at || ids_[it->slot] != observation.id) continue;
        slot = it->slot;
        entries.erase(it);
        if (!bulk_loading_) refresh_weekly_levels(timeline, d, at, at + weekly_window);
    }
    if (slot) release_slot(*slot);
    if (!bulk_loading_) {
        refresh_weekly_accompanied(timeline, at, at + weekly_period);
        count_weekly_observation(timeline, at, -1);
    }
    refresh_newest(person);
}

void OrganizationIndex::add_activity(const CoachingActivity& activity) {
    if (activity.deleted) return;
    const Millis at = millis(activity.occurred_at);
    auto [it, inserted] = activities_.try_emplace({at, activity.id});
    if (!inserted) return;  // already indexed
    for (const auto& participant : activity.participant_ids) {
        const auto person = intern_employee(participant);
        // A participant named twice is still one participation.
        if (std::ranges::find(it->second, person) != it->second.end()) continue;
        it->second.push_back(person);
        insert_sorted(timelines_[person].participations, at);
        if (!bulk_loading_)
            refresh_weekly_accompanied(timelines_[person], at, at + weekly_period);
        refresh_newest(person);
    }
    people_[intern_user(activity.manager_id)].activities.insert(at);
}

void OrganizationIndex::remove_activity(const CoachingActivity& activity) {
    const Millis at = millis(activity.occurred_at);
    const auto it = activities_.find({at, activity.id});
    if (it == activities_.end()) return;
    for (const auto person : it->second) {
        erase_one(timelines_[person].participations, at);
        if (!bulk_loading_)
            refresh_weekly_accompanied(timelines_[person], at, at + weekly_period);
        refresh_newest(person);
    }
    activities_.erase(it);
    if (const auto user = user_numbers_.find(activity.manager_id); user != user_numbers_.end())
        people_[user->second].activities.erase(at);
}

void OrganizationIndex::apply(const AppliedChanges& changes) {
    for (const auto& change : changes.observations) {
        if (change.before) remove_observation(*change.before);
        if (change.after) add_observation(*change.after);
    }
    for (const auto& change : changes.activities) {
        if (change.before) remove_activity(*change.before);
        if (change.after) add_activity(*change.after);
    }
}

// ------------------------------------------------------------------------------------------------------------
// Queries

std::optional<int> OrganizationIndex::level_at(const std::vector<LevelEntry>& entries, Millis at, Millis window) {
    // The last entry at or before `at`; entries with the same time are ordered by id, so it has the greatest.
    const auto after = lower_bound_from_end(entries.begin(), entries.end(),
                                            [at](const LevelEntry& entry) { return entry.at <= at; });
    if (after == entries.begin()) return std::nullopt;
    const auto& latest = *std::prev(after);
    if (latest.at <= at - window) return std::nullopt;
    return latest.level;
}

void OrganizationIndex::fill_identities(std::vector<EmployeeFacts>& out, const UnitNode& unit) const {
    out.resize(static_cast<std::size_t>(unit.active_employees()));
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto& employee = active_[unit.first_employee + i];
        out[i].employee_id = employee.id;
        out[i].unit_id = employee.unit_id;
        out[i].levels.resize(model_dimensions_.size());
        out[i].accompanied = false;
    }
}

void OrganizationIndex::fill_facts(std::vector<EmployeeFacts>& out, const UnitNode& unit,
                                   const IndicatorParams& params) const {
    fill_identities(out, unit);
    const Millis at = millis(params.at);
    const Millis window = static_cast<Millis>(params.window_days) * millis_per_day;
    const Millis from = millis(params.from);
    const Millis to = millis(params.to);
    const std::size_t dimensions = model_dimensions_.size();
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::size_t index = unit.first_employee + i;
        const Newest* newest = &newest_[index * dimensions];
        auto& facts = out[i];
        for (std::size_t k = 0; k < dimensions; ++k) {
            if (newest[k].at == no_time) {
                facts.levels[k] = std::nullopt;  // never rated on this dimension
            } else if (newest[k].at <= at) {
                facts.levels[k] = newest[k].at > at - window ? std::optional<int>(newest[k].level) : std::nullopt;
            } else {
                const auto& timeline = timelines_[active_[index].person];
                facts.levels[k] =
                    level_at(timeline.levels[static_cast<std::size_t>(model_dimensions_[k])], at, window);
            }
        }
        const Recent& recent = recent_[index];
        const auto& timeline = timelines_[active_[index].person];  // only read when a search is needed
        facts.accompanied = any_between(recent.observed, timeline.observed, from, to) ||
                            any_between(recent.coached, timeline.participations, from, to);
    }
}

std::vector<EmployeeFacts> OrganizationIndex::facts(const UnitNode& unit, const IndicatorParams& params) const {
    std::vector<EmployeeFacts> out;
    fill_facts(out, unit, params);
    return out;
}

std::span<const EmployeeFacts> OrganizationIndex::slice(std::span<const EmployeeFacts> facts,
                                                        const UnitNode& parent, const UnitNode& unit) {
    return facts.subspan(unit.first_employee - parent.first_employee, unit.end_employee - unit.first_employee);
}

UnitIndicators OrganizationIndex::indicators(const UnitNode& unit, const IndicatorParams& params) const {
    // One buffer per thread: a query at the root reuses the previous query's allocations.
    thread_local std::vector<EmployeeFacts> all;
    fill_facts(all, unit, params);
    UnitIndicators result;
    result.unit_id = unit.unit.id;
    result.unit_name = unit.unit.name;
    result.figures = roll_up(model_, all);
    result.observations = observation_count(unit, params.from, params.to);
    result.activities = activity_count(unit, params.from, params.to);
    result.managers = managers(unit, params.from, params.to);
    result.active_manager_rate = active_manager_rate(result.managers);
    for (const int position : unit.children) {
        const auto& child = units_[static_cast<std::size_t>(position)];
        result.children.push_back(ChildFigures{.unit_id = child.unit.id,
                                               .unit_name = child.unit.name,
                                               .kind = child.unit.kind,
                                               .figures = roll_up(model_, slice(all, unit, child))});
    }
    return result;
}

std::vector<std::pair<const UnitNode*, Figures>> OrganizationIndex::subtree_figures(
    const UnitNode& unit, const IndicatorParams& params) const {
    thread_local std::vector<EmployeeFacts> all;
    fill_facts(all, unit, params);
    std::vector<std::pair<const UnitNode*, Figures>> result;
    for (int position = unit.position; position < unit.subtree_end; ++position) {
        const auto& node = units_[static_cast<std::size_t>(position)];
        result.emplace_back(&node, roll_up(model_, slice(all, unit, node)));
    }
    return result;
}

int OrganizationIndex::observation_count(const UnitNode& unit, Timestamp from, Timestamp to) const {
    std::size_t count = 0;
    const Millis begin = millis(from);
    const Millis end = millis(to);
    for (auto i = unit.first_employee; i < unit.end_employee; ++i) {
        const Recent& recent = recent_[i];
        if (recent.observed == no_time || recent.observed < begin) continue;  // nothing in the period
        count += count_between(recent.observed_times, recent.observed_count, begin, end);
    }
    return static_cast<int>(count);
}

int OrganizationIndex::activity_count(const UnitNode& unit, Timestamp from, Timestamp to) const {
    if (from >= to) return 0;
    const auto begin = activities_.lower_bound({millis(from), std::string()});
    const auto end = activities_.lower_bound({millis(to), std::string()});
    int count = 0;
    for (auto it = begin; it != end; ++it) {
        const bool in_subtree = std::ranges::any_of(it->second, [&](std::uint32_t person) {
            const auto index = active_index_[person];
            return index >= 0 && static_cast<std::uint32_t>(index) >= unit.first_employee &&
                   static_cast<std::uint32_t>(index) < unit.end_employee;
        });
        if (in_subtree) ++count;
    }
    return count;
}

std::vector<ManagerFigures> OrganizationIndex::managers(const UnitNode& unit, Timestamp from, Timestamp to) const {
    std::vector<ManagerFigures> result;
    for (const auto& manager : managers_) {
        const bool assigned = std::ranges::any_of(manager.unit_positions, [&](int position) {
            return position >= unit.position && position < unit.subtree_end;
        });
        if (!assigned) continue;
        const auto& person = people_[manager.person];
        result.push_back(ManagerFigures{
            .user_id = manager.user_id,
            .display_name = manager.display_name,
            .observations = static_cast<int>(person.observations.count(millis(from), millis(to))),
            .activities = static_cast<int>(person.activities.count(millis(from), millis(to)))});
    }
    return result;
}

void OrganizationIndex::copy_weekly(const Weekly& weekly, std::size_t first, std::size_t count, std::int32_t* levels,
                                    std::uint8_t* accompanied, std::size_t* observations) const {
    const std::size_t dimensions = model_dimensions_.size();
    for (std::size_t k = 0; k < dimensions; ++k) {
        const auto d = static_cast<std::size_t>(model_dimensions_[k]);
        if (d >= weekly.levels.size()) continue;
        const auto& weeks = weekly.levels[d];
        for (std::size_t w = 0; w < count && first + w < weeks.size(); ++w) levels[w * dimensions + k] = weeks[first + w];
    }
    for (std::size_t w = 0; w < count; ++w) {
        accompanied[w] = first + w < weekly.accompanied.size() ? weekly.accompanied[first + w] : 0;
        if (first + w < weekly.observations.size()) observations[w] += weekly.observations[first + w];
    }
}

std::vector<SeriesPointFigures> OrganizationIndex::series(const UnitNode& unit, Timestamp from, Timestamp to,
                                                          int window_days) const {
    const auto instants = series_instants(from, to);
    std::vector<SeriesPointFigures> points;
    if (instants.empty()) return points;

    // The weeks' instants, periods and own weeks, all 7 days apart: where a time falls among them is arithmetic.
    constexpr Millis week = 7 * millis_per_day;
    std::vector<IndicatorParams> params;
    for (const Timestamp instant : instants) params.push_back(series_params(instant, window_days));
    const Millis window = static_cast<Millis>(window_days) * millis_per_day;
    const Millis period = millis(params.front().to) - millis(params.front().from);

    std::vector<EmployeeFacts> facts_now;
    fill_identities(facts_now, unit);
    const std::size_t employees = facts_now.size();
    const std::size_t dimensions = model_dimensions_.size();

    // Each employee's records are read once, in order, and each record lands on the weeks it counts for: a rating
    // gives the level of the weeks from the first instant at or after it until a newer rating or the end of its
    // window; an observation or participation makes its employee accompanied in every week whose period holds
    // it (a difference array), and counts in the week it was made. A block of employees is filled into a small
    // buffer, then copied week by week into the week-major buffer the roll-ups read (a blocked transpose keeps
    // both sides sequential). Weeks go by chunks of a year to bound the buffers.
    constexpr std::size_t chunk = 64;
    constexpr std::size_t block = 64;
    std::vector<std::int32_t> levels(chunk * employees * dimensions);   // [week][employee][dimension]
    std::vector<std::uint8_t> accompanied(chunk * employees);            // [week][employee]
    std::vector<std::int32_t> block_levels(block * chunk * dimensions);  // [employee][week][dimension]
    std::vector<std::uint8_t> block_accompanied(block * chunk);          // [employee][week]
    std::array<std::int32_t, chunk + 1> coverage{};
    std::array<std::size_t, chunk> observed_in_week{};
    auto before = [](Millis bound) { return [bound](Millis t) { return t < bound; }; };

    for (std::size_t first = 0; first < instants.size(); first += chunk) {
        const auto count = static_cast<Millis>(std::min(chunk, instants.size() - first));
        const Millis first_at = millis(params[first].at);
        const Millis last_at = millis(params[first + static_cast<std::size_t>(count) - 1].at);
        const Millis first_to = millis(params[first].to);
        const Millis last_to = millis(params[first + static_cast<std::size_t>(count) - 1].to);
        // The first week whose instant is at or after t (count when none).
        auto week_at_or_after = [&](Millis t) {
            return t <= first_at ? Millis{0} : std::min(count, (t - first_at + week - 1) / week);
        };
        // The first week whose period ends after t, i.e. whose `to` is greater than t (count when none).
        auto week_ending_after = [&](Millis t) {
            return t < first_to ? Millis{0} : std::min(count, (t - first_to) / week + 1);
        };
        observed_in_week.fill(0);
        // The default window's weeks on the grid are kept as records arrive: copy them, read no record.
        const bool from_weekly = window_days == default_window_days && grid_.covers(first_at);
        const std::size_t first_weekly = from_weekly ? grid_.index_of_instant(first_at) : 0;

        for (std::size_t first_employee = 0; first_employee < employees; first_employee += block) {
            const std::size_t members = std::min(block, employees - first_employee);
            std::fill(block_levels.begin(), block_levels.end(), no_level);
            for (std::size_t b = 0; b < members; ++b) {
                const std::size_t index = unit.first_employee + first_employee + b;
                const auto& timeline = timelines_[active_[index].person];
                if (from_weekly) {
                    copy_weekly(timeline.weekly, first_weekly, static_cast<std::size_t>(count),
                                &block_levels[b * chunk * dimensions], &block_accompanied[b * chunk],
                                observed_in_week.data());
                    continue;
                }
                // The vectors live all over the heap: ask for the next employee's while this one is read.
                if (index + 1 < unit.end_employee) {
                    const auto& next = timelines_[active_[index + 1].person];
                    __builtin_prefetch(next.levels.data());
                    __builtin_prefetch(next.observed.data());
                    for (const auto& entries : next.levels) __builtin_prefetch(entries.data());
                }
                std::int32_t* out = &block_levels[b * chunk * dimensions];
                for (std::size_t k = 0; k < dimensions; ++k) {
                    const auto d = static_cast<std::size_t>(model_dimensions_[k]);
                    if (d >= timeline.levels.size()) continue;
                    const auto& entries = timeline.levels[d];
                    const std::size_t size = entries.size();
                    // Older ratings are out of every week's window (usually there are none: no search).
                    std::size_t j = gallop(entries, 0, [&](const LevelEntry& e) { return e.at <= first_at - window; });
                    if (j >= size || entries[j].at > last_at) continue;
                    Millis begin = week_at_or_after(entries[j].at);
                    for (; j < size && entries[j].at <= last_at; ++j) {
                        const Millis newer = j + 1 < size ? week_at_or_after(entries[j + 1].at) : count;
                        if (newer > begin) {  // not superseded within the same week
                            const Millis end = std::min(newer, week_at_or_after(entries[j].at + window));
                            for (Millis w = begin; w < end; ++w)
                                out[static_cast<std::size_t>(w) * dimensions + k] = entries[j].level;
                        }
                        begin = newer;
                    }
                }

                // Record at t: accompanied in the weeks [first ending after t, first ending after t + period).
                coverage.fill(0);
                Millis covered_from = -1;
                Millis covered_to = -1;
                auto cover = [&](Millis first_week, Millis t) {
                    const Millis end_week = week_ending_after(t + period);
                    if (first_week == covered_from && end_week == covered_to) return;  // same weeks as the last one
                    covered_from = first_week;
                    covered_to = end_week;
                    ++coverage[static_cast<std::size_t>(first_week)];
                    --coverage[static_cast<std::size_t>(end_week)];
                };
                const auto& observed = timeline.observed;
                for (auto it = observed.begin() + gallop(observed, 0, before(first_to - period));
                     it != observed.end() && *it < last_to; ++it) {
                    const Millis own = week_ending_after(*it);  // the week it was made in, if it is one of ours
                    cover(own, *it);
                    if (own < count && *it >= first_to + own * week - week) ++observed_in_week[static_cast<std::size_t>(own)];
                }
                const auto& coached = timeline.participations;
                for (auto it = coached.begin() + gallop(coached, 0, before(first_to - period));
                     it != coached.end() && *it < last_to; ++it)
                    cover(week_ending_after(*it), *it);
                std::int32_t running = 0;
                for (std::size_t w = 0; w < static_cast<std::size_t>(count); ++w) {
                    running += coverage[w];
                    block_accompanied[b * chunk + w] = running > 0;
                }
            }
            for (std::size_t w = 0; w < static_cast<std::size_t>(count); ++w) {
                std::int32_t* to_week = &levels[(w * employees + first_employee) * dimensions];
                for (std::size_t b = 0; b < members; ++b) {
                    std::copy_n(&block_levels[(b * chunk + w) * dimensions], dimensions, to_week + b * dimensions);
                    accompanied[w * employees + first_employee + b] = block_accompanied[b * chunk + w];
                }
            }
        }
        for (std::size_t w = 0; w < static_cast<std::size_t>(count); ++w) {
            const std::int32_t* level = &levels[w * employees * dimensions];
            for (std::size_t i = 0; i < employees; ++i, level += dimensions) {
                auto& facts = facts_now[i];
                for (std::size_t k = 0; k < dimensions; ++k)
                    facts.levels[k] = level[k] == no_level ? std::nullopt : std::optional<int>(level[k]);
                facts.accompanied = accompanied[w * employees + i] != 0;
            }
            const auto& point = params[first + w];
            points.push_back(SeriesPointFigures{.week = iso_week_label(point.at),
                                                .at = point.at,
                                                .figures = roll_up(model_, facts_now),
                                                .observations = static_cast<int>(observed_in_week[w])});
        }
    }
    return points;
}

}  // namespace floorwalk::server::indicators
