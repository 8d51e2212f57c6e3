// Where secrets live between runs (the session token, and tokens of sign-outs the server has not confirmed yet):
// the platform keychain (qtkeychain) when one answers, else a file only the user can read (0600) holding one token
// per account. Never the database, never a log.
//
// Threading: GUI thread only; callbacks run on it, and are dropped if the vault is destroyed first.
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <utility>

class TokenVault : public QObject
{
    Q_OBJECT
public:
    enum class Backend {
        Keychain,  // the platform keychain, falling back to the file when none is available
        File       // the file only (tests, and devices known to have no keychain)
    };

    TokenVault(QString service, QString filePath, Backend backend, QObject *parent = nullptr);

    void store(const QString &account, const QString &token, std::function<void(bool ok)> done);
    // Empty token when none is stored for `account`.
    void load(const QString &account, std::function<void(const QString &token)> done);
    void erase(const QString &account, std::function<void()> done);

    // "keychain" or "file": where the last successful store went (shown in Settings).
    [[nodiscard]] QString storageName() const { return m_storageName; }
    [[nodiscard]] QString filePath() const { return m_filePath; }

private:
    using FileEntries = QList<std::pair<QString, QString>>;  // account, token

    [[nodiscard]] FileEntries readFile() const;
    bool writeFile(const FileEntries &entries);
    bool storeInFile(const QString &account, const QString &token);
    [[nodiscard]] QString loadFromFile(const QString &account) const;
    void eraseFromFile(const QString &account);

    QString m_service;
    QString m_filePath;
    Backend m_backend;
    QString m_storageName;
};
