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
        employee_ids_.push_back(employee_id);
        active_index_.push_back(-1);
    }
    return it->second;
}

std::uint32_t OrganizationIndex::intern_user(const std::string& user_id) {
    const auto [it, inserted] = user_numbers_.try_emplace(user_id, static_cast<std::uint32_t>(people_.size()));
    if (inserted) {
        people_.emplace_back();
        user_ids_.push_back(user_id);
    }
    return it->second;
}

int OrganizationIndex::intern_dimension(const std::string& dimension_id) {
    const auto [it, inserted] =
        dimension_numbers_.try_emplace(dimension_id, static_cast<int>(dimension_numbers_.size()));
    if (inserted) {
        // Ratings store the number in 16 bits: 65,536 distinct dimension ids in one organisation's history.
        if (dimension_ids_.size() > std::numeric_limits<std::uint16_t>::max())
            throw std::length_error("more than 65,536 dimension ids in one organisation");
        dimension_ids_.push_back(dimension_id);
    }
    return it->second;
}

OrganizationIndex::Uuid OrganizationIndex::uuid_of(const std::string& id) {
    // 8-4-4-4-12 hexadecimal digits: the 32 digits, high half first, read as a number. Lower- and upper-case
    // digits read alike, so the order is that of the canonical text.
    Uuid uuid;
    std::size_t digits = 0;
    bool valid = id.size() == 36;
    for (std::size_t i = 0; valid && i < id.size(); ++i) {
        const char c = id[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            valid = c == '-';
            continue;
        }
        int value = -1;
        if (c >= '0' && c <= '9') value = c - '0';
        if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
        if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
        if (value < 0) {
            valid = false;
            break;
        }
        auto& half = digits < 16 ? uuid.high : uuid.low;
        half = (half << 4) | static_cast<std::uint64_t>(value);
        ++digits;
    }
    if (valid) return uuid;
    // Not a UUID: two FNV-1a hashes of the text, a stable order that no real id can collide with in practice.
    Uuid stand_in{14695981039346656037ULL, 1099511628211ULL};
    for (const unsigned char c : id) {
        stand_in.high = (stand_in.high ^ c) * 1099511628211ULL;
        stand_in.low = (stand_in.low ^ c) * 14029467366897019727ULL;
    }
    return stand_in;
}

void OrganizationIndex::refresh_newest(std::uint32_t person) {
    const auto index = active_index_[person];
    if (index < 0) return;
    const auto& timeline = timelines_[person];
    const std::size_t dimensions = model_dimensions_.size();
    Newest* newest = &newest_[static_cast<std::size_t>(index) * dimensions];
    std::fill(newest, newest + dimensions, Newest{});
    // Walk back from the newest observation until every model dimension has its newest rating (or none is left).
    std::size_t missing = dimensions;
    for (std::size_t i = timeline.observed.size(); i-- > 0 && missing > 0;) {
        for (auto r = timeline.rating_begin(i); r < timeline.rating_ends[i]; ++r) {
            const auto& rating = timeline.ratings[r];
            for (std::size_t k = 0; k < dimensions; ++k) {
                if (static_cast<int>(rating.dimension) != model_dimensions_[k] || newest[k].at != no_time) continue;
                newest[k] = Newest{timeline.observed[i], rating.level};
                --missing;
            }
        }
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
    if (weeks.first == weeks.end) return;
    if (timeline.weekly.levels.size() <= d) timeline.weekly.levels.resize(d + 1);
    auto& levels = timeline.weekly.levels[d];
    for (auto w = weeks.first; w < weeks.end; ++w) {
        const auto level = level_at(timeline, d, grid_.instant(w), weekly_window);
        set_week<std::int16_t>(levels, w, level ? static_cast<std::int16_t>(*level) : no_weekly_level,
                               no_weekly_level);
    }
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
    observations[static_cast<std::size_t>(index)] =
        static_cast<std::uint16_t>(observations[static_cast<std::size_t>(index)] + change);
}

void OrganizationIndex::rebuild_weekly(Timeline& timeline) const {
    timeline.weekly = Weekly{};
    const auto& observed = timeline.observed;
    if (!observed.empty()) {
        // Each dimension he was ever rated on, over the weeks from his first rating to the end of the last's window.
        std::vector<bool> rated(dimension_ids_.size(), false);
        for (const auto& rating : timeline.ratings) rated[rating.dimension] = true;
        for (std::size_t d = 0; d < rated.size(); ++d)
            if (rated[d]) refresh_weekly_levels(timeline, d, observed.front(), observed.back() + weekly_window);
    }
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
    const Uuid id = uuid_of(observation.id);
    const auto person = intern_employee(observation.employee_id);
    auto& timeline = timelines_[person];
    // Its place among his observations sorted by (observed_at, id); records mostly come in time order (phones
    // push oldest first, the store is read in id order, ids are UUIDv7): the end, with no search.
    std::size_t position = timeline.observed.size();
    if (position > 0 && std::pair(timeline.observed.back(), timeline.ids.back()) >= std::pair(at, id)) {
        position = 0;
        for (std::size_t step = timeline.observed.size(); step > 0;) {  // the first entry not before (at, id)
            const std::size_t half = step / 2;
            const std::size_t middle = position + half;
            if (std::pair(timeline.observed[middle], timeline.ids[middle]) < std::pair(at, id)) {
                position = middle + 1;
                step -= half + 1;
            } else {
                step = half;
            }
        }
        if (position < timeline.ids.size() && timeline.observed[position] == at && timeline.ids[position] == id)
            return;  // already indexed
    }
    const auto offset = static_cast<std::ptrdiff_t>(position);
    const std::uint32_t first_rating = timeline.rating_begin(position);
    const auto count = static_cast<std::uint32_t>(observation.ratings.size());
    timeline.observed.insert(timeline.observed.begin() + offset, at);
    timeline.ids.insert(timeline.ids.begin() + offset, id);
    timeline.rating_ends.insert(timeline.rating_ends.begin() + offset, first_rating + count);
    for (std::size_t i = position + 1; i < timeline.rating_ends.size(); ++i) timeline.rating_ends[i] += count;
    std::vector<PackedRating> packed;
    packed.reserve(count);
    for (const auto& rating : observation.ratings) {
        packed.push_back(PackedRating{static_cast<std::uint16_t>(intern_dimension(rating.dimension_id)),
                                      static_cast<std::int16_t>(std::clamp(rating.level, -32767, 32767))});
    }
    timeline.ratings.insert(timeline.ratings.begin() + first_rating, packed.begin(), packed.end());

    people_[intern_user(observation.observer_id)].observations.insert(at);
    ++observation_total_;
    if (!bulk_loading_) {
        for (const auto& rating : packed) refresh_weekly_levels(timeline, rating.dimension, at, at + weekly_window);
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
    const Uuid id = uuid_of(observation.id);
    auto& timeline = timelines_[person];
    const auto first = std::ranges::lower_bound(timeline.observed, at);
    auto position = static_cast<std::size_t>(first - timeline.observed.begin());
    while (position < timeline.observed.size() && timeline.observed[position] == at && timeline.ids[position] != id)
        ++position;
    if (position == timeline.observed.size() || timeline.observed[position] != at) return;  // not indexed

    const auto offset = static_cast<std::ptrdiff_t>(position);
    const std::uint32_t first_rating = timeline.rating_begin(position);
    const std::uint32_t end_rating = timeline.rating_ends[position];
    std::vector<std::uint16_t> dimensions;
    for (auto r = first_rating; r < end_rating; ++r) dimensions.push_back(timeline.ratings[r].dimension);
    timeline.ratings.erase(timeline.ratings.begin() + first_rating, timeline.ratings.begin() + end_rating);
    for (std::size_t i = position + 1; i < timeline.rating_ends.size(); ++i)
        timeline.rating_ends[i] -= end_rating - first_rating;
    timeline.observed.erase(timeline.observed.begin() + offset);
    timeline.ids.erase(timeline.ids.begin() + offset);
    timeline.rating_ends.erase(timeline.rating_ends.begin() + offset);

    if (const auto user = user_numbers_.find(observation.observer_id); user != user_numbers_.end())
        people_[user->second].observations.erase(at);
    --observation_total_;
    if (!bulk_loading_) {
        for (const auto d : dimensions) refresh_weekly_levels(timeline, d, at, at + weekly_window);
        refresh_weekly_accompanied(timeline, at, at + weekly_period);
        count_weekly_observation(timeline, at, -1);
    }
    refresh_newest(person);
}

void OrganizationIndex::add_activity(const CoachingActivity& activity) {
    if (activity.deleted) return;
    const Millis at = millis(activity.occurred_at);
    auto [it, inserted] = activities_.try_emplace({at, uuid_of(activity.id)});
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
    const auto it = activities_.find({at, uuid_of(activity.id)});
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

std::optional<int> OrganizationIndex::level_at(const Timeline& timeline, std::size_t d, Millis at, Millis window) {
    // Walk back from the last observation at or before `at` (ties are ordered by id, so the greatest comes first)
    // until one rates d or the window is left behind.
    const auto& observed = timeline.observed;
    const auto after = lower_bound_from_end(observed.begin(), observed.end(), [at](Millis t) { return t <= at; });
    for (auto i = static_cast<std::size_t>(after - observed.begin()); i-- > 0;) {
        if (observed[i] <= at - window) return std::nullopt;
        for (auto r = timeline.rating_begin(i); r < timeline.rating_ends[i]; ++r)
            if (timeline.ratings[r].dimension == d) return timeline.ratings[r].level;
    }
    return std::nullopt;
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
                facts.levels[k] = level_at(timeline, static_cast<std::size_t>(model_dimensions_[k]), at, window);
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
    const auto begin = activities_.lower_bound({millis(from), Uuid{}});
    const auto end = activities_.lower_bound({millis(to), Uuid{}});
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
        for (std::size_t w = 0; w < count && first + w < weeks.size(); ++w) {
            const auto level = weeks[first + w];
            levels[w * dimensions + k] = level == no_weekly_level ? no_level : level;
        }
    }
    for (std::size_t w = 0; w < count; ++w) {
        accompanied[w] = first + w < weekly.accompanied.size() ? weekly.accompanied[first + w] : 0;
        if (first + w < weekly.observations.size()) observations[w] += weekly.observations[first + w];
    }
}

void OrganizationIndex::gather_levels(const Timeline& timeline, Millis after, Millis until,
                                      std::vector<std::vector<LevelPoint>>& per_dimension) const {
    for (auto& points : per_dimension) points.clear();
    const auto& observed = timeline.observed;
    auto i = static_cast<std::size_t>(
        gallop(observed, 0, [after](Millis t) { return t <= after; }));
    for (; i < observed.size() && observed[i] <= until; ++i) {
        for (auto r = timeline.rating_begin(i); r < timeline.rating_ends[i]; ++r) {
            const auto& rating = timeline.ratings[r];
            for (std::size_t k = 0; k < model_dimensions_.size(); ++k)
                if (static_cast<int>(rating.dimension) == model_dimensions_[k])
                    per_dimension[k].push_back(LevelPoint{observed[i], rating.level});
        }
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
    std::vector<std::vector<LevelPoint>> per_dimension(dimensions);

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
                    __builtin_prefetch(next.observed.data());
                    __builtin_prefetch(next.ratings.data());
                }
                // This employee's ratings of each model dimension that a week of the chunk can see, in order.
                gather_levels(timeline, first_at - window, last_at, per_dimension);
                std::int32_t* out = &block_levels[b * chunk * dimensions];
                for (std::size_t k = 0; k < dimensions; ++k) {
                    const auto& entries = per_dimension[k];
                    const std::size_t size = entries.size();
                    std::size_t j = 0;
                    if (j >= size) continue;
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

namespace floorwalk::server::indicators {

// ------------------------------------------------------------------------------------------------------------
// Memory and snapshots

namespace {

constexpr std::uint32_t snapshot_magic = 0x58495746;  // "FWIX"
constexpr std::uint32_t snapshot_format = 2;  // 2: closed by a checksum
constexpr std::uint32_t byte_order_mark = 0x01020304;

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
    return sizeof v + v.capacity() * sizeof(T);
}

void save_strings(SnapshotWriter& out, const std::vector<std::string>& strings) {
    out.value<std::uint64_t>(strings.size());
    for (const auto& s : strings) out.text(s);
}

std::vector<std::string> load_strings(SnapshotReader& in) {
    const auto count = in.value<std::uint64_t>();
    std::vector<std::string> strings;
    for (std::uint64_t i = 0; i < count; ++i) strings.push_back(in.text());
    return strings;
}

}  // namespace

std::size_t OrganizationIndex::memory() const {
    std::size_t bytes = sizeof *this;
    for (const auto& t : timelines_) {
        bytes += sizeof t + bytes_of(t.observed) + bytes_of(t.ids) + bytes_of(t.rating_ends) + bytes_of(t.ratings) +
                 bytes_of(t.participations) + bytes_of(t.weekly.accompanied) + bytes_of(t.weekly.observations);
        for (const auto& levels : t.weekly.levels) bytes += bytes_of(levels);
    }
    for (const auto& person : people_) bytes += person.observations.memory() + person.activities.memory();
    for (const auto& [key, people] : activities_) bytes += 64 + sizeof key + bytes_of(people);
    // Interned ids: the hash maps' nodes and the strings beside them.
    const auto ids = employee_ids_.size() + user_ids_.size() + dimension_ids_.size();
    bytes += ids * (2 * sizeof(std::string) + 48);
    bytes += bytes_of(newest_) + bytes_of(recent_) + bytes_of(active_) + bytes_of(active_index_);
    return bytes;
}

void OrganizationIndex::save(SnapshotWriter& out) const {
    out.value(snapshot_magic);
    out.value(snapshot_format);
    out.value(byte_order_mark);
    out.value<std::uint32_t>(sizeof(Uuid) << 16 | sizeof(PackedRating));
    out.value(grid_.first_monday());
    save_strings(out, dimension_ids_);
    save_strings(out, employee_ids_);
    for (const auto& t : timelines_) {
        out.values(t.observed);
        out.values(t.ids);
        out.values(t.rating_ends);
        out.values(t.ratings);
        out.values(t.participations);
        out.value<std::uint64_t>(t.weekly.levels.size());
        for (const auto& levels : t.weekly.levels) out.values(levels);
        out.values(t.weekly.accompanied);
        out.values(t.weekly.observations);
    }
    save_strings(out, user_ids_);
    for (const auto& person : people_) {
        person.observations.save(out);
        person.activities.save(out);
    }
    out.value<std::uint64_t>(activities_.size());
    for (const auto& [key, people] : activities_) {
        out.value(key.first);
        out.value(key.second);
        out.values(people);
    }
    out.value<std::uint64_t>(observation_total_);
}

void OrganizationIndex::load(SnapshotReader& in) {
    const auto clear = [this] {
        employee_numbers_.clear();
        employee_ids_.clear();
        timelines_.clear();
        user_numbers_.clear();
        user_ids_.clear();
        people_.clear();
        dimension_numbers_.clear();
        dimension_ids_.clear();
        activities_.clear();
        observation_total_ = 0;
        active_index_.clear();
    };
    clear();
    try {
        if (in.value<std::uint32_t>() != snapshot_magic) throw SnapshotError("not an indicator snapshot");
        if (in.value<std::uint32_t>() != snapshot_format) throw SnapshotError("a snapshot of another format");
        if (in.value<std::uint32_t>() != byte_order_mark) throw SnapshotError("a snapshot of another byte order");
        if (in.value<std::uint32_t>() != (sizeof(Uuid) << 16 | sizeof(PackedRating)))
            throw SnapshotError("a snapshot of another layout");
        grid_ = WeekGrid::starting_on(in.value<Millis>());
        for (auto& id : load_strings(in)) intern_dimension(id);
        for (auto& id : load_strings(in)) intern_employee(id);
        for (auto& t : timelines_) {
            in.values(t.observed);
            in.values(t.ids);
            in.values(t.rating_ends);
            in.values(t.ratings);
            in.values(t.participations);
            const auto weekly_dimensions = in.value<std::uint64_t>();
            if (weekly_dimensions > dimension_ids_.size()) throw SnapshotError("the snapshot's weeks name unknown dimensions");
            t.weekly.levels.resize(weekly_dimensions);
            for (auto& levels : t.weekly.levels) in.values(levels);
            in.values(t.weekly.accompanied);
            in.values(t.weekly.observations);
            const auto n = t.observed.size();
            const bool consistent =
                t.ids.size() == n && t.rating_ends.size() == n && std::ranges::is_sorted(t.rating_ends) &&
                (n == 0 ? t.ratings.empty() : t.rating_ends.back() == t.ratings.size()) &&
                std::ranges::is_sorted(t.observed) && std::ranges::is_sorted(t.participations) &&
                std::ranges::all_of(t.ratings, [&](const PackedRating& r) { return r.dimension < dimension_ids_.size(); });
            if (!consistent) throw SnapshotError("the snapshot's records do not hold together");
            observation_total_ += n;
        }
        for (auto& id : load_strings(in)) intern_user(id);
        for (auto& person : people_) {
            person.observations.load(in);
            person.activities.load(in);
        }
        const auto activities = in.value<std::uint64_t>();
        for (std::uint64_t i = 0; i < activities; ++i) {
            const auto at = in.value<Millis>();
            const auto id = in.value<Uuid>();
            auto& people = activities_[{at, id}];
            in.values(people);
            for (const auto person : people)
                if (person >= timelines_.size()) throw SnapshotError("the snapshot names an unknown participant");
        }
        if (in.value<std::uint64_t>() != observation_total_) throw SnapshotError("the snapshot's counts differ");
        in.finish();
    } catch (...) {
        clear();
        throw;
    }
}

}  // namespace floorwalk::server::indicators
