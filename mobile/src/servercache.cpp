#include "servercache.h"

#include "database.h"
#include "jsoncolumns.h"
#include "metakeys.h"
#include "recordrows.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

bool exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool execSql(QSqlDatabase db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    q.prepare(sql);
    return exec(q, error);
}

}  // namespace

ServerCache::ServerCache(Database &db)
    : m_db(db)
{
}

bool ServerCache::storeModel(const ModelInfo &model, QString *error)
{
    QSqlDatabase db = m_db.connection();
    if (!execSql(db, QStringLiteral("DELETE FROM model"), error)
        || !execSql(db, QStringLiteral("DELETE FROM model_levels"), error)
        || !execSql(db, QStringLiteral("DELETE FROM model_dimensions"), error))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO model (singleton, id, version, name, mastery_threshold) "
                             "VALUES (1, ?, ?, ?, ?)"));
    q.addBindValue(RecordRows::text(model.id));
    q.addBindValue(model.version);
    q.addBindValue(RecordRows::text(model.name));
    q.addBindValue(model.masteryThreshold);
    if (!exec(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT INTO model_levels (level, label) VALUES (?, ?)"));
    for (const ScaleLevel &level : model.levels) {
        q.addBindValue(level.level);
        q.addBindValue(RecordRows::text(level.label));
        if (!exec(q, error))
            return false;
    }
    q.prepare(QStringLiteral("INSERT INTO model_dimensions (position, id, name, description, behaviours) "
                             "VALUES (?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < model.dimensions.size(); ++i) {
        const DimensionInfo &d = model.dimensions.at(i);
        q.addBindValue(int(i));
        q.addBindValue(RecordRows::text(d.id));
        q.addBindValue(RecordRows::text(d.name));
        q.addBindValue(RecordRows::text(d.description));
        q.addBindValue(JsonColumns::fromStringList(d.behaviours));
        if (!exec(q, error))
            return false;
    }
    return true;
}

bool ServerCache::applyPullPage(const PullPage &page, QString *error)
{
    QSqlDatabase db = m_db.connection();
    Database::Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    bool referenceChanged = false;
    if (page.model && page.model->isValid()) {
        if (!storeModel(*page.model, error))
            return false;
        referenceChanged = true;
    }
    if (page.settings) {
        m_db.setMeta(MetaKey::settings, JsonColumns::fromSettings(*page.settings));
        referenceChanged = true;
    }
    if (page.user && !page.user->id.isEmpty()) {
        m_db.setMeta(MetaKey::user, JsonColumns::fromUser(*page.user));
        referenceChanged = true;
    }
    QSqlQuery q(db);
    if (!page.units.isEmpty()) {
        q.prepare(QStringLiteral("INSERT INTO units (id, parent_id, name, kind) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, "
                                 "name = excluded.name, kind = excluded.kind"));
        for (const UnitRecord &u : page.units) {
            q.addBindValue(RecordRows::text(u.id));
            q.addBindValue(RecordRows::text(u.parentId));
            q.addBindValue(RecordRows::text(u.name));
            q.addBindValue(int(u.kind));
            if (!exec(q, error))
                return false;
        }
        referenceChanged = true;
    }
    if (!page.employees.isEmpty()) {
        q.prepare(QStringLiteral("INSERT INTO employees (id, unit_id, display_name, job_title, active) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, "
                                 "display_name = excluded.display_name, job_title = excluded.job_title, "
                                 "active = excluded.active"));
        for (const EmployeeRecord &e : page.employees) {
            q.addBindValue(RecordRows::text(e.id));
            q.addBindValue(RecordRows::text(e.unitId));
            q.addBindValue(RecordRows::text(e.displayName));
            q.addBindValue(RecordRows::text(e.jobTitle));
            q.addBindValue(e.active ? 1 : 0);
            if (!exec(q, error))
                return false;
        }
        referenceChanged = true;
    }
    for (const ObservationRecord &o : page.observations) {
        if (!RecordRows::upsertServerObservation(db, o, error))
            return false;
    }
    for (const ActivityRecord &a : page.activities) {
        if (!RecordRows::upsertServerActivity(db, a, error))
            return false;
    }
    for (const QString &id : page.deletedIds) {
        if (!RecordRows::deleteServerRecord(db, id, error))
            return false;
    }
    if (!m_db.setMeta(MetaKey::cursor, page.cursor)) {
        if (error)
            *error = QStringLiteral("cannot store the pull cursor");
        return false;
    }
    if (!page.hasMore)
        m_db.setMeta(MetaKey::pulledOnce, QStringLiteral("1"));
    if (!transaction.commit()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    if (referenceChanged)
        m_db.notifyReferenceDataChanged();
    if (!page.observations.isEmpty() || !page.activities.isEmpty() || !page.deletedIds.isEmpty())
        m_db.notifyRecordsChanged();
    return true;
}

bool ServerCache::resetServerData(QString *error)
{
    QSqlDatabase db = m_db.connection();
    Database::Transaction transaction(m_db);
    for (const char *table : {"observations", "activities", "units", "employees", "model", "model_levels",
                              "model_dimensions"}) {
        if (!execSql(db, QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)), error))
            return false;
    }
    m_db.removeMeta(MetaKey::cursor);
    m_db.removeMeta(MetaKey::pulledOnce);
    if (!transaction.commit()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    m_db.notifyReferenceDataChanged();
    m_db.notifyRecordsChanged();
    return true;
}

bool ServerCache::clear(QString *error)
{
    if (!resetServerData(error))
        return false;
    m_db.removeMeta(MetaKey::lastSyncAt);
    m_db.removeMeta(MetaKey::settings);
    m_db.removeMeta(MetaKey::user);
    return true;
}

QString ServerCache::cursor() const
{
    return m_db.meta(MetaKey::cursor);
}

bool ServerCache::hasPulledOnce() const
{
    return m_db.meta(MetaKey::pulledOnce) == QLatin1String("1");
}

ModelInfo ServerCache::model() const
{
    ModelInfo model;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, version, name, mastery_threshold FROM model")) || !q.next())
        return model;
    model.id = q.value(0).toString();
    model.version = q.value(1).toInt();
    model.name = q.value(2).toString();
    model.masteryThreshold = q.value(3).toInt();
    if (q.exec(QStringLiteral("SELECT level, label FROM model_levels ORDER BY level"))) {
        while (q.next())
            model.levels.append({q.value(0).toInt(), q.value(1).toString()});
    }
    if (q.exec(QStringLiteral("SELECT id, name, description, behaviours FROM model_dimensions ORDER BY position"))) {
        while (q.next()) {
            model.dimensions.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                     JsonColumns::toStringList(q.value(3).toString())});
        }
    }
    return model;
}

QList<UnitRecord> ServerCache::units() const
{
    QList<UnitRecord> out;
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT id, parent_id, name, kind FROM units ORDER BY name"))) {
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                        UnitKind(q.value(3).toInt())});
    }
    return out;
}

QList<EmployeeRecord> ServerCache::employees() const
{
    QList<EmployeeRecord> out;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT id, unit_id, display_name, job_title, active FROM employees "
                              "ORDER BY display_name COLLATE NOCASE"))) {
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(4).toBool()});
    }
    return out;
}

std::optional<EmployeeRecord> ServerCache::employee(const QString &id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, unit_id, display_name, job_title, active FROM employees WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return EmployeeRecord{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toString(), q.value(4).toBool()};
    return std::nullopt;
}

OrgSettings ServerCache::settings() const
{
    return JsonColumns::toSettings(m_db.meta(MetaKey::settings));
}

int ServerCache::serverRevision(RecordKind kind, const QString &id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(kind == RecordKind::Observation ? QStringLiteral("SELECT revision FROM observations WHERE id = ?")
                                              : QStringLiteral("SELECT revision FROM activities WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return q.value(0).toInt();
    return 0;
}
