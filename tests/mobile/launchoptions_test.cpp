#include "launchoptions.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

namespace {

QString writeFile(const QTemporaryDir &dir, const QByteArray &content)
{
    const QString path = dir.filePath(QStringLiteral("password"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(content);
    return path;
}

}  // namespace

TEST_CASE("the README's launch arguments sign in with the password file's first line")
{
    QTemporaryDir dir;
    const QString passwordFile = writeFile(dir, "s3cret word\nignored\n");
    QString error;
    const auto options = LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--server"),
                                               QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("--organization"),
                                               QStringLiteral("demo"), QStringLiteral("--username"),
                                               QStringLiteral("manager"), QStringLiteral("--password-file"), passwordFile},
                                              QProcessEnvironment(), &error);
    REQUIRE(options);
    CHECK(options->hasCredentials());
    CHECK(options->serverUrl == QStringLiteral("http://127.0.0.1:8080"));
    CHECK(options->organization == QStringLiteral("demo"));
    CHECK(options->username == QStringLiteral("manager"));
    CHECK(options->password == QStringLiteral("s3cret word"));
}

TEST_CASE("environment variables stand in for the arguments, and arguments win")
{
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("FLOORWALK_SERVER"), QStringLiteral("http://env:1"));
    env.insert(QStringLiteral("FLOORWALK_ORGANIZATION"), QStringLiteral("envorg"));
    env.insert(QStringLiteral("FLOORWALK_USERNAME"), QStringLiteral("envuser"));
    env.insert(QStringLiteral("FLOORWALK_PASSWORD_FILE"), writeFile(dir, "pw\r\n"));
    env.insert(QStringLiteral("FLOORWALK_APP_DATA"), QStringLiteral("/tmp/fw"));
    QString error;
    const auto options = LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--username"),
                                               QStringLiteral("arguser")},
                                              env, &error);
    REQUIRE(options);
    CHECK(options->serverUrl == QStringLiteral("http://env:1"));
    CHECK(options->username == QStringLiteral("arguser"));
    CHECK(options->password == QStringLiteral("pw"));
    CHECK(options->dataDir == QStringLiteral("/tmp/fw"));
}

TEST_CASE("bad launch options are refused with a reason")
{
    QString error;
    CHECK_FALSE(LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--server"),
                                      QStringLiteral("http://x")},
                                     QProcessEnvironment(), &error));
    CHECK(error.contains(QStringLiteral("--password-file")));
    CHECK_FALSE(LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--password-file"),
                                      QStringLiteral("/nonexistent/file")},
                                     QProcessEnvironment(), &error));
    CHECK(error.contains(QStringLiteral("/nonexistent/file")));
    CHECK_FALSE(LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--language"), QStringLiteral("de")},
                                     QProcessEnvironment(), &error));
    CHECK_FALSE(LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--bogus")}, QProcessEnvironment(),
                                     &error));
}

TEST_CASE("modes are recognised")
{
    QString error;
    const auto options = LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--self-test"),
                                               QStringLiteral("--screenshots"), QStringLiteral("/tmp/shots"),
                                               QStringLiteral("--language"), QStringLiteral("fr"),
                                               QStringLiteral("--no-keychain")},
                                              QProcessEnvironment(), &error);
    REQUIRE(options);
    CHECK(options->selfTest);
    CHECK(options->screenshotsDir == QStringLiteral("/tmp/shots"));
    CHECK(options->language == QStringLiteral("fr"));
    CHECK(options->fileTokenStorage);
    CHECK_FALSE(options->hasCredentials());
    const auto help = LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--help")},
                                           QProcessEnvironment(), &error);
    REQUIRE(help);
    CHECK(help->helpText.contains(QStringLiteral("--password-file")));
}

TEST_CASE("insecure http to other machines is an explicit choice on the command line")
{
    QString error;
    const auto plain = LaunchOptions::parse({QStringLiteral("floorwalk")}, QProcessEnvironment(), &error);
    REQUIRE(plain);
    CHECK_FALSE(plain->allowInsecureHttp);
    const auto allowed = LaunchOptions::parse({QStringLiteral("floorwalk"), QStringLiteral("--allow-insecure-http")},
                                              QProcessEnvironment(), &error);
    REQUIRE(allowed);
    CHECK(allowed->allowInsecureHttp);
}

TEST_CASE("help and version are answered from the arguments alone")
{
    const auto help = LaunchOptions::informationText({QStringLiteral("floorwalk"), QStringLiteral("--help")});
    REQUIRE(help);
    CHECK(help->contains(QStringLiteral("--allow-insecure-http")));
    CHECK(help->contains(QStringLiteral("--version")));
    const auto version = LaunchOptions::informationText({QStringLiteral("floorwalk"), QStringLiteral("--version")});
    REQUIRE(version);
    CHECK(*version == QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion()
                          + QLatin1Char('\n'));
    CHECK(LaunchOptions::informationText({QStringLiteral("floorwalk"), QStringLiteral("--help-all")}) == help);
    // Qt's own options (stripped only later, by the GUI application) do not hide --help.
    CHECK(LaunchOptions::informationText({QStringLiteral("floorwalk"), QStringLiteral("-platform"),
                                          QStringLiteral("offscreen"), QStringLiteral("--help")}));
    // Any other start goes on to the display; nothing else is read here (a password file would be read twice).
    CHECK_FALSE(LaunchOptions::informationText({QStringLiteral("floorwalk")}));
    CHECK_FALSE(LaunchOptions::informationText({QStringLiteral("floorwalk"), QStringLiteral("--password-file"),
                                                QStringLiteral("/nonexistent/file"), QStringLiteral("--self-test")}));
}
