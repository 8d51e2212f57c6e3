#include "tokenvault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>

#include <algorithm>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcVault, "floorwalk.vault")

TokenVault::TokenVault(QString service, QString filePath, Backend backend, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_filePath(std::move(filePath))
    , m_backend(backend)
    , m_storageName(backend == Backend::File ? QStringLiteral("file") : QStringLiteral("keychain"))
{
}

TokenVault::FileEntries TokenVault::readFile() const
{
    FileEntries entries;
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    // Pairs of lines: the account, then its token. A file of one pair is what earlier versions wrote.
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); i += 2) {
        const QString account = QString::fromUtf8(lines.at(i));
        const QString token = QString::fromUtf8(lines.at(i + 1)).trimmed();
        if (!account.isEmpty() && !token.isEmpty())
            entries.append({account, token});
    }
    return entries;
}

bool TokenVault::writeFile(const FileEntries &entries)
{
    if (entries.isEmpty()) {
        QFile::remove(m_filePath);
        return true;
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcVault) << "cannot write the token file" << m_filePath << file.errorString();
        return false;
    }
    // Restrict before the first byte is written, so the token is never readable by others, even briefly.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        qCWarning(lcVault) << "cannot restrict the token file's permissions" << m_filePath;
        file.cancelWriting();
        return false;
    }
    for (const auto &[account, token] : entries)
        file.write(account.toUtf8() + '\n' + token.toUtf8() + '\n');
    return file.commit();
}

bool TokenVault::storeInFile(const QString &account, const QString &token)
{
    FileEntries entries = readFile();
    const auto same = std::find_if(entries.begin(), entries.end(), [&](const auto &e) { return e.first == account; });
    if (same != entries.end())
        same->second = token;
    else
        entries.append({account, token});
    return writeFile(entries);
}

QString TokenVault::loadFromFile(const QString &account) const
{
    for (const auto &[name, token] : readFile()) {
        if (name == account)
            return token;
    }
    return {};
}

void TokenVault::eraseFromFile(const QString &account)
{
    FileEntries entries = readFile();
    if (entries.removeIf([&](const auto &e) { return e.first == account; }) > 0)
        writeFile(entries);
}

void TokenVault::store(const QString &account, const QString &token, std::function<void(bool)> done)
{
    if (m_backend == Backend::File) {
        const bool ok = storeInFile(account, token);
        m_storageName = QStringLiteral("file");
        done(ok);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, account, token, done = std::move(done)](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            eraseFromFile(account);  // no stale copy outside the keychain
            m_storageName = QStringLiteral("keychain");
            done(true);
            return;
        }
        qCInfo(lcVault) << "no usable keychain (" << j->errorString() << "): keeping the token in a private file";
        m_storageName = QStringLiteral("file");
        done(storeInFile(account, token));
    });
    job->start();
}

void TokenVault::load(const QString &account, std::function<void(const QString &)> done)
{
    if (m_backend == Backend::File) {
        done(loadFromFile(account));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account, done = std::move(done)](QKeychain::Job *j) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() == QKeychain::NoError && !read->textData().isEmpty()) {
            m_storageName = QStringLiteral("keychain");
            done(read->textData());
            return;
        }
        // Not in the keychain (or no keychain): the token may have been kept in the file.
        const QString token = loadFromFile(account);
        if (!token.isEmpty())
            m_storageName = QStringLiteral("file");
        done(token);
    });
    job->start();
}

void TokenVault::erase(const QString &account, std::function<void()> done)
{
    eraseFromFile(account);
    if (m_backend == Backend::File) {
        done();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *) { done(); });
    job->start();
}
