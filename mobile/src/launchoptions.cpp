#include "launchoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

namespace {

// The first line of the file ("-" = standard input), without its line end.
std::optional<QString> readPasswordFile(const QString &path, QString *error)
{
    QFile file;
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                    : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = QCoreApplication::translate("LaunchOptions", "Cannot read the password file %1: %2")
                     .arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray line = file.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        *error = QCoreApplication::translate("LaunchOptions", "The password file %1 is empty.").arg(path);
        return std::nullopt;
    }
    return QString::fromUtf8(line);
}

}  // namespace

std::optional<LaunchOptions> LaunchOptions::parse(const QStringList &arguments,
                                                  const QProcessEnvironment &environment, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Floorwalk: field observation and coaching for store managers."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Folder of the local database."),
                                  QStringLiteral("dir"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server URL to sign in to."),
                                    QStringLiteral("url"));
    const QCommandLineOption organization(QStringLiteral("organization"), QStringLiteral("Organisation."),
                                          QStringLiteral("name"));
    const QCommandLineOption username(QStringLiteral("username"), QStringLiteral("Username."),
                                      QStringLiteral("name"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          QStringLiteral("File whose first line is the password (- for stdin)."),
                                          QStringLiteral("file"));
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QStringLiteral("Load every QML file and every screen, then exit 0 or 1."));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral("Render each main screen to PNG files in dir, then exit."),
                                         QStringLiteral("dir"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("Language for this run (fr or en)."), QStringLiteral("code"));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
                                        QStringLiteral("Keep the session token in a private file, not the keychain."));
    parser.addOptions({data, server, organization, username, passwordFile, selfTest, screenshots, language,
                       noKeychain});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        LaunchOptions out;
        out.helpText = parser.helpText();
        return out;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }
    auto pick = [&](const QCommandLineOption &option, const char *variable) {
        return parser.isSet(option) ? parser.value(option) : environment.value(QLatin1String(variable));
    };

    LaunchOptions out;
    out.dataDir = pick(data, "FLOORWALK_APP_DATA");
    out.serverUrl = pick(server, "FLOORWALK_SERVER");
    out.organization = pick(organization, "FLOORWALK_ORGANIZATION");
    out.username = pick(username, "FLOORWALK_USERNAME");
    const QString passwordPath = pick(passwordFile, "FLOORWALK_PASSWORD_FILE");
    if (!passwordPath.isEmpty()) {
        const auto password = readPasswordFile(passwordPath, error);
        if (!password)
            return std::nullopt;
        out.password = *password;
    }
    out.selfTest = parser.isSet(selfTest);
    out.screenshotsDir = parser.value(screenshots);
    out.language = parser.value(language);
    if (!out.language.isEmpty() && out.language != QLatin1String("fr") && out.language != QLatin1String("en")) {
        *error = QStringLiteral("--language must be fr or en, not %1").arg(out.language);
        return std::nullopt;
    }
    out.fileTokenStorage = parser.isSet(noKeychain)
        || environment.value(QStringLiteral("FLOORWALK_TOKEN_STORAGE")) == QLatin1String("file");
    const bool someCredentials = !out.serverUrl.isEmpty() || !out.organization.isEmpty() || !out.username.isEmpty()
        || !out.password.isEmpty();
    if (someCredentials && !out.hasCredentials()) {
        *error = QStringLiteral("Signing in at launch needs --server, --organization, --username and "
                                "--password-file together.");
        return std::nullopt;
    }
    return out;
}
