#include "logoutqueue.h"

#include "apiclient.h"
#include "database.h"
#include "metakeys.h"
#include "tokenvault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcLogout, "floorwalk.logout")

LogoutQueue::LogoutQueue(Database &db, TokenVault &vault, ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_vault(vault)
    , m_api(api)
{
}

QString LogoutQueue::vaultAccount(const QString &id)
{
    return QStringLiteral("sign-out:%1").arg(id);
}

QList<LogoutQueue::Entry> LogoutQueue::entries() const
{
    QList<Entry> out;
    const QJsonArray array = QJsonDocument::fromJson(m_db.meta(MetaKey::pendingLogouts).toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        Entry entry{object.value(QLatin1String("id")).toString(), object.value(QLatin1String("server")).toString()};
        if (!entry.id.isEmpty())
            out.append(entry);
    }
    return out;
}

void LogoutQueue::setEntries(const QList<Entry> &entries)
{
    if (entries.isEmpty()) {
        m_db.removeMeta(MetaKey::pendingLogouts);
        return;
    }
    QJsonArray array;
    for (const Entry &entry : entries)
        array.append(QJsonObject{{QLatin1String("id"), entry.id}, {QLatin1String("server"), entry.server}});
    m_db.setMeta(MetaKey::pendingLogouts, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
}

void LogoutQueue::add(const QUrl &server, const QString &token)
{
    if (token.isEmpty())
        return;
    const Entry entry{QUuid::createUuid().toString(QUuid::WithoutBraces), server.toString()};
    QList<Entry> all = entries();
    all.append(entry);
    setEntries(all);
    const QPointer<LogoutQueue> self(this);
    // Sent once the token is kept, so that a forget() after the answer can never run before the store.
    m_vault.store(vaultAccount(entry.id), token, [self, entry, token](bool ok) {
        if (!self)
            return;
        if (!ok)
            qCWarning(lcLogout) << "the token to revoke could not be kept: the sign-out is sent once, not retried";
        self->send(entry, token);
    });
}

void LogoutQueue::retryAll()
{
    const QPointer<LogoutQueue> self(this);
    for (const Entry &entry : entries()) {
        if (m_inFlight.contains(entry.id))
            continue;
        m_vault.load(vaultAccount(entry.id), [self, entry](const QString &token) {
            if (!self)
                return;
            if (token.isEmpty()) {
                self->forget(entry.id);  // nothing left to revoke with
                return;
            }
            self->send(entry, token);
        });
    }
}

void LogoutQueue::send(const Entry &entry, const QString &token)
{
    if (m_inFlight.contains(entry.id))
        return;
    m_inFlight.insert(entry.id);
    const QPointer<LogoutQueue> self(this);
    const QString id = entry.id;
    m_api.postAs(QUrl(entry.server), token, QStringLiteral("auth/logout"), QByteArray(),
                 [self, id](const ApiReply &reply) {
                     if (!self)
                         return;
                     self->m_inFlight.remove(id);
                     if (reply.isSuccess() || reply.httpStatus == 401) {
                         self->forget(id);
                         return;
                     }
                     qCInfo(lcLogout) << "the server has not confirmed a sign-out yet; it is sent again at the next "
                                         "start:"
                                      << (reply.noAnswer() ? reply.networkErrorString
                                                           : QStringLiteral("HTTP %1").arg(reply.httpStatus));
                 });
}

void LogoutQueue::forget(const QString &id)
{
    QList<Entry> all = entries();
    all.removeIf([&](const Entry &e) { return e.id == id; });
    setEntries(all);
    m_vault.erase(vaultAccount(id), [] {});
}
