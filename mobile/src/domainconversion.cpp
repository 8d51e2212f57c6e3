#include "domainconversion.h"

namespace DomainConversion {

floorwalk::Timestamp toDomain(const QDateTime &t)
{
    return floorwalk::Timestamp(std::chrono::milliseconds(t.isValid() ? t.toMSecsSinceEpoch() : 0));
}

QDateTime fromDomain(floorwalk::Timestamp t)
{
    return QDateTime::fromMSecsSinceEpoch(t.time_since_epoch().count(), Qt::UTC);
}

std::string toDomain(const QString &s)
{
    return s.toStdString();
}

QString fromDomain(const std::string &s)
{
    return QString::fromStdString(s);
}

std::vector<std::string> toDomain(const QStringList &list)
{
    std::vector<std::string> out;
    out.reserve(std::size_t(list.size()));
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

QStringList fromDomain(const std::vector<std::string> &list)
{
    QStringList out;
    out.reserve(qsizetype(list.size()));
    for (const std::string &s : list)
        out.append(QString::fromStdString(s));
    return out;
}

floorwalk::ExperienceModel toDomain(const ModelInfo &model)
{
    floorwalk::ExperienceModel out;
    out.id = toDomain(model.id);
    out.version = model.version;
    out.name = toDomain(model.name);
    out.scale.mastery_threshold = model.masteryThreshold;
    for (const ScaleLevel &l : model.levels)
        out.scale.levels.push_back({l.level, toDomain(l.label)});
    for (const DimensionInfo &d : model.dimensions)
        out.dimensions.push_back({toDomain(d.id), toDomain(d.name), toDomain(d.description), toDomain(d.behaviours)});
    return out;
}

ModelInfo fromDomain(const floorwalk::ExperienceModel &model)
{
    ModelInfo out;
    out.id = fromDomain(model.id);
    out.version = model.version;
    out.name = fromDomain(model.name);
    out.masteryThreshold = model.scale.mastery_threshold;
    for (const floorwalk::MasteryLevel &l : model.scale.levels)
        out.levels.append({l.level, fromDomain(l.label)});
    for (const floorwalk::Dimension &d : model.dimensions)
        out.dimensions.append({fromDomain(d.id), fromDomain(d.name), fromDomain(d.description),
                               fromDomain(d.behaviours)});
    return out;
}

floorwalk::Unit toDomain(const UnitRecord &unit)
{
    return {toDomain(unit.id), toDomain(unit.parentId), toDomain(unit.name), floorwalk::UnitKind(int(unit.kind))};
}

UnitRecord fromDomain(const floorwalk::Unit &unit)
{
    return {fromDomain(unit.id), fromDomain(unit.parent_id), fromDomain(unit.name), UnitKind(int(unit.kind))};
}

floorwalk::Employee toDomain(const EmployeeRecord &employee)
{
    return {toDomain(employee.id), toDomain(employee.unitId), toDomain(employee.displayName),
            toDomain(employee.jobTitle), employee.active};
}

EmployeeRecord fromDomain(const floorwalk::Employee &employee)
{
    return {fromDomain(employee.id), fromDomain(employee.unit_id), fromDomain(employee.display_name),
            fromDomain(employee.job_title), employee.active};
}

floorwalk::User toDomain(const UserInfo &user)
{
    return {toDomain(user.id), toDomain(user.username), toDomain(user.displayName), floorwalk::Role(int(user.role)),
            toDomain(user.unitIds)};
}

UserInfo fromDomain(const floorwalk::User &user)
{
    return {fromDomain(user.id), fromDomain(user.username), fromDomain(user.display_name), UserRole(int(user.role)),
            fromDomain(user.unit_ids)};
}

OrgSettings fromDomain(const floorwalk::OrganizationSettings &settings)
{
    return {settings.min_group_size, settings.due_after_days};
}

floorwalk::Observation toDomain(const ObservationRecord &o)
{
    floorwalk::Observation out;
    out.id = toDomain(o.id);
    out.employee_id = toDomain(o.employeeId);
    out.observer_id = toDomain(o.observerId);
    out.observed_at = toDomain(o.observedAt);
    out.model_version = o.modelVersion;
    for (const RatingValue &r : o.ratings)
        out.ratings.push_back({toDomain(r.dimensionId), r.level});
    out.comment = toDomain(o.comment);
    out.coaching_action = toDomain(o.coachingAction);
    out.revision = o.revision;
    out.base_revision = o.baseRevision;
    out.deleted = o.deleted;
    return out;
}

ObservationRecord fromDomain(const floorwalk::Observation &o)
{
    ObservationRecord out;
    out.id = fromDomain(o.id);
    out.employeeId = fromDomain(o.employee_id);
    out.observerId = fromDomain(o.observer_id);
    out.observedAt = fromDomain(o.observed_at);
    out.modelVersion = o.model_version;
    for (const floorwalk::Rating &r : o.ratings)
        out.ratings.append({fromDomain(r.dimension_id), r.level});
    out.comment = fromDomain(o.comment);
    out.coachingAction = fromDomain(o.coaching_action);
    out.revision = o.revision;
    out.baseRevision = o.base_revision;
    out.deleted = o.deleted;
    return out;
}

floorwalk::CoachingActivity toDomain(const ActivityRecord &a)
{
    floorwalk::CoachingActivity out;
    out.id = toDomain(a.id);
    out.manager_id = toDomain(a.managerId);
    out.kind = floorwalk::ActivityKind(int(a.kind));
    out.occurred_at = toDomain(a.occurredAt);
    out.participant_ids = toDomain(a.participantIds);
    out.note = toDomain(a.note);
    out.revision = a.revision;
    out.base_revision = a.baseRevision;
    out.deleted = a.deleted;
    return out;
}

ActivityRecord fromDomain(const floorwalk::CoachingActivity &a)
{
    ActivityRecord out;
    out.id = fromDomain(a.id);
    out.managerId = fromDomain(a.manager_id);
    out.kind = ActivityKind(int(a.kind));
    out.occurredAt = fromDomain(a.occurred_at);
    out.participantIds = fromDomain(a.participant_ids);
    out.note = fromDomain(a.note);
    out.revision = a.revision;
    out.baseRevision = a.base_revision;
    out.deleted = a.deleted;
    return out;
}

}  // namespace DomainConversion
