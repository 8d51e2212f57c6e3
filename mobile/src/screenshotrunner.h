// `floorwalk --screenshots DIR`: once the session is settled (signed in and synced, or signed out), renders every
// main screen at the window's size to DIR/NN-screen.png and reports the exit code.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QQuickWindow;
class SessionController;
class SyncEngine;

class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    ScreenshotRunner(QQuickWindow *window, SessionController &session, SyncEngine &sync, QString directory,
                     QObject *parent = nullptr);

    // Waits (at most `patience`) for the session to settle, then captures.
    void start(std::chrono::milliseconds patience = std::chrono::seconds(60));

Q_SIGNALS:
    void finished(int exitCode);

private:
    void checkReady();
    void capture();

    QPointer<QQuickWindow> m_window;
    SessionController &m_session;
    SyncEngine &m_sync;
    QString m_directory;
    QTimer m_deadline;
    bool m_sawSync = false;
    bool m_done = false;
};
