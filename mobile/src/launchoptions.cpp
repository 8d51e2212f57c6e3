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

// The command line, declared once for both passes (informationText before the display, parse after).
struct Options {
    QCommandLineParser parser;
    QCommandLineOption help;
    QCommandLineOption version;
    QCommandLineOption data{QStringLiteral("data"), QStringLiteral("Folder of the local database."),
                            QStringLiteral("dir")};
    QCommandLineOption server{QStringLiteral("server"), QStringLiteral("Server URL to sign in to."),
                              QStringLiteral("url")};
    QCommandLineOption organization{QStringLiteral("organization"), QStringLiteral("Organisation."),
                                    QStringLiteral("name")};
    QCommandLineOption username{QStringLiteral("username"), QStringLiteral("Username."), QStringLiteral("name")};
    QCommandLineOption passwordFile{QStringLiteral("password-file"),
                                    QStringLiteral("File whose first line is the password (- for stdin)."),
                                    QStringLiteral("file")};
    QCommandLineOption selfTest{QStringLiteral("self-test"),
                                QStringLiteral("Load every QML file and every screen, then exit 0 or 1.")};
    QCommandLineOption screenshots{QStringLiteral("screenshots"),
                                   QStringLiteral("Render each main screen to PNG files in dir, then exit."),
                                   QStringLiteral("dir")};
    QCommandLineOption language{QStringLiteral("language"), QStringLiteral("Language for this run (fr or en)."),
                                QStringLiteral("code")};
    QCommandLineOption noKeychain{QStringLiteral("no-keychain"),
                                  QStringLiteral("Keep the session token in a private file, not the keychain.")};
    QCommandLineOption allowInsecureHttp{
        QStringLiteral("allow-insecure-http"),
        QStringLiteral("Also talk plain http:// to servers on other machines (test servers only: the password and "
                       "the data cross the network unencrypted). http:// to this machine is always allowed.")};

    Options()
        : help(parser.addHelpOption())
        , version(parser.addVersionOption())
    {
        parser.setApplicationDescription(
            QStringLiteral("Floorwalk: field observation and coaching for store managers."));
        parser.addOptions({data, server, organization, username, passwordFile, selfTest, screenshots, language,
                           noKeychain, allowInsecureHttp});
    }

    // --help's or --version's text, when one of them was given.
    [[nodiscard]] std::optional<QString> information() const
    {
        // --help-all (added with --help) lists Qt's own options only through showHelp(), which exits the
        // process: it answers with the same text here.
        if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all")))
            return parser.helpText();
        if (parser.isSet(version))
            return QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                 QCoreApplication::applicationVersion());
        return std::nullopt;
    }
};

}  // namespace

std::optional<QString> LaunchOptions::informationText(const QStringList &arguments)
{
    Options options;
    // A parse error (an option of Qt's own, which only the GUI application strips) does not hide --help.
    static_cast<void>(options.parser.parse(arguments));
    return options.information();
}

std::optional<LaunchOptions> LaunchOptions::parse(const QStringList &arguments,
                                                  const QProcessEnvironment &environment, QString *error)
{
    Options options;
    QCommandLineParser &parser = options.parser;
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (const auto text = options.information()) {
        LaunchOptions out;
        out.helpText = *text;
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
    out.dataDir = pick(options.data, "FLOORWALK_APP_DATA");
    out.serverUrl = pick(options.server, "FLOORWALK_SERVER");
    out.organization = pick(options.organization, "FLOORWALK_ORGANIZATION");
    out.username = pick(options.username, "FLOORWALK_USERNAME");
    const QString passwordPath = pick(options.passwordFile, "FLOORWALK_PASSWORD_FILE");
    if (!passwordPath.isEmpty()) {
        const auto password = readPasswordFile(passwordPath, error);
        if (!password)
            return std::nullopt;
        out.password = *password;
    }
    out.selfTest = parser.isSet(options.selfTest);
    out.screenshotsDir = parser.value(options.screenshots);
    out.language = parser.value(options.language);
    if (!out.language.isEmpty() && out.language != QLatin1String("fr") && out.language != QLatin1String("en")) {
        *error = QStringLiteral("--language must be fr or en, not %1").arg(out.language);
        return std::nullopt;
    }
    out.fileTokenStorage = parser.isSet(options.noKeychain)
        || environment.value(QStringLiteral("FLOORWALK_TOKEN_STORAGE")) == QLatin1String("file");
    out.allowInsecureHttp = parser.isSet(options.allowInsecureHttp);
    const bool someCredentials = !out.serverUrl.isEmpty() || !out.organization.isEmpty() || !out.username.isEmpty()
        || !out.password.isEmpty();
    if (someCredentials && !out.hasCredentials()) {
        *error = QStringLiteral("Signing in at launch needs --server, --organization, --username and "
                                "--password-file together.");
        return std::nullopt;
    }
    return out;
}
