#include "database.h"

#include "migrations.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcDatabase, "floorwalk.database")

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("floorwalk-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        if (error)
            *error = QStringLiteral("%1 (%2)").arg(query.lastError().text(), sql.left(80));
        return false;
    }
    return true;
}

}  // namespace

Database::Database(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_connectionName(nextConnectionName())
{
}

Database::~Database()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

int Database::latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

bool Database::open(QString *error)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(info.absolutePath());
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    // WAL keeps readers off the writer's back; FULL makes every commit survive power loss, which is the promise
    // behind "saved" on screen.
    if (!exec(m_db, QStringLiteral("PRAGMA journal_mode=WAL"), error)
        || !exec(m_db, QStringLiteral("PRAGMA synchronous=FULL"), error)
        || !exec(m_db, QStringLiteral("PRAGMA foreign_keys=ON"), error))
        return false;
    return migrate(error);
}

int Database::schemaVersion() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    return -1;
}

bool Database::migrate(QString *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        if (error)
            *error = tr("Cannot read the database version.");
        return false;
    }
    if (current > latestSchemaVersion()) {
        if (error)
            *error = tr("This database was written by a newer version of Floorwalk (schema %1, this app knows %2).")
                         .arg(current)
                         .arg(latestSchemaVersion());
        return false;
    }
    for (const Migration &migration : schemaMigrations()) {
        if (migration.version <= current)
            continue;
        Transaction transaction(*this);
        if (!transaction.isActive()) {
            if (error)
                *error = m_db.lastError().text();
            return false;
        }
        for (const QString &statement : migration.statements) {
            if (!exec(m_db, statement, error))
                return false;
        }
        if (!exec(m_db, QStringLiteral("PRAGMA user_version = %1").arg(migration.version), error))
            return false;
        if (!transaction.commit()) {
            if (error)
                *error = m_db.lastError().text();
            return false;
        }
        qCInfo(lcDatabase) << "migrated" << m_path << "to schema" << migration.version;
    }
    return true;
}

QString Database::meta(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

bool Database::setMeta(const QString &key, const QString &value)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value.isNull() ? QStringLiteral("") : value);
    if (!query.exec()) {
        qCWarning(lcDatabase) << "cannot write meta" << key << query.lastError().text();
        return false;
    }
    return true;
}

bool Database::removeMeta(const QString &key)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
    query.addBindValue(key);
    return query.exec();
}

Database::Transaction::Transaction(Database &db)
    : m_db(db)
    , m_active(db.m_db.transaction())
{
    if (!m_active)
        qCWarning(lcDatabase) << "cannot begin a transaction:" << db.m_db.lastError().text();
}

Database::Transaction::~Transaction()
{
    if (m_active)
        m_db.m_db.rollback();
}

bool Database::Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (m_db.m_db.commit())
        return true;
    qCWarning(lcDatabase) << "commit failed:" << m_db.m_db.lastError().text();
    m_db.m_db.rollback();
    return false;
}
