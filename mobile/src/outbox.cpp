#include "outbox.h"

#include "database.h"
#include "jsoncolumns.h"
#include "metakeys.h"
#include "recordrows.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

bool exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool isAttention(OutboxState s)
{
    return s == OutboxState::Rejected || s == OutboxState::Conflict;
}

qint64 nowMillis()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString failedToCommit(const Database &db)
{
    return QStringLiteral("commit failed: %1").arg(db.connection().lastError().text());
}

}  // namespace

Outbox::Outbox(Database &db)
    : m_db(db)
{
}

QString Outbox::localUserId() const
{
    return JsonColumns::toUser(m_db.meta(MetaKey::user)).id;
}

QList<OutboxEntry> Outbox::openEntries(RecordKind kind, const QString &id) const
{
    QList<OutboxEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE record_id = ? AND kind = ? AND state <> ? ORDER BY seq")
                  .arg(RecordRows::outboxColumns()));
    q.addBindValue(RecordRows::text(id));
    q.addBindValue(int(kind));
    q.addBindValue(int(OutboxState::Acknowledged));
    if (q.exec()) {
        const QString user = localUserId();
        while (q.next())
            out.append(RecordRows::readOutboxEntry(q, user));
    }
    return out;
}

std::optional<OutboxEntry> Outbox::latestOpenEntry(RecordKind kind, const QString &id) const
{
    const QList<OutboxEntry> open = openEntries(kind, id);
    if (open.isEmpty())
        return std::nullopt;
    return open.constLast();
}

bool Outbox::saveRecord(RecordKind kind, const QString &id, bool deleted, const ObservationRecord *observation,
                        const ActivityRecord *activity, QString *error)
{
    QSqlDatabase db = m_db.connection();
    Database::Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    const QList<OutboxEntry> open = openEntries(kind, id);
    int serverRevision = 0;
    {
        QSqlQuery q(db);
        q.prepare(kind == RecordKind::Observation ? QStringLiteral("SELECT revision FROM observations WHERE id = ?")
                                                  : QStringLiteral("SELECT revision FROM activities WHERE id = ?"));
        q.addBindValue(RecordRows::text(id));
        if (q.exec() && q.next())
            serverRevision = q.value(0).toInt();
    }
    const auto attention =
        std::find_if(open.cbegin(), open.cend(), [](const OutboxEntry &e) { return isAttention(e.state); });
    const bool onlyUnseen = std::all_of(open.cbegin(), open.cend(), [](const OutboxEntry &e) {
        return (e.state == OutboxState::Pending && e.attempts == 0) || e.state == OutboxState::Rejected;
    });
    const bool anySending = std::any_of(open.cbegin(), open.cend(),
                                        [](const OutboxEntry &e) { return e.state == OutboxState::Sending; });

    auto deleteOpen = [&]() {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM outbox WHERE record_id = ? AND kind = ? AND state IN (?, ?, ?)"));
        q.addBindValue(RecordRows::text(id));
        q.addBindValue(int(kind));
        q.addBindValue(int(OutboxState::Pending));
        q.addBindValue(int(OutboxState::Rejected));
        q.addBindValue(int(OutboxState::Conflict));
        return exec(q, error);
    };

    // Whether the server has ever held this record, from the record's own unsent history rather than the server
    // copy: a pull reset empties the server copies until the full pull brings them back, and a record missing
    // there may well be on the server. The oldest unsent change was made on base revision 0, and none of them may
    // have reached the server.
    const bool neverOnServer = !open.isEmpty() && open.constFirst().baseRevision == 0 && onlyUnseen;
    if (deleted && open.isEmpty() && serverRevision == 0) {
        if (error)
            *error = QStringLiteral("no such record: %1").arg(id);
        return false;
    }
    if (deleted && neverOnServer) {
        // The server has never seen this record: deleting it locally is the whole story.
        if (!deleteOpen())
            return false;
        if (!transaction.commit()) {
            if (error)
                *error = failedToCommit(m_db);
            return false;
        }
        m_db.notifyRecordsChanged();
        m_db.notifyOutboxChanged();
        return true;
    }

    int revision = 0;
    int baseRevision = 0;
    qint64 rewriteSeq = 0;
    if (attention != open.cend() && !anySending) {
        // Resolving a record that needs attention: its unsent changes collapse into one entry.
        baseRevision = attention->state == OutboxState::Conflict
            ? std::max(attention->storedRevision, serverRevision)
            : attention->baseRevision;
        revision = baseRevision + 1;
        if (!deleteOpen())
            return false;
    } else if (!open.isEmpty() && open.constLast().state == OutboxState::Pending && open.constLast().attempts == 0) {
        // Never offered to the server: rewrite in place rather than stacking revisions nobody will see.
        rewriteSeq = open.constLast().seq;
        revision = open.constLast().revision;
        baseRevision = open.constLast().baseRevision;
    } else {
        baseRevision = open.isEmpty() ? serverRevision : open.constLast().revision;
        revision = baseRevision + 1;
    }

    QSqlQuery q(db);
    const QString values = QStringLiteral(
        "revision = ?, base_revision = ?, deleted = ?, at = ?, employee_id = ?, model_version = ?, ratings = ?, "
        "comment = ?, coaching_action = ?, activity_kind = ?, participant_ids = ?, note = ?, updated_at = ?");
    if (rewriteSeq != 0)
        q.prepare(QStringLiteral("UPDATE outbox SET %1 WHERE seq = ?").arg(values));
    else
        q.prepare(QStringLiteral("INSERT INTO outbox (revision, base_revision, deleted, at, employee_id, "
                                 "model_version, ratings, comment, coaching_action, activity_kind, participant_ids, "
                                 "note, updated_at, kind, record_id, state, attempts, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"));
    const qint64 now = nowMillis();
    q.addBindValue(revision);
    q.addBindValue(baseRevision);
    q.addBindValue(deleted ? 1 : 0);
    if (observation) {
        q.addBindValue(RecordRows::toMillis(observation->observedAt));
        q.addBindValue(RecordRows::text(observation->employeeId));
        q.addBindValue(observation->modelVersion);
        q.addBindValue(JsonColumns::fromRatings(observation->ratings));
        q.addBindValue(RecordRows::text(observation->comment));
        q.addBindValue(RecordRows::text(observation->coachingAction));
        q.addBindValue(0);
        q.addBindValue(QStringLiteral("[]"));
        q.addBindValue(QStringLiteral(""));
    } else {
        q.addBindValue(RecordRows::toMillis(activity->occurredAt));
        q.addBindValue(QStringLiteral(""));
        q.addBindValue(0);
        q.addBindValue(QStringLiteral("[]"));
        q.addBindValue(QStringLiteral(""));
        q.addBindValue(QStringLiteral(""));
        q.addBindValue(int(activity->kind));
        q.addBindValue(JsonColumns::fromStringList(activity->participantIds));
        q.addBindValue(RecordRows::text(activity->note));
    }
    q.addBindValue(now);
    if (rewriteSeq != 0) {
        q.addBindValue(rewriteSeq);
    } else {
        q.addBindValue(int(kind));
        q.addBindValue(RecordRows::text(id));
        q.addBindValue(int(OutboxState::Pending));
        q.addBindValue(now);
    }
    if (!exec(q, error))
        return false;
    if (!transaction.commit()) {
        if (error)
            *error = failedToCommit(m_db);
        return false;
    }
    m_db.notifyRecordsChanged();
    m_db.notifyOutboxChanged();
    return true;
}

bool Outbox::saveObservation(const ObservationRecord &record, QString *error)
{
    if (record.id.isEmpty()) {
        if (error)
            *error = QStringLiteral("an observation needs an id");
        return false;
    }
    return saveRecord(RecordKind::Observation, record.id, record.deleted, &record, nullptr, error);
}

bool Outbox::saveActivity(const ActivityRecord &record, QString *error)
{
    if (record.id.isEmpty()) {
        if (error)
            *error = QStringLiteral("an activity needs an id");
        return false;
    }
    return saveRecord(RecordKind::Activity, record.id, record.deleted, nullptr, &record, error);
}

bool Outbox::deleteObservation(const QString &id, QString *error)
{
    ObservationRecord record;
    if (const auto open = latestOpenEntry(RecordKind::Observation, id)) {
        record = open->observation;
    } else {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT %1 FROM observations WHERE id = ?").arg(RecordRows::observationColumns()));
        q.addBindValue(RecordRows::text(id));
        if (!q.exec() || !q.next()) {
            if (error)
                *error = QStringLiteral("no such observation: %1").arg(id);
            return false;
        }
        record = RecordRows::readServerObservation(q);
    }
    record.deleted = true;
    return saveRecord(RecordKind::Observation, id, true, &record, nullptr, error);
}

bool Outbox::deleteActivity(const QString &id, QString *error)
{
    ActivityRecord record;
    if (const auto open = latestOpenEntry(RecordKind::Activity, id)) {
        record = open->activity;
    } else {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT %1 FROM activities WHERE id = ?").arg(RecordRows::activityColumns()));
        q.addBindValue(RecordRows::text(id));
        if (!q.exec() || !q.next()) {
            if (error)
                *error = QStringLiteral("no such activity: %1").arg(id);
            return false;
        }
        record = RecordRows::readServerActivity(q);
    }
    record.deleted = true;
    return saveRecord(RecordKind::Activity, id, true, nullptr, &record, error);
}

QList<OutboxEntry> Outbox::takeBatch(int limit)
{
    QList<OutboxEntry> batch;
    if (limit <= 0)
        return batch;
    Database::Transaction transaction(m_db);
    if (!transaction.isActive())
        return batch;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox o WHERE state = ? AND NOT EXISTS (SELECT 1 FROM outbox p "
                             "WHERE p.record_id = o.record_id AND p.kind = o.kind AND p.seq < o.seq "
                             "AND p.state IN (?, ?)) ORDER BY seq LIMIT ?")
                  .arg(RecordRows::outboxColumns()));
    q.addBindValue(int(OutboxState::Pending));
    q.addBindValue(int(OutboxState::Rejected));
    q.addBindValue(int(OutboxState::Conflict));
    q.addBindValue(limit);
    if (!q.exec())
        return {};
    const QString user = localUserId();
    while (q.next())
        batch.append(RecordRows::readOutboxEntry(q, user));
    QSqlQuery mark(m_db.connection());
    mark.prepare(QStringLiteral("UPDATE outbox SET state = ?, updated_at = ? WHERE seq = ?"));
    const qint64 now = nowMillis();
    for (OutboxEntry &e : batch) {
        mark.addBindValue(int(OutboxState::Sending));
        mark.addBindValue(now);
        mark.addBindValue(e.seq);
        if (!mark.exec())
            return {};
        e.state = OutboxState::Sending;
    }
    if (!transaction.commit())
        return {};
    if (!batch.isEmpty())
        m_db.notifyOutboxChanged();
    return batch;
}

bool Outbox::applyResults(const QList<OutboxEntry> &sent, const QList<PushResultItem> &results, QString *error,
                          int *unanswered)
{
    int missing = 0;
    QList<OutboxEntry> ordered;
    ordered.reserve(sent.size());
    for (const OutboxEntry &e : sent) {
        if (e.kind == RecordKind::Observation)
            ordered.append(e);
    }
    for (const OutboxEntry &e : sent) {
        if (e.kind == RecordKind::Activity)
            ordered.append(e);
    }

    QSqlDatabase db = m_db.connection();
    Database::Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    const qint64 now = nowMillis();
    const QString user = localUserId();
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE outbox SET state = ?, attempts = attempts + ?, error_code = ?, "
                                  "error_message = ?, stored_revision = ?, updated_at = ? WHERE seq = ?"));
    bool recordsChanged = false;
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const OutboxEntry &entry = ordered.at(i);
        const PushResultItem *result = i < results.size() ? &results.at(i) : nullptr;
        if (result && result->id != entry.recordId)
            result = nullptr;  // the answer does not name this record: it was not sent as far as we know

        OutboxState state = OutboxState::Pending;
        int attempt = 1;
        QString code;
        QString message;
        int stored = 0;
        if (result) {
            switch (result->status) {
            case PushStatus::Accepted:
            case PushStatus::Duplicate:
                state = OutboxState::Acknowledged;
                attempt = 0;
                if (entry.kind == RecordKind::Observation) {
                    ObservationRecord o = entry.observation;
                    o.observerId = user;
                    if (!(o.deleted ? RecordRows::deleteServerRecord(db, o.id, error)
                                    : RecordRows::upsertServerObservation(db, o, error)))
                        return false;
                } else {
                    ActivityRecord a = entry.activity;
                    a.managerId = user;
                    if (!(a.deleted ? RecordRows::deleteServerRecord(db, a.id, error)
                                    : RecordRows::upsertServerActivity(db, a, error)))
                        return false;
                }
                recordsChanged = true;
                break;
            case PushStatus::Rejected:
            case PushStatus::Conflict:
                state = result->status == PushStatus::Rejected ? OutboxState::Rejected : OutboxState::Conflict;
                attempt = 0;
                code = result->errorCode;
                message = result->errorMessage;
                stored = result->storedRevision;
                recordsChanged = true;
                break;
            case PushStatus::Unspecified:
                break;
            }
        }
        if (state == OutboxState::Pending)
            ++missing;
        update.addBindValue(int(state));
        update.addBindValue(attempt);
        update.addBindValue(RecordRows::text(code));
        update.addBindValue(RecordRows::text(message));
        update.addBindValue(stored);
        update.addBindValue(now);
        update.addBindValue(entry.seq);
        if (!exec(update, error))
            return false;
    }
    if (!transaction.commit()) {
        if (error)
            *error = failedToCommit(m_db);
        return false;
    }
    if (unanswered)
        *unanswered = missing;
    m_db.notifyOutboxChanged();
    if (recordsChanged)
        m_db.notifyRecordsChanged();
    return true;
}

bool Outbox::markRejected(qint64 seq, const QString &code, const QString &message, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = ?, error_code = ?, error_message = ?, updated_at = ? "
                             "WHERE seq = ? AND state IN (?, ?)"));
    q.addBindValue(int(OutboxState::Rejected));
    q.addBindValue(RecordRows::text(code));
    q.addBindValue(RecordRows::text(message));
    q.addBindValue(nowMillis());
    q.addBindValue(seq);
    q.addBindValue(int(OutboxState::Pending));
    q.addBindValue(int(OutboxState::Sending));
    if (!exec(q, error))
        return false;
    m_db.notifyOutboxChanged();
    m_db.notifyRecordsChanged();
    return true;
}

bool Outbox::requeue(const QList<OutboxEntry> &sent)
{
    Database::Transaction transaction(m_db);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = ?, attempts = attempts + 1, updated_at = ? "
                             "WHERE seq = ? AND state = ?"));
    const qint64 now = nowMillis();
    for (const OutboxEntry &e : sent) {
        q.addBindValue(int(OutboxState::Pending));
        q.addBindValue(now);
        q.addBindValue(e.seq);
        q.addBindValue(int(OutboxState::Sending));
        if (!q.exec())
            return false;
    }
    if (!transaction.commit())
        return false;
    m_db.notifyOutboxChanged();
    return true;
}

bool Outbox::recoverInterrupted()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = ?, attempts = attempts + 1 WHERE state = ?"));
    q.addBindValue(int(OutboxState::Pending));
    q.addBindValue(int(OutboxState::Sending));
    return q.exec();
}

bool Outbox::pruneAcknowledged(std::chrono::hours age)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE state = ? AND updated_at < ?"));
    q.addBindValue(int(OutboxState::Acknowledged));
    q.addBindValue(nowMillis() - std::chrono::duration_cast<std::chrono::milliseconds>(age).count());
    return q.exec();
}

QList<OutboxEntry> Outbox::attentionEntries() const
{
    QList<OutboxEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE state IN (?, ?) ORDER BY seq")
                  .arg(RecordRows::outboxColumns()));
    q.addBindValue(int(OutboxState::Rejected));
    q.addBindValue(int(OutboxState::Conflict));
    if (q.exec()) {
        const QString user = localUserId();
        while (q.next())
            out.append(RecordRows::readOutboxEntry(q, user));
    }
    return out;
}

std::optional<OutboxEntry> Outbox::entry(qint64 seq) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE seq = ?").arg(RecordRows::outboxColumns()));
    q.addBindValue(seq);
    if (q.exec() && q.next())
        return RecordRows::readOutboxEntry(q, localUserId());
    return std::nullopt;
}

bool Outbox::setState(qint64 seq, OutboxState state, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET state = ?, error_code = '', error_message = '', updated_at = ? "
                             "WHERE seq = ?"));
    q.addBindValue(int(state));
    q.addBindValue(nowMillis());
    q.addBindValue(seq);
    if (!exec(q, error))
        return false;
    m_db.notifyOutboxChanged();
    m_db.notifyRecordsChanged();
    return true;
}

bool Outbox::retry(qint64 seq, QString *error)
{
    const auto e = entry(seq);
    if (!e || !isAttention(e->state)) {
        if (error)
            *error = QStringLiteral("this change does not need attention any more");
        return false;
    }
    return setState(seq, OutboxState::Pending, error);
}

bool Outbox::keepMine(qint64 seq, QString *error)
{
    const auto e = entry(seq);
    if (!e || e->state != OutboxState::Conflict) {
        if (error)
            *error = QStringLiteral("this change is not in conflict any more");
        return false;
    }
    const auto latest = latestOpenEntry(e->kind, e->recordId);
    const OutboxEntry &mine = latest ? *latest : *e;
    if (e->kind == RecordKind::Observation)
        return saveRecord(e->kind, e->recordId, mine.observation.deleted, &mine.observation, nullptr, error);
    return saveRecord(e->kind, e->recordId, mine.activity.deleted, nullptr, &mine.activity, error);
}

bool Outbox::discard(qint64 seq, QString *error)
{
    const auto e = entry(seq);
    if (!e || e->state == OutboxState::Acknowledged || e->state == OutboxState::Sending) {
        if (error)
            *error = QStringLiteral("this change cannot be discarded now");
        return false;
    }
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE record_id = ? AND kind = ? AND state IN (?, ?, ?)"));
    q.addBindValue(e->recordId);
    q.addBindValue(int(e->kind));
    q.addBindValue(int(OutboxState::Pending));
    q.addBindValue(int(OutboxState::Rejected));
    q.addBindValue(int(OutboxState::Conflict));
    if (!exec(q, error))
        return false;
    m_db.notifyOutboxChanged();
    m_db.notifyRecordsChanged();
    return true;
}

bool Outbox::discardAll(QString *error)
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("DELETE FROM outbox"))) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    m_db.notifyOutboxChanged();
    m_db.notifyRecordsChanged();
    return true;
}

namespace {

int countWhere(const Database &db, const QString &condition)
{
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE %1").arg(condition)) && q.next())
        return q.value(0).toInt();
    return 0;
}

}  // namespace

int Outbox::pendingCount() const
{
    return countWhere(m_db, QStringLiteral("state IN (%1, %2)")
                                .arg(int(OutboxState::Pending))
                                .arg(int(OutboxState::Sending)));
}

int Outbox::attentionCount() const
{
    return countWhere(m_db, QStringLiteral("state IN (%1, %2)")
                                .arg(int(OutboxState::Rejected))
                                .arg(int(OutboxState::Conflict)));
}

int Outbox::unsentCount() const
{
    return countWhere(m_db, QStringLiteral("state <> %1").arg(int(OutboxState::Acknowledged)));
}

QList<OutboxEntry> Outbox::entries() const
{
    QList<OutboxEntry> out;
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT %1 FROM outbox ORDER BY seq").arg(RecordRows::outboxColumns()))) {
        const QString user = localUserId();
        while (q.next())
            out.append(RecordRows::readOutboxEntry(q, user));
    }
    return out;
}
