#include "selftest.h"

#include "screentour.h"

#include <QDirIterator>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickWindow>
#include <QTextStream>

namespace SelfTest {
namespace {

QStringList g_problems;
QtMessageHandler g_previous = nullptr;

// Every warning that names one of our QML files is a failure: bindings to undefined, missing required properties,
// type errors at runtime...
void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg && message.contains(QLatin1String("qrc:/Floorwalk/")))
        g_problems.append(message);
    if (g_previous)
        g_previous(type, context, message);
}

}  // namespace

int run(QQmlApplicationEngine &engine)
{
    QTextStream out(stdout);
    g_previous = qInstallMessageHandler(collect);

    int files = 0;
    QDirIterator it(QStringLiteral(":/Floorwalk"), {QStringLiteral("*.qml")}, QDir::Files);
    QStringList paths;
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    for (const QString &path : paths) {
        QQmlComponent component(&engine, QUrl(QStringLiteral("qrc") + path));
        ++files;
        if (component.isError()) {
            for (const QQmlError &e : component.errors())
                g_problems.append(e.toString());
        }
    }
    out << "compiled " << files << " QML files\n";

    engine.load(QUrl(QStringLiteral("qrc:/Floorwalk/Main.qml")));
    auto *window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        g_problems.append(QStringLiteral("Main.qml did not create a window"));
    } else {
        ScreenTour tour(window);
        for (const QString &screen : ScreenTour::screens()) {
            QString error;
            if (!tour.show(screen, &error))
                g_problems.append(error);
            else
                out << "opened " << screen << "\n";
        }
    }
    qInstallMessageHandler(g_previous);

    if (files == 0)
        g_problems.append(QStringLiteral("no QML file found under :/Floorwalk"));
    for (const QString &p : std::as_const(g_problems))
        out << "FAIL: " << p << "\n";
    out << (g_problems.isEmpty() ? "self-test passed\n" : "self-test failed\n");
    out.flush();
    return g_problems.isEmpty() ? 0 : 1;
}

}  // namespace SelfTest
