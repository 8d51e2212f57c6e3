#include "screentour.h"

#include <QEventLoop>
#include <QQuickWindow>
#include <QTimer>

ScreenTour::ScreenTour(QQuickWindow *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
}

QStringList ScreenTour::screens()
{
    return {QStringLiteral("signin"),    QStringLiteral("home"),      QStringLiteral("observation"),
            QStringLiteral("activity"),  QStringLiteral("employee"),  QStringLiteral("dashboard"),
            QStringLiteral("attention"), QStringLiteral("settings")};
}

void ScreenTour::settle()
{
    // Screens open without transitions in tours; one short spin lets views create delegates and polish.
    QEventLoop loop;
    QTimer::singleShot(250, &loop, &QEventLoop::quit);
    loop.exec();
}

bool ScreenTour::show(const QString &screen, QString *error)
{
    if (!m_window) {
        *error = QStringLiteral("no window");
        return false;
    }
    QVariant opened;
    if (!QMetaObject::invokeMethod(m_window, "openScreen", Q_RETURN_ARG(QVariant, opened),
                                   Q_ARG(QVariant, screen))) {
        *error = QStringLiteral("Main.qml has no openScreen()");
        return false;
    }
    if (!opened.toBool()) {
        *error = QStringLiteral("Main.qml could not open %1").arg(screen);
        return false;
    }
    settle();
    return true;
}

QImage ScreenTour::grab()
{
    return m_window ? m_window->grabWindow() : QImage();
}
