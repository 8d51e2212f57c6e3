// GET /api/v1/indicators/roi: the CX ROI of the seeds' formula, (benefit - cost) / cost x 100.
//
// benefit and cost are the sums of the two named KPI metrics over the unit's whole subtree (the unit itself and
// every unit below it) and over the periods that start in [from, to). Summing suits what ROI compares: amounts
// such as sales uplift and training cost, recorded per unit and period. The ROI is null when the cost is 0.
// Business KPIs describe units, not employees, so minGroupSize does not apply.
#include "api/negotiation.h"
#include "floorwalk/wire.h"
#include "indicators/access.h"
#include "indicators/handlers.h"
#include "indicators/kpi_metrics.h"
#include "indicators/query_params.h"

#include <algorithm>

namespace floorwalk::server::indicators {

Response get_roi(const Request& request, const QueryContext& context, std::span<const KpiValue> kpis) {
    RoiParams params;
    if (auto error = read_roi_params(request, context.now, params)) return std::move(*error);
    const auto choice = choose_unit(request, context.caller, context.index);
    if (choice.error) return *choice.error;
    const UnitNode& unit = *choice.unit;

    const auto metrics = metric_names(kpis);
    if (!std::ranges::binary_search(metrics, params.benefit_metric))
        return unknown_metric(request, "benefitMetric", params.benefit_metric, metrics);
    if (!std::ranges::binary_search(metrics, params.cost_metric))
        return unknown_metric(request, "costMetric", params.cost_metric, metrics);

    double benefit = 0;
    double cost = 0;
    for (const auto& kpi : kpis) {
        const bool is_benefit = kpi.metric == params.benefit_metric;
        const bool is_cost = kpi.metric == params.cost_metric;
        if (!is_benefit && !is_cost) continue;
        const UnitNode* node = context.index.find_unit(kpi.unit_id);
        const auto period = parse_period(kpi.period);
        if (node == nullptr || !period || !OrganizationIndex::is_within(*node, unit)) continue;
        if (!period_in_range(*period, params.from, params.to)) continue;
        if (is_benefit) benefit += kpi.value;
        if (is_cost) cost += kpi.value;
    }

    ::floorwalk::v1::RoiResponse message;
    message.set_unit_id(unit.unit.id);
    message.set_benefit_metric(params.benefit_metric);
    message.set_cost_metric(params.cost_metric);
    message.set_benefit(benefit);
    message.set_cost(cost);
    wire::set_value(message.mutable_roi_percent(), roi_percent(benefit, cost));
    wire::to_proto(params.from, message.mutable_from());
    wire::to_proto(params.to, message.mutable_to());
    return message_response(request, message);
}

}  // namespace floorwalk::server::indicators
