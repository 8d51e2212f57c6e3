// The phone-crash suite: the app's real store, outbox, observation form and sync engine run in a child process
// (phonecrash_child.cpp) against a real floorwalk-server, and this test SIGKILLs the child at random moments:
// in the middle of a save, in the middle of a sync, or anywhere; now and then it also kills the server in the middle
// of a push. After every kill the phone's database is reopened: everything the child had reported saved is there,
// intact, and nothing needs the manager's attention. At the end a last child syncs to completion and the server holds
// every observation exactly once, as saved, and the phone has nothing left to send.
//
// FLOORWALK_PHONECRASH_KILLS sets the number of kills (the ctest entry of the normal suite uses a few, the one
// labelled `long` more than a hundred); FLOORWALK_PHONECRASH_SEED replays a run (the seed is printed).
#include "faultproxy.h"
#include "jsonapi.h"
#include "localstore.h"
#include "testapp.h"
#include "testserver.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <iostream>
#include <map>

namespace {

// What a child said it saved: the observation's id and the levels it tapped, "dimension:level,...".
struct SavedObservation {
    QString id;
    QString levels;
};

// How the next child is killed.
enum class KillPlan {
    AtSave,      // as soon as it announces the save of a chosen observation (the write is under way)
    InSync,      // a random moment after it announces a chosen sync
    Anywhere,    // a random moment after it is ready
    ServerFirst  // the server dies in the middle of a sync and comes back; then the phone dies at its next save
};

// Where the child was, by the last line it managed to write.
enum class Phase { Save, Sync, Between };

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

QString levelsOf(const ObservationRecord &o)
{
    QStringList out;
    for (const RatingValue &r : o.ratings)
        out.append(QStringLiteral("%1:%2").arg(r.dimensionId).arg(r.level));
    std::sort(out.begin(), out.end());
    return out.join(QLatin1Char(','));
}

QString levelsOf(const QJsonObject &o)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QStringLiteral("ratings")).toArray()) {
        const QJsonObject r = v.toObject();
        out.append(QStringLiteral("%1:%2")
                       .arg(r.value(QStringLiteral("dimensionId")).toString())
                       .arg(r.value(QStringLiteral("level")).toInt()));
    }
    std::sort(out.begin(), out.end());
    return out.join(QLatin1Char(','));
}

QString sortedLevels(const QString &levels)
{
    QStringList parts = levels.split(QLatin1Char(','));
    std::sort(parts.begin(), parts.end());
    return parts.join(QLatin1Char(','));
}

// The key "R.i" of an observation the suite made, from its comment "crash R.i"; empty for any other.
QString keyOf(const QString &comment)
{
    static const QString prefix = QStringLiteral("crash ");
    return comment.startsWith(prefix) ? comment.mid(prefix.size()) : QString();
}

struct Figures {
    int kills = 0;
    int killsInSave = 0;
    int killsInSync = 0;
    int killsBetween = 0;
    int serverKills = 0;
    int killsMidPush = 0;  // the phone had taken a batch and not yet recorded the server's answer
    int syncsCompleted = 0;
    int resent = 0;  // entries pushed again because a kill (or a server kill) cut their push short
    int saved = 0;  // confirmed to the manager (the form's save returned)
    int onPhone = 0;  // at the end, the suite's observations the phone shows
    int onServer = 0;
    int lost = 0;          // confirmed, but missing on the phone or on the server at the end
    int duplicates = 0;    // saves the server holds more than once
    int unacknowledged = 0;  // outbox entries not acknowledged at the end
};

class CrashSuite
{
public:
    CrashSuite(int kills, quint32 seed) : m_kills(kills), m_random(seed) {}

    void run()
    {
        QString error;
        if (!m_server.startWithFixture(&error))
            FAIL(error.toStdString());
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        {
            TestApp phone(TestApp::quietOptions(), m_dataDir.path());
            REQUIRE(phone.signIn(m_proxy->url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
        }
        for (int run = 1; run <= m_kills; ++run) {
            killOneChild(run);
            checkPhoneAfterKill(run);
        }
        finalSync();
        checkEverythingAcknowledgedOnce();
    }

    [[nodiscard]] const Figures &figures() const { return m_figures; }
    [[nodiscard]] int pushes() const { return m_proxy->requestCount("POST /api/v1/sync/push"); }

private:
    QString databasePath() const { return QDir(m_dataDir.path()).filePath(QStringLiteral("floorwalk.sqlite")); }

    int randomBetween(int low, int highInclusive) { return int(m_random.bounded(low, highInclusive + 1)); }

    KillPlan choosePlan(int run)
    {
        if (run % 10 == 5)
            return KillPlan::ServerFirst;
        return KillPlan(randomBetween(0, 2));
    }

    void killOneChild(int run)
    {
        const KillPlan plan = choosePlan(run);
        const int burst = randomBetween(1, 40);
        static const int batches[] = {5, 25, 500};
        const int batch = batches[randomBetween(0, 2)];
        const int targetSave = randomBetween(0, 2 * burst);
        const int targetSync = randomBetween(0, 1);
        const int delayMs = plan == KillPlan::Anywhere ? randomBetween(0, 600) : randomBetween(0, 120);

        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        QStringList lines;
        QByteArray pending;
        int syncsSeen = 0;
        bool serverDone = plan != KillPlan::ServerFirst;
        bool killRequested = false;
        QString serverError;
        const auto killChild = [&] {
            if (!killRequested && child.state() != QProcess::NotRunning) {
                killRequested = true;
                child.kill();  // SIGKILL
            }
        };
        const auto onLine = [&](const QString &line) {
            lines.append(line);
            if (killRequested)
                return;
            if (line.startsWith(QStringLiteral("ready")) && plan == KillPlan::Anywhere)
                QTimer::singleShot(delayMs, &child, killChild);
            if (line == QStringLiteral("save %1.%2").arg(run).arg(targetSave) && plan == KillPlan::AtSave)
                killChild();
            if (line.startsWith(QStringLiteral("save ")) && plan == KillPlan::ServerFirst && serverDone)
                killChild();
            if (line == QStringLiteral("sync-start")) {
                const int index = syncsSeen++;
                if (plan == KillPlan::InSync && index == targetSync)
                    QTimer::singleShot(delayMs, &child, killChild);
                if (plan == KillPlan::ServerFirst && !serverDone && index == 0) {
                    QTimer::singleShot(delayMs, &child, [&] {
                        m_server.kill();
                        ++m_figures.serverKills;
                        // No Catch assertion here: it would throw through Qt's event loop.
                        if (m_server.start(&serverError))
                            m_proxy->setUpstreamPort(m_server.port());
                        serverDone = true;
                    });
                }
            }
        };
        QObject::connect(&child, &QProcess::readyReadStandardOutput, [&] {
            pending += child.readAllStandardOutput();
            for (qsizetype end; (end = pending.indexOf('\n')) >= 0;) {
                onLine(QString::fromUtf8(pending.left(end)));
                pending.remove(0, end + 1);
            }
        });
        child.start(QStringLiteral(FLOORWALK_PHONECRASH_CHILD),
                    {QStringLiteral("--data"), m_dataDir.path(), QStringLiteral("--run"), QString::number(run),
                     QStringLiteral("--burst"), QString::number(burst), QStringLiteral("--batch"),
                     QString::number(batch)});
        REQUIRE(child.waitForStarted());
        // Bounded: every plan's trigger comes within the first two bursts and syncs.
        const bool ended = TestWait::until([&] { return child.state() == QProcess::NotRunning; }, 120000);
        if (!ended) {
            killChild();
            child.waitForFinished();
        }
        INFO("run " << run << ", child stderr: " << child.readAllStandardError().toStdString());
        REQUIRE(ended);
        REQUIRE(serverError.isEmpty());
        REQUIRE(killRequested);  // it died of our SIGKILL, not of its own accord
        REQUIRE(child.exitStatus() == QProcess::CrashExit);
        pending += child.readAllStandardOutput();
        for (const QByteArray &rest : pending.split('\n')) {
            if (!rest.isEmpty())
                lines.append(QString::fromUtf8(rest));
        }

        ++m_figures.kills;
        switch (phaseOf(lines)) {
        case Phase::Save: ++m_figures.killsInSave; break;
        case Phase::Sync: ++m_figures.killsInSync; break;
        case Phase::Between: ++m_figures.killsBetween; break;
        }
        for (const QString &line : lines) {
            const QStringList parts = line.split(QLatin1Char(' '));
            if (parts.value(0) == QStringLiteral("saved") && parts.size() == 4) {
                REQUIRE(m_confirmed.count(parts[1]) == 0);
                m_confirmed[parts[1]] = {parts[2], sortedLevels(parts[3])};
                ++m_figures.saved;
            } else if (parts.value(0) == QStringLiteral("sync-end") && parts.value(1) == QStringLiteral("ok")) {
                ++m_figures.syncsCompleted;
            } else if (parts.value(0) == QStringLiteral("save-failed")) {
                FAIL("the form refused a save: " << line.toStdString());
            }
        }
    }

    static Phase phaseOf(const QStringList &lines)
    {
        const QString last = lines.isEmpty() ? QString() : lines.constLast();
        if (last.startsWith(QStringLiteral("save ")))
            return Phase::Save;
        if (last == QStringLiteral("sync-start"))
            return Phase::Sync;
        return Phase::Between;
    }

    // The phone right after the crash, as the app finds it when the manager opens it again.
    void checkPhoneAfterKill(int run)
    {
        INFO("after kill " << run);
        LocalStore store(databasePath());
        QString error;
        REQUIRE(store.open(&error));
        QSqlQuery integrity(store.database().connection());
        REQUIRE(integrity.exec(QStringLiteral("PRAGMA integrity_check")));
        REQUIRE(integrity.next());
        REQUIRE(integrity.value(0).toString() == QStringLiteral("ok"));
        for (const auto &[key, saved] : m_confirmed) {
            INFO("observation " << key.toStdString() << " (" << saved.id.toStdString() << ")");
            const std::optional<ObservationRecord> o = store.records().observation(saved.id);
            REQUIRE(o.has_value());
            REQUIRE(keyOf(o->comment) == key);
            REQUIRE(levelsOf(*o) == saved.levels);
        }
        // A kill is no reason for the server to refuse anything: nothing may need the manager's attention.
        REQUIRE(store.outbox().attentionCount() == 0);
        const QList<OutboxEntry> entries = store.outbox().entries();
        if (std::any_of(entries.begin(), entries.end(),
                        [](const OutboxEntry &e) { return e.state == OutboxState::Sending; }))
            ++m_figures.killsMidPush;
    }

    void finalSync()
    {
        QProcess child;
        child.start(QStringLiteral(FLOORWALK_PHONECRASH_CHILD),
                    {QStringLiteral("--data"), m_dataDir.path(), QStringLiteral("--final")});
        REQUIRE(child.waitForStarted());
        REQUIRE(TestWait::until([&] { return child.state() == QProcess::NotRunning; }, 300000));
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        INFO("final child stdout:\n" << out.toStdString() << "\nstderr:\n"
                                     << child.readAllStandardError().toStdString());
        REQUIRE(child.exitStatus() == QProcess::NormalExit);
        REQUIRE(child.exitCode() == 0);
        REQUIRE(out.contains(QStringLiteral("final 0 0")));
    }

    void checkEverythingAcknowledgedOnce()
    {
        // The phone: what it shows and what its outbox still holds.
        std::map<QString, ObservationRecord> onPhone;
        {
            LocalStore store(databasePath());
            QString error;
            REQUIRE(store.open(&error));
            for (const ObservationRecord &o : store.records().currentObservations()) {
                const QString key = keyOf(o.comment);
                if (key.isEmpty())
                    continue;
                REQUIRE(onPhone.count(key) == 0);  // one record per save, never two
                onPhone[key] = o;
            }
            m_figures.unacknowledged = store.outbox().unsentCount();
            for (const OutboxEntry &e : store.outbox().entries()) {
                if (e.attempts > 0)
                    ++m_figures.resent;
            }
            QSqlQuery integrity(store.database().connection());
            REQUIRE(integrity.exec(QStringLiteral("PRAGMA integrity_check")));
            REQUIRE(integrity.next());
            REQUIRE(integrity.value(0).toString() == QStringLiteral("ok"));
        }

        // The server, through alice's second device.
        JsonApi json(m_server.url());
        const QString token = json.login(QStringLiteral("acme"), QStringLiteral("alice"),
                                         QStringLiteral("alice-password-1"), QStringLiteral("crash-audit"));
        REQUIRE_FALSE(token.isEmpty());
        std::map<QString, QList<QJsonObject>> onServer;
        for (const QJsonValue &v : json.pullObservations(token)) {
            const QJsonObject o = v.toObject();
            const QString key = keyOf(o.value(QStringLiteral("comment")).toString());
            if (!key.isEmpty())
                onServer[key].append(o);
        }

        for (const auto &[key, copies] : onServer) {
            if (copies.size() > 1)
                ++m_figures.duplicates;
        }
        for (const auto &[key, saved] : m_confirmed) {
            const auto found = onServer.find(key);
            if (found == onServer.end() || onPhone.count(key) == 0) {
                ++m_figures.lost;
                continue;
            }
            const QJsonObject &o = found->second.constFirst();
            INFO("observation " << key.toStdString());
            CHECK(o.value(QStringLiteral("id")).toString() == saved.id);
            CHECK(levelsOf(o) == saved.levels);
            CHECK(onPhone[key].id == saved.id);
        }
        // Saves the kill interrupted after the commit but before the form could say so are kept too (the
        // database holds them, so the manager sees them): they must reach the server like the others.
        for (const auto &[key, o] : onPhone) {
            const auto found = onServer.find(key);
            INFO("observation on the phone " << key.toStdString());
            REQUIRE(found != onServer.end());
            CHECK(found->second.constFirst().value(QStringLiteral("id")).toString() == o.id);
            CHECK(levelsOf(found->second.constFirst()) == levelsOf(o));
        }
        for (const auto &[key, copies] : onServer) {
            INFO("observation on the server " << key.toStdString());
            CHECK(onPhone.count(key) == 1);
        }
        m_figures.onPhone = int(onPhone.size());
        m_figures.onServer = int(onServer.size());
    }

    const int m_kills;
    QRandomGenerator m_random;
    TestServer m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QTemporaryDir m_dataDir;
    std::map<QString, SavedObservation> m_confirmed;
    Figures m_figures;
};

}  // namespace

TEST_CASE("a phone killed at random during saves and syncs loses nothing and stores nothing twice", "[crash]")
{
    const int kills = envInt("FLOORWALK_PHONECRASH_KILLS", 15);
    const quint32 seed = quint32(envInt("FLOORWALK_PHONECRASH_SEED", int(QRandomGenerator::system()->bounded(1 << 30))));
    std::cout << "phone crash suite: " << kills << " kills, seed " << seed
              << " (FLOORWALK_PHONECRASH_SEED=" << seed << " replays the plan)" << std::endl;
    QElapsedTimer clock;
    clock.start();

    CrashSuite suite(kills, seed);
    suite.run();

    const Figures &f = suite.figures();
    std::cout << "kills: " << f.kills << " (during a save " << f.killsInSave << ", during a sync " << f.killsInSync
              << ", between steps " << f.killsBetween << "), leaving a push unanswered: " << f.killsMidPush
              << ", server kills mid-sync: " << f.serverKills << "\n"
              << "syncs completed before a kill: " << f.syncsCompleted << ", pushes sent: " << suite.pushes()
              << ", entries pushed again after an interrupted push: " << f.resent << "\n"
              << "saved (confirmed by the form): " << f.saved << ", on the phone at the end: " << f.onPhone
              << ", on the server: " << f.onServer << "\n"
              << "lost: " << f.lost << ", duplicates on the server: " << f.duplicates
              << ", unacknowledged at the end: " << f.unacknowledged << "\n"
              << "time: " << clock.elapsed() / 1000.0 << " s" << std::endl;

    CHECK(f.kills == kills);
    CHECK(f.saved > 0);
    CHECK(f.lost == 0);
    CHECK(f.duplicates == 0);
    CHECK(f.unacknowledged == 0);
}
