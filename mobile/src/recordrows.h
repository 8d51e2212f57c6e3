// Row-level reads and writes of records, shared by the server cache, the outbox and the record queries so that
// every table speaks the same column layout.
#pragma once

#include "records.h"

#include <QSqlDatabase>

class QSqlQuery;

namespace RecordRows {

// A text column's value: never NULL (a null QString would bind as NULL and break NOT NULL columns).
[[nodiscard]] QString text(const QString &value);

// Times are stored as UTC milliseconds since the epoch.
[[nodiscard]] qint64 toMillis(const QDateTime &t);
[[nodiscard]] QDateTime fromMillis(qint64 ms);

// The server's revision of a record; a revision older than the one held is ignored (pulls may overlap pushes).
bool upsertServerObservation(QSqlDatabase db, const ObservationRecord &o, QString *error);
bool upsertServerActivity(QSqlDatabase db, const ActivityRecord &a, QString *error);
bool deleteServerRecord(QSqlDatabase db, const QString &id, QString *error);  // tombstones and deleted ids

// Column lists and readers for SELECTs over the server tables.
[[nodiscard]] QString observationColumns();  // id, employee_id, observer_id, observed_at, model_version, ...
[[nodiscard]] ObservationRecord readServerObservation(const QSqlQuery &q);
[[nodiscard]] QString activityColumns();
[[nodiscard]] ActivityRecord readServerActivity(const QSqlQuery &q);

// Column list and reader for the outbox.
[[nodiscard]] QString outboxColumns();
[[nodiscard]] OutboxEntry readOutboxEntry(const QSqlQuery &q, const QString &localUserId);

}  // namespace RecordRows
