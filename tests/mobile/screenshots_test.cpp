// The screenshot run: the real app, signed in to a demo server through its launch arguments, renders every main
// screen at phone size into the build folder, where a person can look at them.
#include "testserver.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

namespace {

void runScreenshots(const TestServer &server, const QString &language, const QString &directory)
{
    QTemporaryDir appData;
    const QString passwordFile = appData.filePath(QStringLiteral("password"));
    {
        QFile file(passwordFile);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("demo1234\n");
    }
    QDir(directory).removeRecursively();
    QProcess app;
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(QStringLiteral(FLOORWALK_APP_BINARY),
              {QStringLiteral("--data"), appData.filePath(QStringLiteral("app")), QStringLiteral("--no-keychain"),
               QStringLiteral("--server"), server.url().toString(), QStringLiteral("--organization"),
               QStringLiteral("demo"), QStringLiteral("--username"), QStringLiteral("manager"),
               QStringLiteral("--password-file"), passwordFile, QStringLiteral("--language"), language,
               QStringLiteral("--screenshots"), directory});
    REQUIRE(app.waitForFinished(180000));
    INFO(app.readAll().toStdString());
    REQUIRE(app.exitCode() == 0);

    const QStringList files = QDir(directory).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    CHECK(files == QStringList{QStringLiteral("01-signin.png"), QStringLiteral("02-home.png"),
                               QStringLiteral("03-observation.png"), QStringLiteral("04-activity.png"),
                               QStringLiteral("05-employee.png"), QStringLiteral("06-dashboard.png"),
                               QStringLiteral("07-attention.png"), QStringLiteral("08-settings.png")});
    for (const QString &name : files) {
        INFO(name.toStdString());
        const QImage image(QDir(directory).filePath(name));
        REQUIRE_FALSE(image.isNull());
        CHECK(image.size() == QSize(412, 915));
        // A rendered screen has many colours; a blank or failed render has one or two.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        CHECK(colours.size() > 20);
    }
}

}  // namespace

TEST_CASE("every main screen renders at phone size, signed in to the demo server, in English and French")
{
    TestServer server;
    QString error;
    if (!server.startWithDemo(&error))
        FAIL(error.toStdString());
    runScreenshots(server, QStringLiteral("en"), QStringLiteral(FLOORWALK_SCREENSHOT_DIR "/en"));
    runScreenshots(server, QStringLiteral("fr"), QStringLiteral(FLOORWALK_SCREENSHOT_DIR "/fr"));
}
