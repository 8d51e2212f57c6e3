// Conversion between the app's Qt records and shared/'s domain types, for the translation units that call the
// shared code (indicator math, validation, wire). Internal: not included by any header.
#pragma once

#include "records.h"

#include "floorwalk/domain.h"

namespace DomainConversion {

[[nodiscard]] floorwalk::Timestamp toDomain(const QDateTime &t);
[[nodiscard]] QDateTime fromDomain(floorwalk::Timestamp t);
[[nodiscard]] std::string toDomain(const QString &s);
[[nodiscard]] QString fromDomain(const std::string &s);
[[nodiscard]] std::vector<std::string> toDomain(const QStringList &list);
[[nodiscard]] QStringList fromDomain(const std::vector<std::string> &list);

[[nodiscard]] floorwalk::ExperienceModel toDomain(const ModelInfo &model);
[[nodiscard]] ModelInfo fromDomain(const floorwalk::ExperienceModel &model);
[[nodiscard]] floorwalk::Unit toDomain(const UnitRecord &unit);
[[nodiscard]] UnitRecord fromDomain(const floorwalk::Unit &unit);
[[nodiscard]] floorwalk::Employee toDomain(const EmployeeRecord &employee);
[[nodiscard]] EmployeeRecord fromDomain(const floorwalk::Employee &employee);
[[nodiscard]] floorwalk::User toDomain(const UserInfo &user);
[[nodiscard]] UserInfo fromDomain(const floorwalk::User &user);
[[nodiscard]] OrgSettings fromDomain(const floorwalk::OrganizationSettings &settings);
[[nodiscard]] floorwalk::Observation toDomain(const ObservationRecord &observation);
[[nodiscard]] ObservationRecord fromDomain(const floorwalk::Observation &observation);
[[nodiscard]] floorwalk::CoachingActivity toDomain(const ActivityRecord &activity);
[[nodiscard]] ActivityRecord fromDomain(const floorwalk::CoachingActivity &activity);

}  // namespace DomainConversion
