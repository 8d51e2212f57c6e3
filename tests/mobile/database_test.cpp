#include "database.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace {

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0);
}

}  // namespace

TEST_CASE("a new database is migrated to the latest schema with durable commits")
{
    QTemporaryDir dir;
    Database db(QDir(dir.path()).filePath(QStringLiteral("sub/floorwalk.sqlite")));
    QString error;
    REQUIRE(db.open(&error));
    CHECK(db.schemaVersion() == Database::latestSchemaVersion());
    // synchronous=FULL is 2: a commit reaches the disk before it returns.
    CHECK(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt() == 2);
    CHECK(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString() == QStringLiteral("wal"));
    for (const char *table : {"meta", "units", "employees", "model", "model_levels", "model_dimensions",
                              "observations", "activities", "outbox"}) {
        INFO(table);
        CHECK(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                             .arg(QLatin1String(table)))
                  .toInt()
              == 1);
    }
}

TEST_CASE("reopening keeps the data and does not migrate again")
{
    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"));
    QString error;
    {
        Database db(path);
        REQUIRE(db.open(&error));
        REQUIRE(db.setMeta(QStringLiteral("cursor"), QStringLiteral("abc")));
    }
    Database db(path);
    REQUIRE(db.open(&error));
    CHECK(db.meta(QStringLiteral("cursor")) == QStringLiteral("abc"));
    CHECK(db.schemaVersion() == Database::latestSchemaVersion());
}

TEST_CASE("a database written by a newer app is refused, not damaged")
{
    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        REQUIRE(raw.open());
        QSqlQuery(raw).exec(QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    Database db(path);
    QString error;
    CHECK_FALSE(db.open(&error));
    CHECK(error.contains(QStringLiteral("newer version")));
}

TEST_CASE("meta values can be set, replaced and removed")
{
    QTemporaryDir dir;
    Database db(QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    REQUIRE(db.open(&error));
    CHECK(db.meta(QStringLiteral("k")).isEmpty());
    REQUIRE(db.setMeta(QStringLiteral("k"), QStringLiteral("1")));
    REQUIRE(db.setMeta(QStringLiteral("k"), QStringLiteral("2")));
    CHECK(db.meta(QStringLiteral("k")) == QStringLiteral("2"));
    REQUIRE(db.removeMeta(QStringLiteral("k")));
    CHECK(db.meta(QStringLiteral("k")).isEmpty());
}

TEST_CASE("a transaction not committed is rolled back")
{
    QTemporaryDir dir;
    Database db(QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    REQUIRE(db.open(&error));
    {
        Database::Transaction transaction(db);
        REQUIRE(transaction.isActive());
        REQUIRE(db.setMeta(QStringLiteral("half"), QStringLiteral("written")));
    }
    CHECK(db.meta(QStringLiteral("half")).isEmpty());
    {
        Database::Transaction transaction(db);
        REQUIRE(db.setMeta(QStringLiteral("whole"), QStringLiteral("written")));
        REQUIRE(transaction.commit());
    }
    CHECK(db.meta(QStringLiteral("whole")) == QStringLiteral("written"));
}
