// Who is signed in, against which server: signs in and out, keeps the token in the vault (never in the database),
// restores the session at start, and turns a 401 into "sign in again" without losing anything. Plain http goes
// only to this device unless insecure http was allowed (TransportPolicy); a sign-out reaches the server even when
// it happened offline (LogoutQueue).
//
// Threading: GUI thread only.
#pragma once

#include "logoutqueue.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

class ApiClient;
class Database;
class Outbox;
class ServerCache;
class TokenVault;
struct ApiReply;

class SessionController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(RootScreen rootScreen READ rootScreen NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY identityChanged)
    Q_PROPERTY(QString organization READ organization NOTIFY identityChanged)
    Q_PROPERTY(QString organizationName READ organizationName NOTIFY identityChanged)
    Q_PROPERTY(QString username READ username NOTIFY identityChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY identityChanged)
    Q_PROPERTY(QString deviceId READ deviceId CONSTANT)
    Q_PROPERTY(QString tokenStorage READ tokenStorage NOTIFY identityChanged)
    Q_PROPERTY(int unsentCount READ unsentCount NOTIFY unsentCountChanged)
    Q_PROPERTY(bool insecureHttpAllowed READ insecureHttpAllowed NOTIFY insecureHttpAllowedChanged)

public:
    enum State {
        Restoring,  // reading the stored session at start
        SignedOut,
        SigningIn,
        SignedIn,
        Expired  // the server refused the token: same identity, password needed again; nothing is lost
    };
    Q_ENUM(State)

    // What the app's root shows for the session.
    enum RootScreen { SplashScreen, SignInScreen, HomeScreen };
    Q_ENUM(RootScreen)

    SessionController(Database &db, ServerCache &cache, Outbox &outbox, TokenVault &vault, ApiClient &api,
                      QObject *parent = nullptr);

    // --allow-insecure-http: plain http to other machines too. Set before restore().
    void setInsecureHttpAllowed(bool allowed);

    // Reads the identity from the database and the token from the vault; ends in SignedIn, Expired or SignedOut.
    // A kept session on a server the transport policy refuses ends in Expired, its token kept for a start that
    // allows it. Sign-outs the server has not confirmed yet are sent again.
    void restore();
    // Signs in with the given credentials once restore() is done, unless already signed in as that identity
    // (command-line and environment launch). If the kept session later turns out to be dead (401), these
    // credentials sign in again once, so a launch with a password file never stops at the password prompt.
    void signInWhenRestored(const QString &serverUrl, const QString &organization, const QString &username,
                            const QString &password);

    Q_INVOKABLE void signIn(const QString &serverUrl, const QString &organization, const QString &username,
                            const QString &password);
    // Refuses (returns false) while unsent changes exist unless `discardUnsent` is true: the screen asks first.
    // Otherwise the phone is signed out at once, network or not, and the server is told to end the token now or,
    // when it cannot be reached, at a later start (LogoutQueue).
    Q_INVOKABLE bool signOut(bool discardUnsent);
    // The server answered 401 to a sync call.
    void expire();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool signedIn() const { return m_state == SignedIn; }
    [[nodiscard]] bool busy() const { return m_state == Restoring || m_state == SigningIn; }
    // The splash while restoring; sign-in when there is no identity to keep (signed out, or a first sign-in on its
    // way); otherwise home. An expired session, or a sign-in again as the kept identity, keeps home: the manager
    // goes on recording offline and signs in again when convenient.
    [[nodiscard]] RootScreen rootScreen() const;
    [[nodiscard]] QString errorMessage() const { return m_errorMessage; }
    [[nodiscard]] QString serverUrl() const;
    [[nodiscard]] QString organization() const;
    [[nodiscard]] QString organizationName() const;
    [[nodiscard]] QString username() const;
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] QString userId() const;
    [[nodiscard]] QString deviceId() const { return m_deviceId; }
    [[nodiscard]] QString tokenStorage() const;
    [[nodiscard]] int unsentCount() const;
    [[nodiscard]] bool insecureHttpAllowed() const;

Q_SIGNALS:
    void stateChanged();
    void errorMessageChanged();
    void identityChanged();
    void unsentCountChanged();
    void insecureHttpAllowedChanged();
    void signedInAfterPassword();  // a password sign-in succeeded: time for a sync

private:
    // Human text for a failed sign-in exchange.
    [[nodiscard]] static QString describeFailure(const ApiReply &reply, const QUrl &server);
    // Why the transport policy refuses `server`, and the way out.
    [[nodiscard]] static QString insecureServerMessage(const QUrl &server);
    // Launch credentials given while restoring: used once the kept session is known.
    void signInPendingAfterRestore();
    void setState(State state);
    void setError(const QString &message);
    void onLoginReply(const QString &serverUrl, const QString &organization, const QString &username,
                      const ApiReply &reply);
    [[nodiscard]] static QString accountKey(const QString &serverUrl, const QString &organization,
                                            const QString &username);
    [[nodiscard]] QString currentAccountKey() const;
    [[nodiscard]] static QString normalizedServerUrl(const QString &text);

    Database &m_db;
    ServerCache &m_cache;
    Outbox &m_outbox;
    TokenVault &m_vault;
    ApiClient &m_api;
    State m_state = Restoring;
    QString m_errorMessage;
    QString m_deviceId;
    struct PendingSignIn {
        QString serverUrl, organization, username, password;
    };
    std::optional<PendingSignIn> m_pendingSignIn;
    std::optional<PendingSignIn> m_launchCredentials;  // kept in memory for one re-sign-in, never persisted
    LogoutQueue m_logouts;
};
