// The persisted queue of the manager's own changes. Every save is committed (synchronous=FULL) before it returns,
// so what the screen calls saved survives a crash or a flat battery. Entries move pending -> sending ->
// acknowledged | rejected | conflict; a record counts as sent only when the server's answer names it.
//
// Threading: GUI thread only.
#pragma once

#include "records.h"

class Database;

class Outbox
{
public:
    explicit Outbox(Database &db);

    // Local edits. A new record gets revision 1; an edit or a deletion becomes the next revision, except that an
    // entry the server has never seen is rewritten in place (and a deleted never-sent record simply disappears).
    // Saving a record that needs attention resolves it: a rejected revision is sent again with the new content; a
    // conflict becomes a new revision on top of the server's latest.
    bool saveObservation(const ObservationRecord &record, QString *error);
    bool deleteObservation(const QString &id, QString *error);
    bool saveActivity(const ActivityRecord &record, QString *error);
    bool deleteActivity(const QString &id, QString *error);

    // Sync side.
    // Oldest pending entries first, at most `limit`, skipping entries queued behind a rejected or conflicting
    // revision of the same record; they are marked sending in the same transaction.
    [[nodiscard]] QList<OutboxEntry> takeBatch(int limit);
    // Applies the server's answer to a sent batch. `results` follow the request's order (observations first, then
    // activities); an entry whose result is missing or names another id goes back to pending, and is counted in
    // `unanswered`.
    bool applyResults(const QList<OutboxEntry> &sent, const QList<PushResultItem> &results, QString *error,
                      int *unanswered = nullptr);
    // The phone itself gives up on an entry (a single record larger than the server accepts).
    bool markRejected(qint64 seq, const QString &code, const QString &message, QString *error);
    // The answer never came or did not parse: back to pending, counted as an attempt (the server may have stored
    // them, so their content is frozen from now on).
    bool requeue(const QList<OutboxEntry> &sent);
    // Entries left in sending by a crash or a kill go back to pending (attempted: see requeue).
    bool recoverInterrupted();
    // Acknowledged entries older than `age` are history nobody reads; forget them.
    bool pruneAcknowledged(std::chrono::hours age);

    // Needs attention.
    [[nodiscard]] QList<OutboxEntry> attentionEntries() const;
    [[nodiscard]] std::optional<OutboxEntry> entry(qint64 seq) const;
    bool retry(qint64 seq, QString *error);        // send the same revision again
    bool keepMine(qint64 seq, QString *error);     // conflict: the same content as a revision on top of the server's
    bool discard(qint64 seq, QString *error);      // drop every unsent change of that record, deliberately
    bool discardAll(QString *error);               // sign-out after the manager confirmed

    // Figures and reads.
    [[nodiscard]] int pendingCount() const;    // pending + sending
    [[nodiscard]] int attentionCount() const;  // rejected + conflict
    [[nodiscard]] int unsentCount() const;     // everything not acknowledged
    [[nodiscard]] QList<OutboxEntry> entries() const;  // all, in push order (tests and diagnostics)
    // The newest unacknowledged entry of a record, i.e. what the manager currently sees of it.
    [[nodiscard]] std::optional<OutboxEntry> latestOpenEntry(RecordKind kind, const QString &id) const;
    [[nodiscard]] QString localUserId() const;

private:
    bool saveRecord(RecordKind kind, const QString &id, bool deleted, const ObservationRecord *observation,
                    const ActivityRecord *activity, QString *error);
    [[nodiscard]] QList<OutboxEntry> openEntries(RecordKind kind, const QString &id) const;
    bool setState(qint64 seq, OutboxState state, QString *error);

    Database &m_db;
};
