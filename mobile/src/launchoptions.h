// What the command line and the environment ask of the app: where its data lives, credentials to open signed in
// (the README's run command), and the self-test and screenshot modes.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

struct LaunchOptions {
    QString dataDir;  // empty: the platform's app data folder
    QString serverUrl;
    QString organization;
    QString username;
    QString password;  // read from --password-file (or FLOORWALK_PASSWORD_FILE); never from the command line
    bool selfTest = false;
    QString screenshotsDir;
    QString language;       // for this run only: "fr" or "en"
    bool fileTokenStorage = false;  // skip the platform keychain
    bool allowInsecureHttp = false;  // plain http to other machines too (test servers)
    QString helpText;               // set when --help or --version was asked: print it and exit

    [[nodiscard]] bool hasCredentials() const
    {
        return !serverUrl.isEmpty() && !organization.isEmpty() && !username.isEmpty() && !password.isEmpty();
    }

    // Arguments win over FLOORWALK_* variables. nullopt with `error` set on a bad option or an unreadable password
    // file.
    [[nodiscard]] static std::optional<LaunchOptions> parse(const QStringList &arguments,
                                                            const QProcessEnvironment &environment, QString *error);
    // The text --help or --version asks for, nullopt for any other start. Reads nothing else (no password file,
    // no standard input), so the executable calls it before it opens a display.
    [[nodiscard]] static std::optional<QString> informationText(const QStringList &arguments);
};
