// The phone's copy of what the server holds in the manager's scope: model, units, employees, settings, and the
// server's revisions of observations and activities, with the pull cursor they were pulled up to.
//
// Threading: GUI thread only, like the Database it works on.
#pragma once

#include "records.h"

class Database;

class ServerCache
{
public:
    explicit ServerCache(Database &db);

    // Applies one pull page and stores the cursor after it, in one transaction: a crash between pages resumes from
    // the last applied page. A server revision never replaces a newer one already held.
    bool applyPullPage(const PullPage &page, QString *error);
    // The server answered `reset`: forget every pulled record and the cursor, so the next pull starts from "".
    // The outbox is untouched: unsent changes survive a reset by construction.
    bool resetServerData(QString *error);
    // Signing out: forget the server data, the cursor and the last sync time.
    bool clear(QString *error);

    [[nodiscard]] QString cursor() const;
    [[nodiscard]] bool hasPulledOnce() const;  // a first full pull has completed
    [[nodiscard]] ModelInfo model() const;
    [[nodiscard]] QList<UnitRecord> units() const;
    [[nodiscard]] QList<EmployeeRecord> employees() const;  // active or not, by name
    [[nodiscard]] std::optional<EmployeeRecord> employee(const QString &id) const;
    [[nodiscard]] OrgSettings settings() const;
    [[nodiscard]] int serverRevision(RecordKind kind, const QString &id) const;  // 0 when the server holds none

private:
    bool storeModel(const ModelInfo &model, QString *error);

    Database &m_db;
};
