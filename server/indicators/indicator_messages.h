// Withholding the figures of a hidden unit (minGroupSize) from an indicator message that wire::to_proto filled:
// the unit keeps its identity, its active employee count and hidden=true; its rates become null and its
// per-dimension figures and employee counts are removed.
#pragma once

#include "floorwalk/v1/floorwalk.pb.h"

namespace floorwalk::server::indicators {

void withhold(::floorwalk::v1::IndicatorsResponse* out);
void withhold(::floorwalk::v1::ChildIndicator* out);
void withhold(::floorwalk::v1::SeriesPoint* out);

}  // namespace floorwalk::server::indicators
