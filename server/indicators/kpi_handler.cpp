// GET /api/v1/indicators/kpi: does mastery lead results? For each unit of the compared kind in U's subtree and each
// KPI period, the unit's transformation rate at the end of the period beside its KPI value lagPeriods later, with
// Pearson's r, Spearman's rho and n over the pairs.
#include "api/negotiation.h"
#include "floorwalk/wire.h"
#include "indicators/access.h"
#include "indicators/handlers.h"
#include "indicators/indicator_messages.h"
#include "indicators/kpi_metrics.h"
#include "indicators/query_params.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

namespace floorwalk::server::indicators {
namespace {

struct Pair {
    const UnitNode* compared = nullptr;  // the unit whose rate and KPI are paired
    Period period;      // the rate is taken at its last millisecond
    Period kpi_period;  // period + lag
    double kpi_value = 0;
};

// The kind compared when the caller names none: the kind at which the metric's values are recorded in U's subtree
// (the kind with the most values, the higher one on a tie), so HQ's own page compares the stores that carry the
// KPI rather than the regions above them that carry none. Without any value in the subtree: U's children's kind,
// or U's own for a leaf.
UnitKind recorded_kind(const OrganizationIndex& index, const UnitNode& unit, std::span<const KpiValue> kpis,
                       const std::string& metric) {
    const auto& units = index.units();
    std::unordered_map<std::string_view, UnitKind> kind_of;
    for (int position = unit.position; position < unit.subtree_end; ++position) {
        const auto& node = units[static_cast<std::size_t>(position)];
        kind_of.emplace(node.unit.id, node.unit.kind);
    }
    std::map<UnitKind, std::size_t> values_per_kind;  // UnitKind's order runs from the top of a tree down
    for (const auto& kpi : kpis) {
        if (kpi.metric != metric) continue;
        if (const auto found = kind_of.find(kpi.unit_id); found != kind_of.end()) ++values_per_kind[found->second];
    }
    if (!values_per_kind.empty()) {
        return std::ranges::max_element(values_per_kind, [](const auto& a, const auto& b) {
                   return a.second < b.second || (a.second == b.second && a.first > b.first);
               })->first;
    }
    if (unit.children.empty()) return unit.unit.kind;
    return units[static_cast<std::size_t>(unit.children.front())].unit.kind;
}

}  // namespace

Response get_kpi(const Request& request, const QueryContext& context, std::span<const KpiValue> kpis) {
    KpiParams params;
    if (auto error = read_kpi_params(request, context.now, params)) return std::move(*error);
    const auto choice = choose_unit(request, context.caller, context.index);
    if (choice.error) return *choice.error;
    const UnitNode& unit = *choice.unit;
    const auto& units = context.index.units();

    ::floorwalk::v1::KpiResponse message;
    message.set_metric(params.metric);
    message.set_lag_periods(params.lag_periods);
    const auto metrics = metric_names(kpis);
    for (const auto& name : metrics) message.add_metrics(name);
    if (!params.metric.empty() && !std::ranges::binary_search(metrics, params.metric))
        return unknown_metric(request, "metric", params.metric, metrics);

    std::set<UnitKind> kinds_present;
    for (int position = unit.position; position < unit.subtree_end; ++position)
        kinds_present.insert(units[static_cast<std::size_t>(position)].unit.kind);
    for (const auto kind : kinds_present) message.add_unit_kinds(wire::to_proto(kind));
    const UnitKind compared_kind = params.unit_kind.value_or(recorded_kind(context.index, unit, kpis, params.metric));
    message.set_unit_kind(wire::to_proto(compared_kind));

    std::unordered_map<std::string, const UnitNode*> compared;
    for (int position = unit.position; position < unit.subtree_end; ++position) {
        const auto& node = units[static_cast<std::size_t>(position)];
        if (node.unit.kind == compared_kind) compared.emplace(node.unit.id, &node);
    }
    std::vector<Pair> pairs;
    for (const auto& kpi : kpis) {
        if (kpi.metric != params.metric) continue;
        const auto found = compared.find(kpi.unit_id);
        const auto kpi_period = parse_period(kpi.period);
        if (found == compared.end() || !kpi_period) continue;
        const auto period = shift_period(*kpi_period, -params.lag_periods);
        if (!period_in_range(period, params.from, params.to)) continue;
        pairs.push_back(Pair{found->second, period, *kpi_period, kpi.value});
    }
    std::ranges::sort(pairs, [](const Pair& a, const Pair& b) {
        return std::tie(a.period.start, a.period.end, a.compared->position) <
               std::tie(b.period.start, b.period.end, b.compared->position);
    });

    // The facts of U's subtree once per distinct period end; each compared unit's rate is a roll-up of its slice.
    const Disclosure disclosure(context.caller, context.index);
    std::map<Timestamp, std::vector<EmployeeFacts>> facts_at;
    std::vector<double> rates;
    std::vector<double> values;
    for (const auto& pair : pairs) {
        auto* point = message.add_points();
        point->set_unit_id(pair.compared->unit.id);
        point->set_unit_name(pair.compared->unit.name);
        point->set_period(pair.period.label);
        point->set_kpi_period(pair.kpi_period.label);
        point->set_kpi_value(pair.kpi_value);
        const auto suppression = disclosure.of(*pair.compared);
        const bool hidden = suppression != Suppression::none;
        point->set_hidden(hidden);
        point->set_hidden_reason(to_proto(suppression));
        std::optional<double> rate;
        if (!hidden) {
            const Timestamp at = pair.period.end - std::chrono::milliseconds(1);
            auto facts = facts_at.find(at);
            if (facts == facts_at.end()) {
                const IndicatorParams at_end{.at = at, .window_days = params.window_days, .from = at, .to = at};
                facts = facts_at.emplace(at, context.index.facts(unit, at_end)).first;
            }
            rate = roll_up(context.index.model(), OrganizationIndex::slice(facts->second, unit, *pair.compared))
                       .transformation_rate;
        }
        wire::set_value(point->mutable_transformation_rate(), rate);
        if (rate) {
            rates.push_back(*rate);
            values.push_back(pair.kpi_value);
        }
    }
    wire::set_value(message.mutable_pearson(), pearson(rates, values));
    wire::set_value(message.mutable_spearman(), spearman(rates, values));
    message.set_n(static_cast<int>(rates.size()));
    return message_response(request, message);
}

}  // namespace floorwalk::server::indicators
