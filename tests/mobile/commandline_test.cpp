// The floorwalk executable's command line, run the way a person (or a script on a server) runs it: --help and
// --version answer without a display, and without QT_QPA_PLATFORM set.
#include <catch2/catch.hpp>

#include <QProcess>
#include <QProcessEnvironment>

namespace {

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

// Runs the app with no display at all: no X11, no Wayland, no platform chosen.
Run runWithoutDisplay(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *variable : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "QT_QUICK_BACKEND"})
        environment.remove(QString::fromLatin1(variable));
    QProcess app;
    app.setProcessEnvironment(environment);
    app.start(QStringLiteral(FLOORWALK_APP_BINARY), arguments);
    Run run;
    if (!app.waitForFinished(60000)) {
        app.kill();
        app.waitForFinished();
        return run;
    }
    run.exitCode = app.exitCode();
    run.exitStatus = app.exitStatus();
    run.out = QString::fromLocal8Bit(app.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(app.readAllStandardError());
    return run;
}

}  // namespace

TEST_CASE("help prints the options and exits 0 without a display")
{
    const Run run = runWithoutDisplay({QStringLiteral("--help")});
    INFO(run.err.toStdString());
    CHECK(run.exitStatus == QProcess::NormalExit);
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("Usage:")));
    CHECK(run.out.contains(QStringLiteral("--password-file")));
    CHECK(run.out.contains(QStringLiteral("--allow-insecure-http")));
}

TEST_CASE("version prints the version and exits 0 without a display")
{
    const Run run = runWithoutDisplay({QStringLiteral("--version")});
    INFO(run.err.toStdString());
    CHECK(run.exitStatus == QProcess::NormalExit);
    CHECK(run.exitCode == 0);
    CHECK(run.out.startsWith(QStringLiteral("floorwalk ")));
}
