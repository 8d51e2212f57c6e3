// The schema history of the phone's database. Append only: a released migration is never edited.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

struct Migration {
    int version = 0;         // PRAGMA user_version after this migration
    QStringList statements;  // run in order inside one transaction
};

[[nodiscard]] const QList<Migration> &schemaMigrations();
