// Conversion between the domain model and the floorwalk.v1 protobuf messages, and the JSON mapping.
// Only translation units that speak the wire include this header (it pulls in protobuf).
#pragma once

#include "floorwalk/domain.h"
#include "floorwalk/indicators.h"
#include "floorwalk/v1/floorwalk.pb.h"

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>

namespace floorwalk::wire {

namespace pb = ::floorwalk::v1;

[[nodiscard]] Timestamp from_proto(const google::protobuf::Timestamp& t);
void to_proto(Timestamp t, google::protobuf::Timestamp* out);

// A nullable number: JSON null when empty, and also when not finite (JSON has no NaN or infinity).
void set_value(google::protobuf::Value* out, std::optional<double> value);
[[nodiscard]] std::optional<double> get_value(const google::protobuf::Value& value);

[[nodiscard]] Role from_proto(pb::Role role);
[[nodiscard]] pb::Role to_proto(Role role);
[[nodiscard]] UnitKind from_proto(pb::UnitKind kind);
[[nodiscard]] pb::UnitKind to_proto(UnitKind kind);
[[nodiscard]] ActivityKind from_proto(pb::ActivityKind kind);
[[nodiscard]] pb::ActivityKind to_proto(ActivityKind kind);

[[nodiscard]] Unit from_proto(const pb::Unit& in);
void to_proto(const Unit& in, pb::Unit* out);
[[nodiscard]] Employee from_proto(const pb::Employee& in);
void to_proto(const Employee& in, pb::Employee* out);
[[nodiscard]] User from_proto(const pb::User& in);
void to_proto(const User& in, pb::User* out);
[[nodiscard]] OrganizationSettings from_proto(const pb::OrganizationSettings& in);
void to_proto(const OrganizationSettings& in, pb::OrganizationSettings* out);
[[nodiscard]] ExperienceModel from_proto(const pb::ExperienceModel& in);
void to_proto(const ExperienceModel& in, pb::ExperienceModel* out);
[[nodiscard]] Observation from_proto(const pb::Observation& in);
void to_proto(const Observation& in, pb::Observation* out);
[[nodiscard]] CoachingActivity from_proto(const pb::CoachingActivity& in);
void to_proto(const CoachingActivity& in, pb::CoachingActivity* out);
[[nodiscard]] KpiValue from_proto(const pb::KpiValue& in);
void to_proto(const KpiValue& in, pb::KpiValue* out);

// Domain to message: each sets every field the domain type has (repeated fields are replaced) and leaves the
// message's other fields as they are (an observation's receivedAt, a child's hidden flag). Undefined rates become
// JSON null through set_value.
void to_proto(const DimensionFigures& in, pb::DimensionIndicator* out);
void to_proto(const ChildFigures& in, pb::ChildIndicator* out);
void to_proto(const ManagerFigures& in, pb::ManagerActivity* out);
// The figures and their parameters; `hidden` (minGroupSize) is the server's decision and is left untouched.
void to_proto(const UnitIndicators& in, const IndicatorParams& params, pb::IndicatorsResponse* out);
void to_proto(const SeriesPointFigures& in, pb::SeriesPoint* out);

// Protobuf's canonical JSON mapping. Output keeps lowerCamelCase names, prints enums as names and prints fields
// at their default value (so a client always sees every key). Parsing ignores nothing: the text is first screened
// (json_screen.h: strict RFC 8259, nesting and size limits, no member given twice), then an unknown field is an
// error too; `error` says what is wrong (the screen's sentence, or protobuf's own explanation) and `message` is
// left cleared. to_json throws
// std::invalid_argument if protobuf refuses to print a message (a programming error, never a client's).
[[nodiscard]] std::string to_json(const google::protobuf::Message& message, bool pretty = false);
[[nodiscard]] bool from_json(std::string_view json, google::protobuf::Message* message, std::string* error);

// Binary protobuf; false (and `message` cleared) when the bytes do not parse as that message.
[[nodiscard]] bool from_binary(std::string_view bytes, google::protobuf::Message* message);

// An error body {"error": {...}}.
[[nodiscard]] pb::ErrorResponse make_error(std::string code, std::string message);

}  // namespace floorwalk::wire
