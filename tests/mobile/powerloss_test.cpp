// "Saved means saved, even through a flat battery": the app's database under the power-cut VFS
// (tests/faults/powercut/powercut_vfs.h, registered as SQLite's default so that Qt's QSQLITE driver goes through
// it). The manager saves numbered observations with ObservationDraft::save, as the Save button does, while the sync
// side takes batches from the outbox and applies the server's ACCEPTED answers; the power goes at a random write,
// truncation or sync (or while the database closes); the disk keeps nothing, or a random subset, possibly torn, of
// what was not synced. After the reboot the database must pass PRAGMA integrity_check, open again as the app opens
// it, hold every observation whose save returned true and a prefix of the saved sequence, and the outbox must still
// hold every saved observation the server had not acknowledged.
//
// FLOORWALK_POWERCUT_CUTS sets the cuts (20 by default; the `long` registration runs 250) and
// FLOORWALK_POWERCUT_SEED replays a run from the seed it printed.
#include "localstore.h"
#include "observationdraft.h"
#include "powercut_vfs.h"
#include "suite_settings.h"
#include "testdata.h"

namespace powercut = floorwalk::powercut;

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>
#include <random>
#include <string>

namespace {

constexpr int savesPerRun = 15;

// A seeded phone database, made once before the VFS is installed and copied for every cut.
class Template
{
public:
    Template()
    {
        LocalStore store(path());
        QString error;
        if (!store.open(&error) || !TestData::seed(store))
            throw std::runtime_error("cannot seed the template database: " + error.toStdString());
    }
    [[nodiscard]] QString path() const { return QDir(m_dir.path()).filePath(QStringLiteral("floorwalk.sqlite")); }

private:
    QTemporaryDir m_dir;
};

const Template &phoneTemplate()
{
    static const Template instance;
    return instance;
}

// What one run saved and what the server acknowledged of it.
struct Saved {
    QStringList ids;           // every observation the manager tried to save, in order
    int saved = 0;             // the first `saved` ids: save() returned true
    QSet<QString> acknowledged;  // applied ACCEPTED answers
    QSet<QString> answerInFlight;  // the answer being applied at the cut: acknowledged or still open, both right
};

// Opens the store, saves numbered observations and, every third one, sends a batch that the server accepts; then
// closes the store. The power goes whenever the VFS was armed for; a result obtained after the cut was never shown.
Saved saveUntilThePowerGoes(const QString &path)
{
    Saved run;
    {
        LocalStore store(path);
        QString error;
        if (!store.open(&error)) {
            REQUIRE(powercut::has_cut());
        }
        for (int n = 0; n < savesPerRun && !powercut::has_cut(); ++n) {
            ObservationDraft draft;
            draft.setStore(&store);
            draft.setEmployeeId(n % 2 ? QStringLiteral("e1") : QStringLiteral("e2"));
            draft.toggleLevel(0, 1 + n % 4);
            draft.setComment(QStringLiteral("powercut #%1").arg(n));
            run.ids.append(draft.pendingId());
            const bool saved = draft.save();
            if (powercut::has_cut())
                break;
            REQUIRE(saved);
            run.saved = int(run.ids.size());
            if (n % 3 != 2)
                continue;
            // The sync engine's side of the outbox: a batch goes out and the server's answer accepts all of it.
            const auto batch = store.outbox().takeBatch(2);
            if (powercut::has_cut())
                break;
            QList<PushResultItem> results;
            for (const auto &entry : batch)
                results.append({entry.recordId, PushStatus::Accepted, {}, {}, entry.revision});
            for (const auto &entry : batch)
                run.answerInFlight.insert(entry.recordId);
            const bool applied = store.outbox().applyResults(batch, results, &error);
            if (powercut::has_cut())
                break;
            run.answerInFlight.clear();
            REQUIRE(applied);
            for (const auto &entry : batch)
                run.acknowledged.insert(entry.recordId);
        }
    }  // closing checkpoints: the power may also go then
    powercut::cut_now();
    return run;
}

struct Figures {
    int cuts = 0;
    int saved = 0;
    int savedLost = 0;
    int outboxLost = 0;  // saved, not acknowledged, and no longer in the outbox
    int integrityFailures = 0;
    int prefixViolations = 0;
    int reopenFailures = 0;
    int cutsThatLostWrites = 0;
    std::size_t operationsLost = 0;
    std::size_t operationsKept = 0;
    std::size_t writesTorn = 0;
    std::size_t filesVanished = 0;
    QStringList failures;
};

QString integrity(const QString &path)
{
    sqlite3 *db = nullptr;
    QString result;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK) {
        result = QStringLiteral("cannot open: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_close(db);
        return result;
    }
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW)
            result += (result.isEmpty() ? QString() : QStringLiteral("; "))
                + QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    } else {
        result = QStringLiteral("cannot check: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return result;
}

void verify(const QString &path, const Saved &run, const QString &cut, Figures &figures)
{
    if (const QString check = integrity(path); check != QStringLiteral("ok")) {
        ++figures.integrityFailures;
        figures.failures.append(cut + QStringLiteral(": integrity_check: ") + check);
        return;
    }
    LocalStore store(path);
    QString error;
    if (!store.open(&error)) {
        ++figures.reopenFailures;
        figures.failures.append(cut + QStringLiteral(": the app cannot open its database: ") + error);
        return;
    }
    figures.saved += run.saved;
    int present = 0;
    int prefix = 0;
    for (int i = 0; i < run.ids.size(); ++i) {
        const bool stored = store.records().observation(run.ids.at(i)).has_value();
        present += stored ? 1 : 0;
        if (stored && prefix == i)
            ++prefix;
        if (i < run.saved && !stored) {
            ++figures.savedLost;
            figures.failures.append(cut + QStringLiteral(": saved observation %1 lost").arg(i));
        }
        if (i < run.saved && !run.acknowledged.contains(run.ids.at(i)) && !run.answerInFlight.contains(run.ids.at(i))
            && !store.outbox().latestOpenEntry(RecordKind::Observation, run.ids.at(i))) {
            ++figures.outboxLost;
            figures.failures.append(cut
                                    + QStringLiteral(": saved observation %1 left the outbox unacknowledged").arg(i));
        }
    }
    if (present != prefix) {
        ++figures.prefixViolations;
        figures.failures.append(cut + QStringLiteral(": %1 observations stored, of which the first %2 saved in order")
                                          .arg(present)
                                          .arg(prefix));
    }
}

}  // namespace

TEST_CASE("saved observations and the outbox survive power cuts")
{
    const auto &blueprint = phoneTemplate();
    powercut::install();
    const auto settings = powercut::suite_settings(20);
    std::mt19937_64 random(settings.seed);

    // A run without a cut counts the events a cut may fall on.
    std::uint64_t events = 0;
    {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"));
        REQUIRE(QFile::copy(blueprint.path(), path));
        powercut::arm(0);
        const auto run = saveUntilThePowerGoes(path);
        REQUIRE(run.saved == savesPerRun);
        events = powercut::events();
        (void)powercut::reboot(random, powercut::Persistence::nothing);
    }
    REQUIRE(events > std::uint64_t(savesPerRun));

    Figures figures;
    for (int i = 0; i < settings.cuts; ++i) {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"));
        REQUIRE(QFile::copy(blueprint.path(), path));
        const auto at = std::uniform_int_distribution<std::uint64_t>(1, events)(random);
        const auto persistence = static_cast<powercut::Persistence>(std::uniform_int_distribution<int>(0, 2)(random));
        powercut::arm(at);
        const auto run = saveUntilThePowerGoes(path);
        const auto report = powercut::reboot(random, persistence);
        ++figures.cuts;
        figures.cutsThatLostWrites += report.operations_lost > 0 ? 1 : 0;
        figures.operationsLost += report.operations_lost;
        figures.operationsKept += report.operations_kept;
        figures.writesTorn += report.writes_torn;
        figures.filesVanished += report.files_vanished;
        verify(path, run,
               QStringLiteral("cut %1 at event %2/%3, disk kept %4")
                   .arg(i)
                   .arg(at)
                   .arg(events)
                   .arg(QString::fromLatin1(powercut::describe(persistence))),
               figures);
    }
    std::printf("power loss, phone: %s events=%llu saved=%d saved_lost=%d outbox_lost=%d "
                "integrity_failures=%d prefix_violations=%d reopen_failures=%d cuts_that_lost_writes=%d "
                "unsynced_operations_lost=%zu kept=%zu torn=%zu files_vanished=%zu\n",
                settings.describe().c_str(), static_cast<unsigned long long>(events), figures.saved,
                figures.savedLost, figures.outboxLost, figures.integrityFailures, figures.prefixViolations,
                figures.reopenFailures, figures.cutsThatLostWrites, figures.operationsLost, figures.operationsKept,
                figures.writesTorn, figures.filesVanished);
    for (const auto &failure : figures.failures)
        std::printf("  %s\n", qPrintable(failure));
    std::fflush(stdout);

    CHECK(figures.savedLost == 0);
    CHECK(figures.outboxLost == 0);
    CHECK(figures.integrityFailures == 0);
    CHECK(figures.prefixViolations == 0);
    CHECK(figures.reopenFailures == 0);
    if (figures.cuts >= 10) {
        CHECK(figures.cutsThatLostWrites > 0);
        CHECK(figures.saved > 0);
    }
}
