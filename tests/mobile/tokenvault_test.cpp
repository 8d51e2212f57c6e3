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
