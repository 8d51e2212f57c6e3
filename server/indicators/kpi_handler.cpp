// GET /api/v1/indicators/kpi: does mastery lead results? For each child of U and each KPI period, the child's
// transformation rate at the end of the period beside its KPI value lagPeriods later, with Pearson's r,
// Spearman's rho and n over the pairs.
#include "api/negotiation.h"
#include "floorwalk/wire.h"
#include "indicators/access.h"
#include "indicators/handlers.h"
#include "indicators/indicator_messages.h"
#include "indicators/kpi_metrics.h"
#include "indicators/query_params.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace floorwalk::server::indicators {
namespace {

struct Pair {
    const UnitNode* child = nullptr;
    Period period;      // the rate is taken at its last millisecond
    Period kpi_period;  // period + lag
    double kpi_value = 0;
};

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

    std::unordered_map<std::string, const UnitNode*> children;
    for (const int position : unit.children)
        children.emplace(units[static_cast<std::size_t>(position)].unit.id, &units[static_cast<std::size_t>(position)]);
    std::vector<Pair> pairs;
    for (const auto& kpi : kpis) {
        if (kpi.metric != params.metric) continue;
        const auto child = children.find(kpi.unit_id);
        const auto kpi_period = parse_period(kpi.period);
        if (child == children.end() || !kpi_period) continue;
        const auto period = shift_period(*kpi_period, -params.lag_periods);
        if (!period_in_range(period, params.from, params.to)) continue;
        pairs.push_back(Pair{child->second, period, *kpi_period, kpi.value});
    }
    std::ranges::sort(pairs, [](const Pair& a, const Pair& b) {
        return std::tie(a.period.start, a.period.end, a.child->position) <
               std::tie(b.period.start, b.period.end, b.child->position);
    });

    // The facts of U's subtree once per distinct period end; each child's rate is a roll-up of its slice.
    const Disclosure disclosure(context.caller, context.index);
    std::map<Timestamp, std::vector<EmployeeFacts>> facts_at;
    std::vector<double> rates;
    std::vector<double> values;
    for (const auto& pair : pairs) {
        auto* point = message.add_points();
        point->set_unit_id(pair.child->unit.id);
        point->set_unit_name(pair.child->unit.name);
        point->set_period(pair.period.label);
        point->set_kpi_period(pair.kpi_period.label);
        point->set_kpi_value(pair.kpi_value);
        const auto suppression = disclosure.of(*pair.child);
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
            rate = roll_up(context.index.model(), OrganizationIndex::slice(facts->second, unit, *pair.child))
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
