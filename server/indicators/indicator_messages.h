// Withholding the figures of a hidden unit (minGroupSize, see Disclosure) from an indicator message that
// wire::to_proto filled: the unit keeps its identity, its active employee count, hidden=true and the reason; its
// rates become null and its per-dimension figures, employee counts and observation/activity counts are removed.
#pragma once

#include "floorwalk/suppression.h"
#include "floorwalk/v1/floorwalk.pb.h"

namespace floorwalk::server::indicators {

[[nodiscard]] ::floorwalk::v1::HiddenReason to_proto(Suppression suppression);

void withhold(::floorwalk::v1::IndicatorsResponse* out, Suppression why);
void withhold(::floorwalk::v1::ChildIndicator* out, Suppression why);
void withhold(::floorwalk::v1::SeriesPoint* out);

}  // namespace floorwalk::server::indicators
