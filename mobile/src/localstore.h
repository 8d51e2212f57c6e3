// The phone's data, as one object the composition root creates and the QML pages hand to their models: the
// database with its server cache, outbox and record queries.
//
// Threading: GUI thread only.
#pragma once

#include "database.h"
#include "outbox.h"
#include "recordstore.h"
#include "servercache.h"

#include <QObject>

class LocalStore : public QObject
{
    Q_OBJECT

public:
    explicit LocalStore(const QString &path, QObject *parent = nullptr);

    // Opens the database and runs its migrations; see Database::open.
    [[nodiscard]] bool open(QString *error);

    [[nodiscard]] Database &database() { return m_db; }
    [[nodiscard]] ServerCache &cache() { return m_cache; }
    [[nodiscard]] const ServerCache &cache() const { return m_cache; }
    [[nodiscard]] Outbox &outbox() { return m_outbox; }
    [[nodiscard]] const Outbox &outbox() const { return m_outbox; }
    [[nodiscard]] const RecordStore &records() const { return m_records; }

    // The signed-in user as last told by the server (empty when signed out).
    [[nodiscard]] UserInfo user() const;

Q_SIGNALS:
    void referenceDataChanged();
    void recordsChanged();
    void outboxChanged();

private:
    Database m_db;
    ServerCache m_cache;
    Outbox m_outbox;
    RecordStore m_records;
};
