// Moves the outbox to the server and the server's changes to the phone, without the manager thinking about it:
// at start (once the kept session is restored), when the app resumes, when the network comes back, shortly after
// a save, on a timer, and on pull-to-refresh.
// Pushes oldest first in batches, pulls by cursor page after page, backs off on failure, stops and asks to sign in
// again on 401. The status figures the home screen shows are its properties.
//
// Threading: GUI thread only; one sync run at a time.
#pragma once

#include "backoff.h"
#include "records.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;
class Database;
class QNetworkReply;
class Outbox;
class ServerCache;
class SessionController;
struct ApiReply;

class SyncEngine : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY countsChanged)
    Q_PROPERTY(int attentionCount READ attentionCount NOTIFY countsChanged)
    Q_PROPERTY(QDateTime lastSuccessfulSync READ lastSuccessfulSync NOTIFY lastSuccessfulSyncChanged)
    Q_PROPERTY(Problem problem READ problem NOTIFY problemChanged)
    Q_PROPERTY(QString problemText READ problemText NOTIFY problemChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusTextChanged)
    Q_PROPERTY(QDateTime nextAttemptAt READ nextAttemptAt NOTIFY problemChanged)

public:
    enum Problem {
        NoProblem,
        Offline,            // the device reports no network
        ServerUnreachable,  // no answer from the server
        ServerError,        // 5xx
        SessionExpired,     // 401: sign in again
        Throttled,          // 429 / 503 with Retry-After
        Refused,            // another 4xx: the server's message says why
        BadAnswer,          // a 2xx whose body does not parse
        StorageError        // the phone could not write what it received
    };
    Q_ENUM(Problem)

    struct Options {
        int batchSize = 500;  // the server's limit per push
        int pullPageSize = 500;
        std::chrono::milliseconds backoffBase{2000};
        std::chrono::milliseconds backoffCap{std::chrono::minutes(5)};
        std::chrono::milliseconds periodic{std::chrono::minutes(5)};
        std::chrono::milliseconds afterSave{1500};  // a save is sent this long after the last one
        int maxPullPagesPerRun = 10000;             // bounds a run even against a server that never ends
        bool automatic = true;                      // timers and system triggers (off in deterministic tests)
    };

    SyncEngine(Database &db, Outbox &outbox, ServerCache &cache, SessionController &session, ApiClient &api,
               Options options, QObject *parent = nullptr);

    // Recovers entries a previous run left in sending and, when automatic, connects the triggers (network
    // reachability, application state, timers) and syncs at once if the session is already restored; a session
    // restored later (a keychain answering after start) syncs at once then.
    void start();

    // A sync now: pull-to-refresh, or "Try again". Forgets the backoff.
    Q_INVOKABLE void syncNow();

    [[nodiscard]] bool busy() const { return m_running; }
    [[nodiscard]] int pendingCount() const;
    [[nodiscard]] int attentionCount() const;
    [[nodiscard]] QDateTime lastSuccessfulSync() const;
    [[nodiscard]] Problem problem() const { return m_problem; }
    [[nodiscard]] QString problemText() const;
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QDateTime nextAttemptAt() const { return m_nextAttemptAt; }
    [[nodiscard]] int backoffFailures() const { return m_backoff.failures(); }

public Q_SLOTS:
    // Re-emits the translated texts after a language switch.
    void retranslate();

Q_SIGNALS:
    void busyChanged();
    void countsChanged();
    void lastSuccessfulSyncChanged();
    void problemChanged();
    void statusTextChanged();
    void syncFinished(bool success);

private:
    void run();
    void pushNext();
    void onPushReply(const QList<OutboxEntry> &batch, const ApiReply &reply);
    void pullNext();
    void onPullReply(const ApiReply &reply);
    void finishSuccess();
    void finishFailure(Problem problem, const QString &detail, int retryAfterSeconds = 0);
    // Maps a non-2xx answer (or none) to the problem to report; true when the run must stop for the session.
    void failFromReply(const ApiReply &reply);
    void setProblem(Problem problem, const QString &detail);
    void scheduleSoon();
    void onSessionStateChanged();
    void onApplicationStateChanged(Qt::ApplicationState state);
    [[nodiscard]] bool networkKnownDown() const;

    Database &m_db;
    Outbox &m_outbox;
    ServerCache &m_cache;
    SessionController &m_session;
    ApiClient &m_api;
    Options m_options;
    Backoff m_backoff;

    bool m_started = false;  // start() connected the automatic triggers
    int m_sessionState = -1;  // the session's state before its latest change
    QPointer<QNetworkReply> m_inFlight;  // this engine's exchange, aborted on sign-out (nobody else's)
    bool m_running = false;
    bool m_rerun = false;
    int m_batchSize = 0;
    int m_pagesThisRun = 0;
    int m_resetsThisRun = 0;
    Problem m_problem = NoProblem;
    QString m_problemDetail;
    QDateTime m_nextAttemptAt;
    QTimer m_retryTimer;
    QTimer m_periodicTimer;
    QTimer m_soonTimer;
    int m_lastPendingCount = 0;
};
