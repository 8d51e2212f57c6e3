#include "screenshotrunner.h"

#include "screentour.h"
#include "sessioncontroller.h"
#include "syncengine.h"

#include <QDir>
#include <QQuickWindow>
#include <QTextStream>

ScreenshotRunner::ScreenshotRunner(QQuickWindow *window, SessionController &session, SyncEngine &sync,
                                   QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_sync(sync)
    , m_directory(std::move(directory))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ScreenshotRunner::capture);
    connect(&m_session, &SessionController::stateChanged, this, &ScreenshotRunner::checkReady);
    connect(&m_sync, &SyncEngine::syncFinished, this, [this] {
        m_sawSync = true;
        checkReady();
    });
}

void ScreenshotRunner::start(std::chrono::milliseconds patience)
{
    m_deadline.start(int(patience.count()));
    // A session restored from an earlier run still deserves fresh data: sync once before capturing.
    if (m_session.signedIn())
        m_sync.syncNow();
    checkReady();
}

void ScreenshotRunner::checkReady()
{
    switch (m_session.state()) {
    case SessionController::Restoring:
    case SessionController::SigningIn:
        return;
    case SessionController::SignedIn:
        if (!m_sawSync || m_sync.busy())
            return;
        break;
    case SessionController::SignedOut:
    case SessionController::Expired:
        break;
    }
    capture();
}

void ScreenshotRunner::capture()
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    QTextStream out(stdout);
    if (!QDir().mkpath(m_directory)) {
        out << "cannot create " << m_directory << "\n";
        Q_EMIT finished(1);
        return;
    }
    ScreenTour tour(m_window);
    int failures = 0;
    int n = 0;
    for (const QString &screen : ScreenTour::screens()) {
        QString error;
        const QString path = QDir(m_directory).filePath(QStringLiteral("%1-%2.png").arg(++n, 2, 10, QLatin1Char('0')).arg(screen));
        if (!tour.show(screen, &error) || !tour.grab().save(path)) {
            out << "FAIL " << screen << ": " << (error.isEmpty() ? QStringLiteral("cannot write ") + path : error) << "\n";
            ++failures;
            continue;
        }
        out << "wrote " << path << "\n";
    }
    out.flush();
    Q_EMIT finished(failures == 0 ? 0 : 1);
}
