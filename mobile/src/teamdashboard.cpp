#include "teamdashboard.h"

#include "domainconversion.h"
#include "indicatorinput.h"
#include "localstore.h"

#include "floorwalk/time.h"

#include <QHash>

#include <functional>
#include <limits>

namespace {

qreal orNaN(const std::optional<double> &value)
{
    return value ? qreal(*value) : std::numeric_limits<qreal>::quiet_NaN();
}

QString weekLabel(floorwalk::Timestamp t)
{
    const QString week = QString::fromStdString(floorwalk::iso_week_label(t));
    return week.mid(week.indexOf(QLatin1Char('W')));
}

}  // namespace

TeamDashboard::TeamDashboard(QObject *parent)
    : QObject(parent)
{
}

int TeamDashboard::periodDays() const
{
    return floorwalk::default_period_days;
}

int TeamDashboard::windowDays() const
{
    return floorwalk::default_window_days;
}

void TeamDashboard::setStore(LocalStore *store)
{
    if (!m_watch.follow(store))
        return;
    Q_EMIT storeChanged();
    refresh();
}

QStringList TeamDashboard::unitNames() const
{
    QStringList names;
    for (const UnitChoice &u : m_units)
        names.append(u.name);
    return names;
}

void TeamDashboard::setUnitIndex(int index)
{
    if (index == m_unitIndex || index < 0 || index >= m_units.size())
        return;
    m_unitIndex = index;
    Q_EMIT unitIndexChanged();
    refresh();
}

void TeamDashboard::refresh()
{
    using namespace DomainConversion;
    const qreal nan = std::numeric_limits<qreal>::quiet_NaN();
    QList<DimensionFiguresModel::Row> dimensionRows;
    QList<DueEmployeeModel::Row> dueRows;
    m_seriesLabels.clear();
    m_seriesTransformation.clear();
    m_seriesDeployment.clear();
    m_transformationRate = m_deploymentRate = m_coverage = nan;
    m_activeEmployees = m_assessedEmployees = m_accompaniedEmployees = m_observationCount = m_activityCount = 0;
    m_unitName.clear();

    if (m_watch.store()) {
        const floorwalk::IndicatorInput input = IndicatorInput::build(*m_watch.store());

        // The units the phone holds, top-down, so the manager can look at his store or one of its teams.
        const QString previous = m_unitIndex < m_units.size() ? m_units.at(m_unitIndex).id : QString();
        QList<UnitChoice> units;
        std::function<void(const std::string &, int)> visit = [&](const std::string &id, int depth) {
            const floorwalk::Unit *unit = input.units.find(id);
            if (!unit)
                return;
            units.append({fromDomain(unit->id), QString(depth * 2, QLatin1Char(' ')) + fromDomain(unit->name)});
            for (const floorwalk::Unit *child : input.units.children(id))
                visit(child->id, depth + 1);
        };
        for (const std::string &root : IndicatorInput::rootUnits(input))
            visit(root, 0);
        if (units.size() != m_units.size()
            || !std::equal(units.cbegin(), units.cend(), m_units.cbegin(),
                           [](const UnitChoice &a, const UnitChoice &b) { return a.id == b.id && a.name == b.name; })) {
            m_units = units;
            int index = 0;
            const QStringList mine = m_watch.store()->user().unitIds;
            for (int i = 0; i < m_units.size(); ++i) {
                if (m_units.at(i).id == previous || (previous.isEmpty() && mine.contains(m_units.at(i).id))) {
                    index = i;
                    break;
                }
            }
            m_unitIndex = index;
            Q_EMIT unitsChanged();
            Q_EMIT unitIndexChanged();
        }

        if (!m_units.isEmpty() && input.model.scale.levels.size() > 0) {
            const std::string unitId = toDomain(m_units.at(m_unitIndex).id);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const floorwalk::IndicatorParams params = IndicatorInput::paramsAt(now, floorwalk::default_period_days);
            const floorwalk::UnitIndicators indicators = floorwalk::compute_indicators(input, unitId, params);
            m_unitName = fromDomain(indicators.unit_name);
            m_transformationRate = orNaN(indicators.figures.transformation_rate);
            m_deploymentRate = orNaN(indicators.figures.deployment_rate);
            m_coverage = orNaN(indicators.figures.coverage);
            m_activeEmployees = indicators.figures.active_employees;
            m_assessedEmployees = indicators.figures.assessed_employees;
            m_accompaniedEmployees = indicators.figures.accompanied_employees;
            m_observationCount = indicators.observations;
            m_activityCount = indicators.activities;
            m_masteryThreshold = input.model.scale.mastery_threshold;
            for (const floorwalk::DimensionFigures &d : indicators.figures.dimensions)
                dimensionRows.append({fromDomain(d.dimension_id), fromDomain(d.name), orNaN(d.mastery_rate),
                                      orNaN(d.coverage), d.assessed, d.mastered, orNaN(d.average_level)});

            // The learning curve: completed weeks, then today.
            const floorwalk::Timestamp at = params.at;
            for (const floorwalk::SeriesPointFigures &point : floorwalk::compute_series(
                     input, unitId, at - std::chrono::days(7 * (seriesWeeks - 1)), at, floorwalk::default_window_days)) {
                m_seriesLabels.append(weekLabel(point.at));
                m_seriesTransformation.append(orNaN(point.figures.transformation_rate));
                m_seriesDeployment.append(orNaN(point.figures.deployment_rate));
            }
            m_seriesLabels.append(weekLabel(at));
            m_seriesTransformation.append(m_transformationRate);
            m_seriesDeployment.append(m_deploymentRate);

            // Who is due, with the organisation's N days.
            const int dueDays = m_watch.store()->cache().settings().dueAfterDays;
            const auto facts = floorwalk::assess_employees(input, unitId, IndicatorInput::paramsAt(now, dueDays));
            QHash<QString, QDateTime> lastAccompanied;
            for (const floorwalk::Observation &o : input.observations) {
                const QString id = fromDomain(o.employee_id);
                const QDateTime t = fromDomain(o.observed_at);
                if (lastAccompanied.value(id) < t)
                    lastAccompanied.insert(id, t);
            }
            for (const floorwalk::CoachingActivity &a : input.activities) {
                const QDateTime t = fromDomain(a.occurred_at);
                for (const std::string &p : a.participant_ids) {
                    const QString id = fromDomain(p);
                    if (lastAccompanied.value(id) < t)
                        lastAccompanied.insert(id, t);
                }
            }
            QHash<QString, QString> names;
            QHash<QString, QString> teams;
            for (const floorwalk::Employee &e : input.employees) {
                names.insert(fromDomain(e.id), fromDomain(e.display_name));
                if (const floorwalk::Unit *u = input.units.find(e.unit_id))
                    teams.insert(fromDomain(e.id), fromDomain(u->name));
            }
            for (const floorwalk::EmployeeFacts &f : facts) {
                if (f.accompanied)
                    continue;
                const QString id = fromDomain(f.employee_id);
                const QDateTime last = lastAccompanied.value(id);
                dueRows.append({id, names.value(id), teams.value(id), last.isValid() ? int(last.daysTo(now)) : -1});
            }
        }
    }
    m_dimensions.reset(dimensionRows);
    m_due.reset(dueRows);
    Q_EMIT figuresChanged();
}
