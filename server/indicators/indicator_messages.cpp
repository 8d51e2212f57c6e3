#include "indicators/indicator_messages.h"

#include "floorwalk/wire.h"

namespace floorwalk::server::indicators {

void withhold(::floorwalk::v1::IndicatorsResponse* out) {
    out->set_hidden(true);
    wire::set_value(out->mutable_transformation_rate(), std::nullopt);
    wire::set_value(out->mutable_deployment_rate(), std::nullopt);
    wire::set_value(out->mutable_coverage(), std::nullopt);
    out->set_assessed_employees(0);
    out->set_accompanied_employees(0);
    out->clear_dimensions();
}

void withhold(::floorwalk::v1::ChildIndicator* out) {
    out->set_hidden(true);
    wire::set_value(out->mutable_transformation_rate(), std::nullopt);
    wire::set_value(out->mutable_deployment_rate(), std::nullopt);
    out->clear_dimensions();
}

void withhold(::floorwalk::v1::SeriesPoint* out) {
    wire::set_value(out->mutable_transformation_rate(), std::nullopt);
    wire::set_value(out->mutable_deployment_rate(), std::nullopt);
    out->clear_dimensions();
}

}  // namespace floorwalk::server::indicators
