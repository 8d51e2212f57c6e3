// The phone's SQLite database: one file, versioned migrations, durable commits, and change notifications.
//
// Threading: GUI thread only (the connection belongs to the thread that opened it).
#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QString>

class Database : public QObject
{
    Q_OBJECT
public:
    explicit Database(QString path, QObject *parent = nullptr);
    ~Database() override;

    // Opens the file (creating it), sets WAL + synchronous=FULL (a commit is on disk before it returns), and runs the
    // pending migrations, each in its own transaction. False with `error` filled when any step fails, including a
    // file written by a newer version of the app.
    [[nodiscard]] bool open(QString *error);
    [[nodiscard]] bool isOpen() const { return m_db.isOpen(); }
    [[nodiscard]] QSqlDatabase connection() const { return m_db; }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] static int latestSchemaVersion();

    // Small key/value facts (cursor, signed-in identity, device id...). Empty string when absent.
    [[nodiscard]] QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);
    bool removeMeta(const QString &key);

    // Rolls back unless commit() succeeded, so an early return or a failed statement never leaves half a change.
    class Transaction
    {
    public:
        explicit Transaction(Database &db);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        [[nodiscard]] bool isActive() const { return m_active; }
        [[nodiscard]] bool commit();

    private:
        Database &m_db;
        bool m_active = false;
    };

    // Announce committed changes; called by the stores after their transaction committed.
    void notifyReferenceDataChanged() { Q_EMIT referenceDataChanged(); }
    void notifyRecordsChanged() { Q_EMIT recordsChanged(); }
    void notifyOutboxChanged() { Q_EMIT outboxChanged(); }

Q_SIGNALS:
    void referenceDataChanged();  // model, units, employees, settings, user
    void recordsChanged();        // observations or activities (server copies or local changes)
    void outboxChanged();         // outbox states and counts

private:
    bool migrate(QString *error);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
};
