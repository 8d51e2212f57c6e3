#include "recordstore.h"

#include "database.h"
#include "jsoncolumns.h"
#include "metakeys.h"
#include "recordrows.h"

#include <QSqlQuery>

#include <algorithm>

namespace {

// The newest unacknowledged entry of each record of `kind`, plus whether any of its entries needs attention (a
// pending edit queued behind a rejected revision still needs the manager).
QString openEntriesSql(RecordKind kind, const QString &condition)
{
    return QStringLiteral("SELECT %1, EXISTS (SELECT 1 FROM outbox a WHERE a.record_id = o.record_id "
                          "AND a.kind = o.kind AND a.state IN (%2, %3)) FROM outbox o "
                          "WHERE o.kind = %4 AND o.state <> %5 AND o.seq = (SELECT MAX(seq) FROM outbox i "
                          "WHERE i.record_id = o.record_id AND i.kind = o.kind AND i.state <> %5) %6")
        .arg(RecordRows::outboxColumns())
        .arg(int(OutboxState::Rejected))
        .arg(int(OutboxState::Conflict))
        .arg(int(kind))
        .arg(int(OutboxState::Acknowledged))
        .arg(condition.isEmpty() ? QString() : QStringLiteral("AND o.") + condition);
}

// Server copies of the records that have no unacknowledged local change.
QString serverRowsSql(RecordKind kind, const QString &columns, const QString &condition)
{
    return QStringLiteral("SELECT %1 FROM %2 s WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = s.id "
                          "AND o.kind = %3 AND o.state <> %4) %5")
        .arg(columns, kind == RecordKind::Observation ? QStringLiteral("observations") : QStringLiteral("activities"))
        .arg(int(kind))
        .arg(int(OutboxState::Acknowledged))
        .arg(condition.isEmpty() ? QString() : QStringLiteral("AND s.") + condition);
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
}

}  // namespace

RecordStore::RecordStore(Database &db)
    : m_db(db)
{
}

QList<ObservationRecord> RecordStore::observations(const QString &condition, const QVariantList &binds) const
{
    QList<ObservationRecord> out;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(serverRowsSql(RecordKind::Observation, RecordRows::observationColumns(), condition));
    bindAll(q, binds);
    if (q.exec()) {
        while (q.next())
            out.append(RecordRows::readServerObservation(q));
    }
    const QString user = JsonColumns::toUser(m_db.meta(MetaKey::user)).id;
    q.prepare(openEntriesSql(RecordKind::Observation, condition));
    bindAll(q, binds);
    if (q.exec()) {
        while (q.next()) {
            OutboxEntry e = RecordRows::readOutboxEntry(q, user);
            if (e.observation.deleted)
                continue;
            if (q.value(22).toBool())
                e.observation.localState = LocalState::NeedsAttention;
            out.append(std::move(e.observation));
        }
    }
    return out;
}

QList<ActivityRecord> RecordStore::activities(const QString &condition, const QVariantList &binds) const
{
    QList<ActivityRecord> out;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(serverRowsSql(RecordKind::Activity, RecordRows::activityColumns(), condition));
    bindAll(q, binds);
    if (q.exec()) {
        while (q.next())
            out.append(RecordRows::readServerActivity(q));
    }
    const QString user = JsonColumns::toUser(m_db.meta(MetaKey::user)).id;
    q.prepare(openEntriesSql(RecordKind::Activity, condition));
    bindAll(q, binds);
    if (q.exec()) {
        while (q.next()) {
            OutboxEntry e = RecordRows::readOutboxEntry(q, user);
            if (e.activity.deleted)
                continue;
            if (q.value(22).toBool())
                e.activity.localState = LocalState::NeedsAttention;
            out.append(std::move(e.activity));
        }
    }
    return out;
}

QList<ObservationRecord> RecordStore::currentObservations() const
{
    return observations({}, {});
}

QList<ObservationRecord> RecordStore::observationsOf(const QString &employeeId) const
{
    QList<ObservationRecord> out = observations(QStringLiteral("employee_id = ?"), {employeeId});
    std::sort(out.begin(), out.end(), [](const ObservationRecord &a, const ObservationRecord &b) {
        return a.observedAt != b.observedAt ? a.observedAt > b.observedAt : a.id > b.id;
    });
    return out;
}

std::optional<ObservationRecord> RecordStore::observation(const QString &id) const
{
    // The server table names the column `id`, the outbox `record_id`: query each side with its own condition.
    QSqlQuery q(m_db.connection());
    const QString user = JsonColumns::toUser(m_db.meta(MetaKey::user)).id;
    q.prepare(openEntriesSql(RecordKind::Observation, QStringLiteral("record_id = ?")));
    q.addBindValue(id);
    if (q.exec() && q.next()) {
        OutboxEntry e = RecordRows::readOutboxEntry(q, user);
        if (e.observation.deleted)
            return std::nullopt;
        if (q.value(22).toBool())
            e.observation.localState = LocalState::NeedsAttention;
        return e.observation;
    }
    q.prepare(QStringLiteral("SELECT %1 FROM observations WHERE id = ?").arg(RecordRows::observationColumns()));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return RecordRows::readServerObservation(q);
    return std::nullopt;
}

QList<ActivityRecord> RecordStore::currentActivities() const
{
    return activities({}, {});
}

std::optional<ActivityRecord> RecordStore::activity(const QString &id) const
{
    QSqlQuery q(m_db.connection());
    const QString user = JsonColumns::toUser(m_db.meta(MetaKey::user)).id;
    q.prepare(openEntriesSql(RecordKind::Activity, QStringLiteral("record_id = ?")));
    q.addBindValue(id);
    if (q.exec() && q.next()) {
        OutboxEntry e = RecordRows::readOutboxEntry(q, user);
        if (e.activity.deleted)
            return std::nullopt;
        if (q.value(22).toBool())
            e.activity.localState = LocalState::NeedsAttention;
        return e.activity;
    }
    q.prepare(QStringLiteral("SELECT %1 FROM activities WHERE id = ?").arg(RecordRows::activityColumns()));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return RecordRows::readServerActivity(q);
    return std::nullopt;
}
