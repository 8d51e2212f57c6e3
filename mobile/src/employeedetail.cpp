#include "employeedetail.h"

#include "domainconversion.h"
#include "indicatorinput.h"
#include "localstore.h"

#include "floorwalk/time.h"

#include <algorithm>
#include <cmath>
#include <limits>

EmployeeDetail::EmployeeDetail(QObject *parent)
    : QObject(parent)
{
}

void EmployeeDetail::setStore(LocalStore *store)
{
    if (!m_watch.follow(store))
        return;
    Q_EMIT storeChanged();
    refresh();
}

void EmployeeDetail::setEmployeeId(const QString &id)
{
    if (m_employeeId == id)
        return;
    m_employeeId = id;
    Q_EMIT employeeIdChanged();
    refresh();
}

void EmployeeDetail::refresh()
{
    using namespace DomainConversion;
    m_employee = {};
    m_team.clear();
    m_lastObservedAt = {};
    m_daysSinceAccompanied = -1;
    m_due = false;
    m_mastered = 0;
    m_assessed = 0;
    m_trendLabels.clear();
    m_trendValues.clear();
    QList<DimensionLevelModel::Row> levelRows;
    QList<ObservationRecord> history;

    if (m_watch.store() && !m_employeeId.isEmpty()) {
        m_model = m_watch.store()->cache().model();
        m_dueAfterDays = m_watch.store()->cache().settings().dueAfterDays;
        if (const auto employee = m_watch.store()->cache().employee(m_employeeId))
            m_employee = *employee;
        for (const UnitRecord &u : m_watch.store()->cache().units()) {
            if (u.id == m_employee.unitId)
                m_team = u.name;
        }
        history = m_watch.store()->records().observationsOf(m_employeeId);
        if (!history.isEmpty())
            m_lastObservedAt = history.constFirst().observedAt;

        std::vector<floorwalk::Observation> observations;
        observations.reserve(std::size_t(history.size()));
        for (const ObservationRecord &o : history)
            observations.push_back(toDomain(o));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const floorwalk::Timestamp at = toDomain(now);
        const std::string employee = toDomain(m_employeeId);

        for (const DimensionInfo &d : m_model.dimensions) {
            DimensionLevelModel::Row row;
            row.dimensionId = d.id;
            row.name = d.name;
            const std::optional<int> level =
                floorwalk::assessment(observations, employee, toDomain(d.id), at, floorwalk::default_window_days);
            row.level = level.value_or(0);
            row.label = level ? m_model.levelLabel(*level) : QString();
            row.mastered = level && *level >= m_model.masteryThreshold;
            // The rating before the one that gives today's level (history is newest first).
            bool seenCurrent = false;
            for (const ObservationRecord &o : history) {
                const auto rated = o.levelFor(d.id);
                if (!rated)
                    continue;
                if (!seenCurrent) {
                    seenCurrent = true;
                    continue;
                }
                row.previousLevel = *rated;
                break;
            }
            if (level) {
                ++m_assessed;
                if (row.mastered)
                    ++m_mastered;
            }
            levelRows.append(row);
        }

        // Accompanied = observed or named in a coaching activity; the same rule as the home list.
        QDateTime lastAccompanied = m_lastObservedAt;
        for (const ActivityRecord &a : m_watch.store()->records().currentActivities()) {
            if (a.participantIds.contains(m_employeeId) && a.occurredAt > lastAccompanied)
                lastAccompanied = a.occurredAt;
        }
        m_daysSinceAccompanied = lastAccompanied.isValid() ? int(lastAccompanied.daysTo(now)) : -1;
        m_due = m_daysSinceAccompanied < 0 || m_daysSinceAccompanied >= m_dueAfterDays;

        // Completed weeks, then the current week so far, so that today's observation shows at once.
        const floorwalk::Timestamp from = at - std::chrono::days(7 * (trendWeeks - 1));
        std::vector<floorwalk::Timestamp> instants = floorwalk::series_instants(from, at);
        if (instants.empty() || instants.back() < at)
            instants.push_back(at);
        for (const floorwalk::Timestamp weekEnd : instants) {
            int assessed = 0;
            int mastered = 0;
            for (const DimensionInfo &d : m_model.dimensions) {
                const auto level = floorwalk::assessment(observations, employee, toDomain(d.id), weekEnd,
                                                         floorwalk::default_window_days);
                if (!level)
                    continue;
                ++assessed;
                if (*level >= m_model.masteryThreshold)
                    ++mastered;
            }
            const QString week = QString::fromStdString(floorwalk::iso_week_label(weekEnd));
            m_trendLabels.append(week.mid(week.indexOf(QLatin1Char('W'))));
            m_trendValues.append(assessed ? qreal(mastered) / qreal(assessed)
                                          : std::numeric_limits<qreal>::quiet_NaN());
        }
    }
    m_scale.setModel(m_model);
    m_levels.reset(levelRows);
    m_history.reset(history, m_model, m_watch.store() ? m_watch.store()->user().id : QString());
    Q_EMIT changed();
}
