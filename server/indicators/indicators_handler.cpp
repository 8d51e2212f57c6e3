// GET /api/v1/indicators: one unit's figures, its direct children and its managers' animation.
#include "api/negotiation.h"
#include "floorwalk/wire.h"
#include "indicators/access.h"
#include "indicators/handlers.h"
#include "indicators/indicator_messages.h"
#include "indicators/query_params.h"

namespace floorwalk::server::indicators {

Response get_indicators(const Request& request, const QueryContext& context) {
    IndicatorParams params;
    if (auto error = read_indicator_params(request, context.now, params)) return std::move(*error);
    const auto choice = choose_unit(request, context.caller, context.index);
    if (choice.error) return *choice.error;
    const UnitNode& unit = *choice.unit;

    const Disclosure disclosure(context.caller, context.index);
    ::floorwalk::v1::IndicatorsResponse message;
    wire::to_proto(context.index.indicators(unit, params), params, &message);
    if (disclosure.hidden(unit)) withhold(&message, disclosure.of(unit));
    for (int i = 0; i < message.children_size(); ++i) {
        const auto& child = context.index.units()[static_cast<std::size_t>(unit.children[static_cast<std::size_t>(i)])];
        if (disclosure.hidden(child)) withhold(message.mutable_children(i), disclosure.of(child));
    }
    return message_response(request, message);
}

}  // namespace floorwalk::server::indicators
