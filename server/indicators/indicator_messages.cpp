#include "indicators/indicator_messages.h"

#include "floorwalk/wire.h"

namespace floorwalk::server::indicators {

::floorwalk::v1::HiddenReason to_proto(Suppression suppression) {
    switch (suppression) {
        case Suppression::none: return ::floorwalk::v1::HIDDEN_REASON_UNSPECIFIED;
        case Suppression::small_group: return ::floorwalk::v1::SMALL_GROUP;
        case Suppression::complementary: return ::floorwalk::v1::COMPLEMENTARY;
    }
    return ::floorwalk::v1::HIDDEN_REASON_UNSPECIFIED;
}

void withhold(::floorwalk::v1::IndicatorsResponse* out, Suppression why) {
    out->set_hidden(true);
    out->set_hidden_reason(to_proto(why));
    wire::set_value(out->mutable_transformation_rate(), std::nullopt);
    wire::set_value(out->mutable_deployment_rate(), std::nullopt);
    wire::set_value(out->mutable_coverage(), std::nullopt);
    out->set_assessed_employees(0);
    out->set_accompanied_employees(0);
    // With one employee, "observed or coached in the period" is his deployment: these count his records.
    out->set_observations(0);
    out->set_activities(0);
    out->clear_dimensions();
}

void withhold(::floorwalk::v1::ChildIndicator* out, Suppression why) {
    out->set_hidden(true);
    out->set_hidden_reason(to_proto(why));
    wire::set_value(out->mutable_transformation_rate(), std::nullopt);
    wire::set_value(out->mutable_deployment_rate(), std::nullopt);
    out->clear_dimensions();
}

void withhold(::floorwalk::v1::SeriesPoint* out) {
    wire::set_value(out->mutable_transformation_rate(), std::nullopt);
    wire::set_value(out->mutable_deployment_rate(), std::nullopt);
    out->set_observations(0);
    out->clear_dimensions();
}

}  // namespace floorwalk::server::indicators
