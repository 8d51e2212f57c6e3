#include "storewatch.h"

#include "localstore.h"

StoreWatch::StoreWatch(QObject *owner, int changes, std::function<void()> refresh)
    : m_changes(changes)
{
    m_refreshSoon.setSingleShot(true);
    m_refreshSoon.setInterval(0);
    QObject::connect(&m_refreshSoon, &QTimer::timeout, owner, std::move(refresh));
}

bool StoreWatch::follow(LocalStore *store)
{
    if (m_store == store)
        return false;
    if (m_store)
        QObject::disconnect(m_store, nullptr, &m_refreshSoon, nullptr);
    m_store = store;
    if (m_store) {
        const auto soon = qOverload<>(&QTimer::start);
        if (m_changes & Records)
            QObject::connect(m_store, &LocalStore::recordsChanged, &m_refreshSoon, soon);
        if (m_changes & ReferenceData)
            QObject::connect(m_store, &LocalStore::referenceDataChanged, &m_refreshSoon, soon);
        if (m_changes & Outbox)
            QObject::connect(m_store, &LocalStore::outboxChanged, &m_refreshSoon, soon);
    }
    return true;
}
