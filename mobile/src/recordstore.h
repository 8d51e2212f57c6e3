// What the screens read: each record as the manager currently sees it, i.e. his newest unsent change if there is
// one, else the server's revision. Deleted records are left out.
//
// Threading: GUI thread only.
#pragma once

#include "records.h"

class Database;

class RecordStore
{
public:
    explicit RecordStore(Database &db);

    [[nodiscard]] QList<ObservationRecord> currentObservations() const;
    [[nodiscard]] QList<ObservationRecord> observationsOf(const QString &employeeId) const;  // newest first
    [[nodiscard]] std::optional<ObservationRecord> observation(const QString &id) const;
    [[nodiscard]] QList<ActivityRecord> currentActivities() const;
    [[nodiscard]] std::optional<ActivityRecord> activity(const QString &id) const;

private:
    [[nodiscard]] QList<ObservationRecord> observations(const QString &condition, const QVariantList &binds) const;
    [[nodiscard]] QList<ActivityRecord> activities(const QString &condition, const QVariantList &binds) const;

    Database &m_db;
};
