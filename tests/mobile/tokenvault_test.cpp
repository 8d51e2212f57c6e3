#include "tokenvault.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QTemporaryDir>

#include <sys/stat.h>

TEST_CASE("without a keychain the token lives in a file only its owner can read")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("private/session-token"));
    TokenVault vault(QStringLiteral("Floorwalk tests"), path, TokenVault::Backend::File);
    bool stored = false;
    vault.store(QStringLiteral("acme/alice@http://x"), QStringLiteral("tok-123"), [&](bool ok) { stored = ok; });
    REQUIRE(stored);
    struct stat info {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(vault.storageName() == QStringLiteral("file"));

    QString loaded;
    vault.load(QStringLiteral("acme/alice@http://x"), [&](const QString &token) { loaded = token; });
    CHECK(loaded == QStringLiteral("tok-123"));
    // Another account does not get this token.
    vault.load(QStringLiteral("acme/bob@http://x"), [&](const QString &token) { loaded = token; });
    CHECK(loaded.isEmpty());

    bool erased = false;
    vault.erase(QStringLiteral("acme/alice@http://x"), [&] { erased = true; });
    CHECK(erased);
    CHECK_FALSE(QFile::exists(path));
}

TEST_CASE("the file keeps one token per account, and erasing one leaves the others")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session-token"));
    TokenVault vault(QStringLiteral("Floorwalk tests"), path, TokenVault::Backend::File);
    auto load = [&](const QString &account) {
        QString token;
        vault.load(account, [&](const QString &t) { token = t; });
        return token;
    };
    bool stored = false;
    vault.store(QStringLiteral("acme/alice@https://x"), QStringLiteral("tok-alice"), [&](bool ok) { stored = ok; });
    REQUIRE(stored);
    vault.store(QStringLiteral("sign-out/1"), QStringLiteral("tok-revoke"), [&](bool ok) { stored = ok; });
    REQUIRE(stored);
    vault.store(QStringLiteral("acme/alice@https://x"), QStringLiteral("tok-alice-2"), [&](bool ok) { stored = ok; });
    REQUIRE(stored);
    CHECK(load(QStringLiteral("acme/alice@https://x")) == QStringLiteral("tok-alice-2"));
    CHECK(load(QStringLiteral("sign-out/1")) == QStringLiteral("tok-revoke"));

    vault.erase(QStringLiteral("acme/alice@https://x"), [] {});
    CHECK(load(QStringLiteral("acme/alice@https://x")).isEmpty());
    CHECK(load(QStringLiteral("sign-out/1")) == QStringLiteral("tok-revoke"));
    vault.erase(QStringLiteral("sign-out/1"), [] {});
    CHECK_FALSE(QFile::exists(path));
}

TEST_CASE("a token file written by an earlier version is still read")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session-token"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("acme/alice@https://x\ntok-old\n");
    file.close();
    TokenVault vault(QStringLiteral("Floorwalk tests"), path, TokenVault::Backend::File);
    QString token;
    vault.load(QStringLiteral("acme/alice@https://x"), [&](const QString &t) { token = t; });
    CHECK(token == QStringLiteral("tok-old"));
}
