#include "syncengine.h"

#include "apiclient.h"
#include "database.h"
#include "deviceclock.h"
#include "metakeys.h"
#include "outbox.h"
#include "servercache.h"
#include "sessioncontroller.h"
#include "syncprotocol.h"

#include <QGuiApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkInformation>
#include <QUrlQuery>

#include <utility>

Q_LOGGING_CATEGORY(lcSync, "floorwalk.sync")

SyncEngine::SyncEngine(Database &db, Outbox &outbox, ServerCache &cache, SessionController &session, ApiClient &api,
                       Options options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_outbox(outbox)
    , m_cache(cache)
    , m_session(session)
    , m_api(api)
    , m_options(options)
    , m_backoff(options.backoffBase, options.backoffCap)
    , m_batchSize(options.batchSize)
{
    m_retryTimer.setSingleShot(true);
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setInterval(int(m_options.afterSave.count()));
    m_periodicTimer.setInterval(int(m_options.periodic.count()));
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncEngine::run);
    connect(&m_soonTimer, &QTimer::timeout, this, &SyncEngine::run);
    connect(&m_periodicTimer, &QTimer::timeout, this, [this] {
        if (!m_retryTimer.isActive())  // while backing off, the retry timer decides
            run();
    });

    connect(&m_db, &Database::outboxChanged, this, [this] {
        Q_EMIT countsChanged();
        Q_EMIT statusTextChanged();
        const int pending = pendingCount();
        if (pending > m_lastPendingCount)
            scheduleSoon();
        m_lastPendingCount = pending;
    });
    connect(&m_session, &SessionController::signedInAfterPassword, this, &SyncEngine::syncNow);
    connect(&m_session, &SessionController::stateChanged, this, &SyncEngine::onSessionStateChanged);
    m_sessionState = m_session.state();
    m_lastPendingCount = pendingCount();
}

void SyncEngine::start()
{
    if (!m_outbox.recoverInterrupted())
        qCWarning(lcSync) << "could not recover entries left in sending";
    m_outbox.pruneAcknowledged(std::chrono::hours(24 * 7));
    m_lastPendingCount = pendingCount();
    Q_EMIT countsChanged();
    if (!m_options.automatic)
        return;
    m_periodicTimer.start();
    if (auto *app = qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        connect(app, &QGuiApplication::applicationStateChanged, this, &SyncEngine::onApplicationStateChanged);
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online)
                        syncNow();
                });
    } else {
        qCInfo(lcSync) << "no network reachability backend: relying on retries with backoff";
    }
    m_started = true;
    // A start: what waited while the app was closed goes out now, and the server's news come in. A session the
    // vault restores later gets the same in onSessionStateChanged().
    if (m_session.signedIn())
        syncNow();
}

void SyncEngine::onSessionStateChanged()
{
    const int previous = std::exchange(m_sessionState, int(m_session.state()));
    if (m_session.signedIn()) {
        // The kept session restored after start() (a keychain answers asynchronously): the start's sync, now.
        // A password sign-in has its own trigger (signedInAfterPassword).
        if (m_started && previous == SessionController::Restoring)
            syncNow();
        return;
    }
    // Signed out or expired: nothing may go out under a token that is gone.
    m_retryTimer.stop();
    m_soonTimer.stop();
    if (m_session.state() == SessionController::SignedOut) {
        setProblem(NoProblem, {});
        // Only this engine's exchange: the sign-out's own call to the server must go through.
        if (m_inFlight)
            m_inFlight->abort();
        Q_EMIT lastSuccessfulSyncChanged();
        Q_EMIT statusTextChanged();
    }
}

void SyncEngine::onApplicationStateChanged(Qt::ApplicationState state)
{
    // Back in the foreground (a resume, or the window activated): sync now, whatever the backoff said.
    if (state == Qt::ApplicationActive)
        syncNow();
}

bool SyncEngine::networkKnownDown() const
{
    const QNetworkInformation *info = QNetworkInformation::instance();
    return info && info->reachability() == QNetworkInformation::Reachability::Disconnected;
}

int SyncEngine::pendingCount() const
{
    return m_outbox.pendingCount();
}

int SyncEngine::attentionCount() const
{
    return m_outbox.attentionCount();
}

QDateTime SyncEngine::lastSuccessfulSync() const
{
    const QString ms = m_db.meta(MetaKey::lastSyncAt);
    return ms.isEmpty() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms.toLongLong());
}

void SyncEngine::scheduleSoon()
{
    if (m_options.automatic && m_session.signedIn() && !m_retryTimer.isActive())
        m_soonTimer.start();
}

void SyncEngine::syncNow()
{
    m_backoff.reset();
    m_retryTimer.stop();
    m_nextAttemptAt = QDateTime();
    run();
}

void SyncEngine::run()
{
    if (!m_session.signedIn())
        return;
    if (m_running) {
        m_rerun = true;
        return;
    }
    m_soonTimer.stop();
    // No run is active, so nothing can legitimately be in flight: an entry still marked sending lost its answer
    // (and its requeue) somehow. It goes back to pending, counted as attempted.
    m_outbox.recoverInterrupted();
    m_running = true;
    m_rerun = false;
    m_batchSize = m_options.batchSize;
    m_pagesThisRun = 0;
    m_resetsThisRun = 0;
    Q_EMIT busyChanged();
    Q_EMIT statusTextChanged();
    pushNext();
}

void SyncEngine::pushNext()
{
    const QList<OutboxEntry> batch = m_outbox.takeBatch(m_batchSize);
    if (batch.isEmpty()) {
        pullNext();
        return;
    }
    QList<OutboxEntry> ordered;
    ordered.reserve(batch.size());
    for (const OutboxEntry &e : batch) {
        if (e.kind == RecordKind::Observation)
            ordered.append(e);
    }
    for (const OutboxEntry &e : batch) {
        if (e.kind == RecordKind::Activity)
            ordered.append(e);
    }
    qCDebug(lcSync) << "pushing" << ordered.size() << "records";
    // sentAt is read as the request is made: a retry sends the clock's new reading, never a stale one.
    m_inFlight = m_api.post(QStringLiteral("sync/push"),
                            SyncProtocol::encodePush(m_session.deviceId(), ordered, DeviceClock::nowUtc()),
                            [this, ordered](const ApiReply &reply) { onPushReply(ordered, reply); });
}

void SyncEngine::onPushReply(const QList<OutboxEntry> &batch, const ApiReply &reply)
{
    if (reply.isSuccess()) {
        const auto results = SyncProtocol::decodePush(reply.body);
        if (!results) {
            // A 2xx we cannot read names nothing: nothing counts as sent.
            m_outbox.requeue(batch);
            finishFailure(BadAnswer, {});
            return;
        }
        QString error;
        int unanswered = 0;
        if (!m_outbox.applyResults(batch, *results, &error, &unanswered)) {
            m_outbox.requeue(batch);
            finishFailure(StorageError, error);
            return;
        }
        if (unanswered > 0) {
            // The answer left records unnamed: they stay pending, and pushing on would resend them at once.
            finishFailure(BadAnswer, tr("%n record(s) missing from the answer", nullptr, unanswered));
            return;
        }
        pushNext();
        return;
    }
    m_outbox.requeue(batch);
    if (reply.httpStatus == 413 && batch.size() > 1) {
        // Too large for the server: halve and go on; the records themselves are fine.
        m_batchSize = std::max(1, int(batch.size() / 2));
        qCInfo(lcSync) << "push too large; retrying with batches of" << m_batchSize;
        pushNext();
        return;
    }
    if (reply.httpStatus == 413) {
        // A single record the server will never take: the manager must see it, not a retry loop.
        QString error;
        if (!m_outbox.markRejected(batch.constFirst().seq, QStringLiteral("payload_too_large"),
                                   tr("This record is too large for the server; shorten its texts."), &error)) {
            finishFailure(StorageError, error);
            return;
        }
        pushNext();
        return;
    }
    failFromReply(reply);
}

void SyncEngine::pullNext()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("cursor"), m_cache.cursor());
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pullPageSize));
    m_inFlight = m_api.get(QStringLiteral("sync/pull"), query, [this](const ApiReply &reply) { onPullReply(reply); });
}

void SyncEngine::onPullReply(const ApiReply &reply)
{
    if (!reply.isSuccess()) {
        failFromReply(reply);
        return;
    }
    const std::optional<PullPage> page = SyncProtocol::decodePull(reply.body);
    if (!page) {
        finishFailure(BadAnswer, {});
        return;
    }
    QString error;
    if (page->reset) {
        // The server no longer knows our cursor: start over from scratch. Only pulled data is dropped; the
        // outbox is another table and keeps every unsent change.
        if (++m_resetsThisRun > 1) {
            finishFailure(BadAnswer, tr("the server keeps asking for a full reload"));
            return;
        }
        qCInfo(lcSync) << "server asked for a reset: pulling everything again";
        if (!m_cache.resetServerData(&error)) {
            finishFailure(StorageError, error);
            return;
        }
        pullNext();
        return;
    }
    if (!m_cache.applyPullPage(*page, &error)) {
        finishFailure(StorageError, error);
        return;
    }
    if (page->hasMore && ++m_pagesThisRun < m_options.maxPullPagesPerRun) {
        pullNext();
        return;
    }
    finishSuccess();
}

void SyncEngine::failFromReply(const ApiReply &reply)
{
    if (reply.httpStatus == 401) {
        m_running = false;
        Q_EMIT busyChanged();
        setProblem(SessionExpired, {});
        m_session.expire();
        Q_EMIT statusTextChanged();
        Q_EMIT syncFinished(false);
        return;
    }
    if (reply.noAnswer()) {
        if (!m_session.signedIn()) {
            // Aborted by a sign-out: nothing to report.
            m_running = false;
            Q_EMIT busyChanged();
            Q_EMIT syncFinished(false);
            return;
        }
        finishFailure(networkKnownDown() ? Offline : ServerUnreachable, reply.networkErrorString);
    } else if (reply.httpStatus == 429 || reply.httpStatus == 503) {
        finishFailure(Throttled, reply.errorMessage, reply.retryAfterSeconds);
    } else if (reply.httpStatus >= 500) {
        finishFailure(ServerError, QString::number(reply.httpStatus));
    } else {
        finishFailure(Refused, reply.errorMessage.isEmpty() ? QStringLiteral("HTTP %1").arg(reply.httpStatus)
                                                            : reply.errorMessage);
    }
}

void SyncEngine::finishSuccess()
{
    m_db.setMeta(MetaKey::lastSyncAt, QString::number(QDateTime::currentMSecsSinceEpoch()));
    m_backoff.reset();
    m_nextAttemptAt = QDateTime();
    setProblem(NoProblem, {});
    m_running = false;
    Q_EMIT busyChanged();
    Q_EMIT lastSuccessfulSyncChanged();
    Q_EMIT statusTextChanged();
    Q_EMIT syncFinished(true);
    // Saves made while this run was under way go out now rather than at the next trigger.
    if (m_rerun)
        run();
}

void SyncEngine::finishFailure(Problem problem, const QString &detail, int retryAfterSeconds)
{
    m_running = false;
    m_rerun = false;
    if (problem != StorageError) {
        auto delay = m_backoff.nextDelay();
        delay = std::max(delay, std::chrono::milliseconds(std::chrono::seconds(retryAfterSeconds)));
        m_nextAttemptAt = QDateTime::currentDateTime().addMSecs(delay.count());
        if (m_options.automatic)
            m_retryTimer.start(int(delay.count()));
    }
    qCInfo(lcSync) << "sync failed:" << problem << detail;
    setProblem(problem, detail);
    Q_EMIT busyChanged();
    Q_EMIT statusTextChanged();
    Q_EMIT syncFinished(false);
}

void SyncEngine::setProblem(Problem problem, const QString &detail)
{
    if (m_problem == problem && m_problemDetail == detail)
        return;
    m_problem = problem;
    m_problemDetail = detail;
    Q_EMIT problemChanged();
}

void SyncEngine::retranslate()
{
    Q_EMIT problemChanged();
    Q_EMIT statusTextChanged();
}

QString SyncEngine::problemText() const
{
    const QString next = m_nextAttemptAt.isValid()
        ? tr("Next try at %1.").arg(QLocale().toString(m_nextAttemptAt.time(), QStringLiteral("HH:mm")))
        : QString();
    switch (m_problem) {
    case NoProblem:
        return {};
    case Offline:
        return tr("No network. Your changes are safe on this phone and will be sent when the network is back.");
    case ServerUnreachable:
        return tr("Cannot reach the server. Your changes are safe on this phone. %1").arg(next).trimmed();
    case ServerError:
        return tr("The server has a problem (HTTP %1). %2").arg(m_problemDetail, next).trimmed();
    case SessionExpired:
        return tr("Your session has ended: sign in again to send your changes.");
    case Throttled:
        return tr("The server is busy and asked us to wait. %1").arg(next).trimmed();
    case Refused:
        return tr("The server refused the sync: %1. %2").arg(m_problemDetail, next).trimmed();
    case BadAnswer:
        return tr("The server's answer could not be read. %1").arg(next).trimmed();
    case StorageError:
        return tr("This phone could not store the data it received: %1").arg(m_problemDetail);
    }
    return {};
}

QString SyncEngine::statusText() const
{
    const int pending = pendingCount();
    if (m_running)
        return pending > 0 ? tr("Sending %n change(s)…", nullptr, pending) : tr("Syncing…");
    const QDateTime last = lastSuccessfulSync();
    QString when;
    if (last.isValid()) {
        const QDateTime local = last.toLocalTime();
        when = local.date() == QDate::currentDate() ? QLocale().toString(local.time(), QStringLiteral("HH:mm"))
                                                    : QLocale().toString(local, QStringLiteral("d MMM HH:mm"));
    }
    if (pending > 0) {
        const QString waiting = tr("%n change(s) waiting to be sent", nullptr, pending);
        return when.isEmpty() ? waiting : tr("%1 · last sync %2").arg(waiting, when);
    }
    if (when.isEmpty())
        return tr("Not synced yet");
    return tr("Everything sent · last sync %1").arg(when);
}
