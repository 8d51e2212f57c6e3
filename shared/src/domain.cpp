// Enum names and small lookups of the domain model.
#include "floorwalk/domain.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace floorwalk {
namespace {

// Case-insensitive ASCII comparison: storage writes "manager", the wire's enum names are "MANAGER".
bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return names.front().second;  // the first entry is the unspecified value
}

// The unspecified value is never parsed from text: a record always names a real kind or role.
template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text) {
    for (std::size_t i = 1; i < N; ++i) {
        if (equals_ignoring_case(names[i].second, text)) return names[i].first;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Role, std::string_view>, 5> role_names{{
    {Role::unspecified, "unspecified"},
    {Role::manager, "manager"},
    {Role::director, "director"},
    {Role::hq, "hq"},
    {Role::admin, "admin"},
}};

constexpr std::array<std::pair<UnitKind, std::string_view>, 6> unit_kind_names{{
    {UnitKind::unspecified, "unspecified"},
    {UnitKind::organization, "organization"},
    {UnitKind::business_unit, "business_unit"},
    {UnitKind::region, "region"},
    {UnitKind::store, "store"},
    {UnitKind::team, "team"},
}};

constexpr std::array<std::pair<ActivityKind, std::string_view>, 4> activity_kind_names{{
    {ActivityKind::unspecified, "unspecified"},
    {ActivityKind::one_to_one, "one_to_one"},
    {ActivityKind::team_briefing, "team_briefing"},
    {ActivityKind::challenge, "challenge"},
}};

}  // namespace

bool MasteryScale::contains(int level) const {
    return std::any_of(levels.begin(), levels.end(), [level](const MasteryLevel& l) { return l.level == level; });
}

const Dimension* ExperienceModel::find_dimension(const std::string& dimension_id) const {
    const auto it = std::find_if(dimensions.begin(), dimensions.end(),
                                 [&](const Dimension& d) { return d.id == dimension_id; });
    return it == dimensions.end() ? nullptr : &*it;
}

std::string_view to_string(Role role) { return name_of(role_names, role); }
std::string_view to_string(UnitKind kind) { return name_of(unit_kind_names, kind); }
std::string_view to_string(ActivityKind kind) { return name_of(activity_kind_names, kind); }

std::optional<Role> parse_role(std::string_view text) { return parse_name(role_names, text); }
std::optional<UnitKind> parse_unit_kind(std::string_view text) { return parse_name(unit_kind_names, text); }
std::optional<ActivityKind> parse_activity_kind(std::string_view text) {
    return parse_name(activity_kind_names, text);
}

}  // namespace floorwalk
