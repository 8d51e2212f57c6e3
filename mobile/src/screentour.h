// Walks the real Main.qml through each main screen, rendering it: the self-test and the screenshot mode share it,
// so what the self-test loads is what a person sees.
#pragma once

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QQuickWindow;

class ScreenTour : public QObject
{
    Q_OBJECT
public:
    explicit ScreenTour(QQuickWindow *window, QObject *parent = nullptr);

    // The screens Main.qml's openScreen() knows, in tour order.
    [[nodiscard]] static QStringList screens();

    // Opens `screen` and lets it settle (layout, delegates, images). False with `error` when Main refused it.
    bool show(const QString &screen, QString *error);
    // The window as rendered now.
    [[nodiscard]] QImage grab();

private:
    void settle();

    QPointer<QQuickWindow> m_window;
};
