#include "localstore.h"

#include "jsoncolumns.h"
#include "metakeys.h"

LocalStore::LocalStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_db(path)
    , m_cache(m_db)
    , m_outbox(m_db)
    , m_records(m_db)
{
    connect(&m_db, &Database::referenceDataChanged, this, &LocalStore::referenceDataChanged);
    connect(&m_db, &Database::recordsChanged, this, &LocalStore::recordsChanged);
    connect(&m_db, &Database::outboxChanged, this, &LocalStore::outboxChanged);
}

bool LocalStore::open(QString *error)
{
    return m_db.open(error);
}

UserInfo LocalStore::user() const
{
    return JsonColumns::toUser(m_db.meta(MetaKey::user));
}
