// Sign-outs the server has not confirmed yet. Signing out must end the token on the server too, or a copy of it
// (a backup, a lost phone) opens the account until it expires; but the manager may sign out with no network.
// Each sign-out is kept (the server address in the database, the token in the vault, never in the database) and
// sent at once, again at every start and after every sign-in, until the server answers 2xx, or 401 (the token is
// dead anyway). Other answers, and no answer, keep it for the next try.
//
// Threading: GUI thread only; callbacks are dropped if the queue is destroyed first.
#pragma once

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

class ApiClient;
class Database;
class TokenVault;

class LogoutQueue : public QObject
{
    Q_OBJECT
public:
    LogoutQueue(Database &db, TokenVault &vault, ApiClient &api, QObject *parent = nullptr);

    // Keeps the sign-out of `token` at `server` and sends it now.
    void add(const QUrl &server, const QString &token);
    // Sends every sign-out still unconfirmed (those already on their way are left alone).
    void retryAll();

private:
    struct Entry {
        QString id;
        QString server;
    };

    [[nodiscard]] QList<Entry> entries() const;
    void setEntries(const QList<Entry> &entries);
    void send(const Entry &entry, const QString &token);
    void forget(const QString &id);
    [[nodiscard]] static QString vaultAccount(const QString &id);

    Database &m_db;
    TokenVault &m_vault;
    ApiClient &m_api;
    QSet<QString> m_inFlight;
};
