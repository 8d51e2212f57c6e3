#include "recordrows.h"

#include "jsoncolumns.h"

#include <QSqlError>
#include <QSqlQuery>

namespace RecordRows {

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

qint64 toMillis(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QDateTime fromMillis(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

namespace {

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

}  // namespace

bool upsertServerObservation(QSqlDatabase db, const ObservationRecord &o, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO observations (id, employee_id, observer_id, observed_at, model_version, ratings, comment, "
        "coaching_action, revision, base_revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET employee_id = excluded.employee_id, observer_id = excluded.observer_id, "
        "observed_at = excluded.observed_at, model_version = excluded.model_version, ratings = excluded.ratings, "
        "comment = excluded.comment, coaching_action = excluded.coaching_action, revision = excluded.revision, "
        "base_revision = excluded.base_revision WHERE excluded.revision >= observations.revision"));
    q.addBindValue(text(o.id));
    q.addBindValue(text(o.employeeId));
    q.addBindValue(text(o.observerId));
    q.addBindValue(toMillis(o.observedAt));
    q.addBindValue(o.modelVersion);
    q.addBindValue(JsonColumns::fromRatings(o.ratings));
    q.addBindValue(text(o.comment));
    q.addBindValue(text(o.coachingAction));
    q.addBindValue(o.revision);
    q.addBindValue(o.baseRevision);
    return run(q, error);
}

bool upsertServerActivity(QSqlDatabase db, const ActivityRecord &a, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO activities (id, manager_id, kind, occurred_at, participant_ids, note, revision, base_revision) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET manager_id = excluded.manager_id, kind = excluded.kind, "
        "occurred_at = excluded.occurred_at, participant_ids = excluded.participant_ids, note = excluded.note, "
        "revision = excluded.revision, base_revision = excluded.base_revision "
        "WHERE excluded.revision >= activities.revision"));
    q.addBindValue(text(a.id));
    q.addBindValue(text(a.managerId));
    q.addBindValue(int(a.kind));
    q.addBindValue(toMillis(a.occurredAt));
    q.addBindValue(JsonColumns::fromStringList(a.participantIds));
    q.addBindValue(text(a.note));
    q.addBindValue(a.revision);
    q.addBindValue(a.baseRevision);
    return run(q, error);
}

bool deleteServerRecord(QSqlDatabase db, const QString &id, QString *error)
{
    for (const QString &table : {QStringLiteral("observations"), QStringLiteral("activities")}) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table));
        q.addBindValue(text(id));
        if (!run(q, error))
            return false;
    }
    return true;
}

QString observationColumns()
{
    return QStringLiteral("id, employee_id, observer_id, observed_at, model_version, ratings, comment, "
                          "coaching_action, revision, base_revision");
}

ObservationRecord readServerObservation(const QSqlQuery &q)
{
    ObservationRecord o;
    o.id = q.value(0).toString();
    o.employeeId = q.value(1).toString();
    o.observerId = q.value(2).toString();
    o.observedAt = fromMillis(q.value(3).toLongLong());
    o.modelVersion = q.value(4).toInt();
    o.ratings = JsonColumns::toRatings(q.value(5).toString());
    o.comment = q.value(6).toString();
    o.coachingAction = q.value(7).toString();
    o.revision = q.value(8).toInt();
    o.baseRevision = q.value(9).toInt();
    o.localState = LocalState::Synced;
    return o;
}

QString activityColumns()
{
    return QStringLiteral("id, manager_id, kind, occurred_at, participant_ids, note, revision, base_revision");
}

ActivityRecord readServerActivity(const QSqlQuery &q)
{
    ActivityRecord a;
    a.id = q.value(0).toString();
    a.managerId = q.value(1).toString();
    a.kind = ActivityKind(q.value(2).toInt());
    a.occurredAt = fromMillis(q.value(3).toLongLong());
    a.participantIds = JsonColumns::toStringList(q.value(4).toString());
    a.note = q.value(5).toString();
    a.revision = q.value(6).toInt();
    a.baseRevision = q.value(7).toInt();
    a.localState = LocalState::Synced;
    return a;
}

QString outboxColumns()
{
    return QStringLiteral("seq, kind, record_id, revision, base_revision, deleted, at, employee_id, model_version, "
                          "ratings, comment, coaching_action, activity_kind, participant_ids, note, state, attempts, "
                          "error_code, error_message, stored_revision, created_at, updated_at");
}

OutboxEntry readOutboxEntry(const QSqlQuery &q, const QString &localUserId)
{
    OutboxEntry e;
    e.seq = q.value(0).toLongLong();
    e.kind = RecordKind(q.value(1).toInt());
    e.recordId = q.value(2).toString();
    e.revision = q.value(3).toInt();
    e.baseRevision = q.value(4).toInt();
    const bool deleted = q.value(5).toBool();
    const QDateTime at = fromMillis(q.value(6).toLongLong());
    e.state = OutboxState(q.value(15).toInt());
    e.attempts = q.value(16).toInt();
    e.errorCode = q.value(17).toString();
    e.errorMessage = q.value(18).toString();
    e.storedRevision = q.value(19).toInt();
    e.createdAt = fromMillis(q.value(20).toLongLong());
    e.updatedAt = fromMillis(q.value(21).toLongLong());

    const LocalState localState = e.state == OutboxState::Rejected || e.state == OutboxState::Conflict
        ? LocalState::NeedsAttention
        : e.state == OutboxState::Acknowledged ? LocalState::Synced : LocalState::Pending;
    if (e.kind == RecordKind::Observation) {
        ObservationRecord &o = e.observation;
        o.id = e.recordId;
        o.employeeId = q.value(7).toString();
        o.observerId = localUserId;
        o.observedAt = at;
        o.modelVersion = q.value(8).toInt();
        o.ratings = JsonColumns::toRatings(q.value(9).toString());
        o.comment = q.value(10).toString();
        o.coachingAction = q.value(11).toString();
        o.revision = e.revision;
        o.baseRevision = e.baseRevision;
        o.deleted = deleted;
        o.localState = localState;
    } else {
        ActivityRecord &a = e.activity;
        a.id = e.recordId;
        a.managerId = localUserId;
        a.kind = ActivityKind(q.value(12).toInt());
        a.occurredAt = at;
        a.participantIds = JsonColumns::toStringList(q.value(13).toString());
        a.note = q.value(14).toString();
        a.revision = e.revision;
        a.baseRevision = e.baseRevision;
        a.deleted = deleted;
        a.localState = localState;
    }
    return e;
}

}  // namespace RecordRows
