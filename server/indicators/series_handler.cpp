// GET /api/v1/indicators/series: the learning curve, one point per ISO week.
#include "api/negotiation.h"
#include "floorwalk/wire.h"
#include "indicators/access.h"
#include "indicators/handlers.h"
#include "indicators/indicator_messages.h"
#include "indicators/query_params.h"

namespace floorwalk::server::indicators {

Response get_series(const Request& request, const QueryContext& context) {
    SeriesParams params;
    if (auto error = read_series_params(request, context.now, params)) return std::move(*error);
    const auto choice = choose_unit(request, context.caller, context.index);
    if (choice.error) return *choice.error;
    const UnitNode& unit = *choice.unit;
    const auto suppression = Disclosure(context.caller, context.index).of(unit);
    const bool hidden = suppression != Suppression::none;

    ::floorwalk::v1::SeriesResponse message;
    message.set_unit_id(unit.unit.id);
    message.set_unit_name(unit.unit.name);
    message.set_window_days(params.window_days);
    message.set_hidden(hidden);
    message.set_hidden_reason(to_proto(suppression));
    for (const auto& point : context.index.series(unit, params.from, params.to, params.window_days)) {
        auto* out = message.add_points();
        wire::to_proto(point, out);
        if (hidden) withhold(out);
    }
    return message_response(request, message);
}

}  // namespace floorwalk::server::indicators
