#include "sessioncontroller.h"

#include "apiclient.h"
#include "database.h"
#include "jsoncolumns.h"
#include "metakeys.h"
#include "outbox.h"
#include "servercache.h"
#include "syncprotocol.h"
#include "tokenvault.h"
#include "transportpolicy.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSysInfo>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSession, "floorwalk.session")

SessionController::SessionController(Database &db, ServerCache &cache, Outbox &outbox, TokenVault &vault,
                                     ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_cache(cache)
    , m_outbox(outbox)
    , m_vault(vault)
    , m_api(api)
    , m_logouts(db, vault, api)
{
    m_deviceId = m_db.meta(MetaKey::deviceId);
    if (m_deviceId.isEmpty()) {
        // Generated once per installation and kept across sign-outs: the server revokes devices by this id.
        m_deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_db.setMeta(MetaKey::deviceId, m_deviceId);
    }
    connect(&m_db, &Database::outboxChanged, this, &SessionController::unsentCountChanged);
}

QString SessionController::serverUrl() const
{
    return m_db.meta(MetaKey::serverUrl);
}

QString SessionController::organization() const
{
    return m_db.meta(MetaKey::organization);
}

QString SessionController::organizationName() const
{
    const QString name = m_db.meta(MetaKey::organizationName);
    return name.isEmpty() ? organization() : name;
}

QString SessionController::username() const
{
    return m_db.meta(MetaKey::username);
}

QString SessionController::displayName() const
{
    const QString name = JsonColumns::toUser(m_db.meta(MetaKey::user)).displayName;
    return name.isEmpty() ? username() : name;
}

QString SessionController::userId() const
{
    return JsonColumns::toUser(m_db.meta(MetaKey::user)).id;
}

QString SessionController::tokenStorage() const
{
    return m_vault.storageName();
}

int SessionController::unsentCount() const
{
    return m_outbox.unsentCount();
}

bool SessionController::insecureHttpAllowed() const
{
    return m_api.insecureHttpAllowed();
}

void SessionController::setInsecureHttpAllowed(bool allowed)
{
    if (m_api.insecureHttpAllowed() == allowed)
        return;
    m_api.setInsecureHttpAllowed(allowed);
    Q_EMIT insecureHttpAllowedChanged();
}

QString SessionController::insecureServerMessage(const QUrl &server)
{
    return tr("%1 is not a secure address: your password and your teams' data would cross the network "
              "unencrypted. Use the server's https:// address. (For a test server on another machine, start the "
              "app with --allow-insecure-http.)")
        .arg(server.toString());
}

QString SessionController::accountKey(const QString &serverUrl, const QString &organization, const QString &username)
{
    return QStringLiteral("%1/%2@%3").arg(organization, username, serverUrl);
}

QString SessionController::currentAccountKey() const
{
    return accountKey(serverUrl(), organization(), username());
}

QString SessionController::normalizedServerUrl(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (!trimmed.isEmpty() && !trimmed.contains(QStringLiteral("://")))
        trimmed.prepend(QStringLiteral("https://"));
    return trimmed;
}

SessionController::RootScreen SessionController::rootScreen() const
{
    if (m_state == Restoring)
        return SplashScreen;
    const bool signedOut = m_state == SignedOut || (m_state == SigningIn && username().isEmpty());
    return signedOut ? SignInScreen : HomeScreen;
}

void SessionController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void SessionController::setError(const QString &message)
{
    if (m_errorMessage == message)
        return;
    m_errorMessage = message;
    Q_EMIT errorMessageChanged();
}

void SessionController::restore()
{
    setState(Restoring);
    m_logouts.retryAll();
    if (username().isEmpty()) {
        setState(SignedOut);
        signInPendingAfterRestore();
        return;
    }
    const QUrl server(serverUrl());
    if (!TransportPolicy::allows(server, m_api.insecureHttpAllowed())) {
        // Nothing goes to that server; the token stays in the vault for a start with --allow-insecure-http, and
        // everything recorded stays on the phone.
        m_api.setToken(QString());
        setError(insecureServerMessage(server));
        setState(Expired);
        Q_EMIT identityChanged();
        signInPendingAfterRestore();
        return;
    }
    m_api.setServerUrl(server);
    const QPointer<SessionController> self(this);
    m_vault.load(currentAccountKey(), [self](const QString &token) {
        if (!self)
            return;
        self->m_api.setToken(token);
        self->setState(token.isEmpty() ? Expired : SignedIn);
        Q_EMIT self->identityChanged();
        self->signInPendingAfterRestore();
    });
}

void SessionController::signInPendingAfterRestore()
{
    const auto pending = std::exchange(m_pendingSignIn, std::nullopt);
    if (!pending)
        return;
    const bool same = accountKey(normalizedServerUrl(pending->serverUrl), pending->organization.trimmed(),
                                 pending->username.trimmed())
        == currentAccountKey();
    if (!(same && m_state == SignedIn))
        signIn(pending->serverUrl, pending->organization, pending->username, pending->password);
}

void SessionController::signInWhenRestored(const QString &serverUrl, const QString &organization,
                                           const QString &username, const QString &password)
{
    m_launchCredentials = PendingSignIn{serverUrl, organization, username, password};
    if (m_state == Restoring) {
        m_pendingSignIn = PendingSignIn{serverUrl, organization, username, password};
        return;
    }
    const bool same =
        accountKey(normalizedServerUrl(serverUrl), organization.trimmed(), username.trimmed()) == currentAccountKey();
    if (!(same && m_state == SignedIn))
        signIn(serverUrl, organization, username, password);
}

void SessionController::signIn(const QString &serverUrlText, const QString &organizationText,
                               const QString &usernameText, const QString &password)
{
    if (m_state == SigningIn)
        return;
    const QString server = normalizedServerUrl(serverUrlText);
    const QString org = organizationText.trimmed();
    const QString user = usernameText.trimmed();
    const QUrl url(server, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        setError(tr("Enter the server address, for example https://floorwalk.example.com."));
        return;
    }
    if (!TransportPolicy::allows(url, m_api.insecureHttpAllowed())) {
        setError(insecureServerMessage(url));
        return;
    }
    if (org.isEmpty() || user.isEmpty() || password.isEmpty()) {
        setError(tr("Enter your organisation, username and password."));
        return;
    }
    const bool sameIdentity = !username().isEmpty() && accountKey(server, org, user) == currentAccountKey();
    if (!username().isEmpty() && !sameIdentity && m_outbox.unsentCount() > 0) {
        setError(tr("%n change(s) by %1 have not been sent yet. Sign in as %1 to send them, or sign out and "
                    "discard them first.",
                    nullptr, m_outbox.unsentCount())
                     .arg(username()));
        return;
    }
    setError(QString());
    setState(SigningIn);
    m_api.setServerUrl(url);
    m_api.setToken(QString());
    const QByteArray body = SyncProtocol::encodeLogin(org, user, password, m_deviceId,
                                                      QStringLiteral("%1 (%2)").arg(QSysInfo::machineHostName(),
                                                                                    QSysInfo::prettyProductName()));
    m_api.post(QStringLiteral("auth/login"), body, [this, server, org, user](const ApiReply &reply) {
        onLoginReply(server, org, user, reply);
    });
}

void SessionController::onLoginReply(const QString &server, const QString &org, const QString &user,
                                     const ApiReply &reply)
{
    if (!reply.isSuccess()) {
        if (reply.httpStatus == 401)
            setError(tr("Wrong organisation, username or password."));
        else if (reply.httpStatus == 429)
            setError(tr("Too many failed attempts: wait a few minutes, then try again."));
        else
            setError(describeFailure(reply, QUrl(server)));
        // Back to where we were: an expired session stays expired (its data is kept), otherwise signed out.
        setState(username().isEmpty() ? SignedOut : Expired);
        return;
    }
    const std::optional<LoginResult> login = SyncProtocol::decodeLogin(reply.body);
    if (!login) {
        setError(tr("The server's answer could not be read. Is %1 a Floorwalk server?").arg(server));
        setState(username().isEmpty() ? SignedOut : Expired);
        return;
    }
    const bool sameIdentity = accountKey(server, org, user) == currentAccountKey();
    if (!sameIdentity) {
        // Another person or organisation: what this phone cached belongs to the previous one.
        QString error;
        if (!m_cache.clear(&error))
            qCWarning(lcSession) << "cannot clear the previous session's data:" << error;
    }
    m_db.setMeta(MetaKey::serverUrl, server);
    m_db.setMeta(MetaKey::organization, org);
    m_db.setMeta(MetaKey::username, user);
    m_db.setMeta(MetaKey::organizationName, login->organizationName);
    m_db.setMeta(MetaKey::user, JsonColumns::fromUser(login->user));
    m_api.setToken(login->token);
    const QPointer<SessionController> self(this);
    m_vault.store(accountKey(server, org, user), login->token, [self](bool ok) {
        if (!self)
            return;
        if (!ok)
            qCWarning(lcSession) << "the token could not be kept: the next start will ask for the password";
        self->setState(SignedIn);
        Q_EMIT self->identityChanged();
        Q_EMIT self->signedInAfterPassword();
        // The network evidently works: sign-outs still unconfirmed go out too.
        self->m_logouts.retryAll();
    });
}

bool SessionController::signOut(bool discardUnsent)
{
    if (m_outbox.unsentCount() > 0 && !discardUnsent)
        return false;
    // The server must end the token too. The queue keeps it until the server confirms, across restarts; the phone
    // itself forgets the session now, network or not.
    m_logouts.add(m_api.serverUrl(), m_api.token());
    const QString account = currentAccountKey();
    m_api.setToken(QString());
    QString error;
    if (!m_outbox.discardAll(&error) || !m_cache.clear(&error))
        qCWarning(lcSession) << "sign-out could not clear the local data:" << error;
    m_db.removeMeta(MetaKey::username);
    m_db.removeMeta(MetaKey::organization);
    m_db.removeMeta(MetaKey::organizationName);
    m_db.removeMeta(MetaKey::user);
    // The server address stays as a convenience for the next sign-in.
    m_vault.erase(account, [] {});
    setError(QString());
    setState(SignedOut);
    Q_EMIT identityChanged();
    return true;
}

void SessionController::expire()
{
    if (m_state != SignedIn)
        return;
    m_api.setToken(QString());
    m_vault.erase(currentAccountKey(), [] {});
    setError(tr("Your session has ended. Enter your password to carry on; nothing on this phone is lost."));
    setState(Expired);
    if (auto launch = std::exchange(m_launchCredentials, std::nullopt)) {
        const bool same = accountKey(normalizedServerUrl(launch->serverUrl), launch->organization.trimmed(),
                                     launch->username.trimmed())
            == currentAccountKey();
        if (same)
            signIn(launch->serverUrl, launch->organization, launch->username, launch->password);
    }
}

QString SessionController::describeFailure(const ApiReply &reply, const QUrl &server)
{
    if (reply.noAnswer()) {
        switch (reply.networkError) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::RemoteHostClosedError:
            return tr("Cannot reach the server at %1.").arg(server.toString());
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            return tr("The server at %1 did not answer in time.").arg(server.toString());
        case QNetworkReply::SslHandshakeFailedError:
            return tr("The secure connection to %1 failed: %2").arg(server.toString(), reply.networkErrorString);
        default:
            return tr("No connection to %1: %2").arg(server.toString(), reply.networkErrorString);
        }
    }
    if (!reply.errorMessage.isEmpty())
        return tr("The server refused: %1").arg(reply.errorMessage);
    return tr("The server answered with an error (HTTP %1).").arg(reply.httpStatus);
}
