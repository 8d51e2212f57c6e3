#include "deviceclock.h"
#include "faultproxy.h"
#include "jsonapi.h"
#include "metakeys.h"
#include "recordid.h"
#include "testapp.h"
#include "testserver.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QTemporaryDir>

namespace {

// The real server, the phone talking to it through a proxy that can fail, and a JSON client playing the other
// actors (the admin, the manager's second device).
struct SyncFixture {
    TestServer server;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<TestApp> app;
    std::unique_ptr<JsonApi> json;

    explicit SyncFixture(SyncEngine::Options options = TestApp::quietOptions())
    {
        QString error;
        if (!server.startWithFixture(&error))
            FAIL(error.toStdString());
        proxy = std::make_unique<FaultProxy>(server.port());
        json = std::make_unique<JsonApi>(server.url());
        app = std::make_unique<TestApp>(options);
        REQUIRE(app->signIn(proxy->url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
    }

    Outbox &outbox() { return app->store->outbox(); }
    SyncEngine &engine() { return *app->engine; }

    void save(const ObservationRecord &o)
    {
        QString error;
        REQUIRE(outbox().saveObservation(o, &error));
    }

    int pushes() const { return proxy->requestCount("POST /api/v1/sync/push"); }
    int pulls() const { return proxy->requestCount("GET /api/v1/sync/pull"); }

    // What the server holds for alice, seen from her second device.
    QJsonArray serverObservations()
    {
        const QString token = json->login(QStringLiteral("acme"), QStringLiteral("alice"),
                                          QStringLiteral("alice-password-1"), QStringLiteral("alice-tablet"));
        REQUIRE_FALSE(token.isEmpty());
        return json->pullObservations(token);
    }

    QJsonObject serverObservation(const QString &id)
    {
        for (const QJsonValue &v : serverObservations()) {
            if (v.toObject().value(QStringLiteral("id")).toString() == id)
                return v.toObject();
        }
        return {};
    }

    QList<OutboxState> states()
    {
        QList<OutboxState> out;
        for (const OutboxEntry &e : outbox().entries())
            out.append(e.state);
        return out;
    }
};

SyncEngine::Options withBatch(int batchSize, int pullPageSize = 500)
{
    SyncEngine::Options options = TestApp::quietOptions();
    options.batchSize = batchSize;
    options.pullPageSize = pullPageSize;
    return options;
}

QJsonObject jsonObservation(const QString &id, const QString &employeeId, int revision, int baseRevision,
                            const QString &comment)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("employeeId"), employeeId},
        {QStringLiteral("observedAt"), QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODateWithMs)},
        {QStringLiteral("modelVersion"), 1},
        {QStringLiteral("ratings"),
         QJsonArray{QJsonObject{{QStringLiteral("dimensionId"), QStringLiteral("closing")}, {QStringLiteral("level"), 2}}}},
        {QStringLiteral("comment"), comment},
        {QStringLiteral("revision"), revision},
        {QStringLiteral("baseRevision"), baseRevision},
    };
}

}  // namespace

TEST_CASE("pending observations go out oldest first in batches and count as sent once the server names them")
{
    SyncFixture f(withBatch(3));
    QStringList ids;
    for (int i = 0; i < 7; ++i) {
        const ObservationRecord o = makeObservation(QStringLiteral("e%1").arg(1 + i % 5), 1 + i % 4, 4 - i % 4,
                                                    QStringLiteral("visit %1").arg(i));
        ids.append(o.id);
        f.save(o);
    }
    CHECK(f.engine().pendingCount() == 7);
    const int pushesBefore = f.pushes();
    REQUIRE(f.app->sync());
    CHECK(f.pushes() - pushesBefore == 3);  // 3 + 3 + 1
    CHECK(f.engine().pendingCount() == 0);
    CHECK(f.engine().problem() == SyncEngine::NoProblem);
    CHECK(f.engine().lastSuccessfulSync().isValid());
    for (OutboxState s : f.states())
        CHECK(s == OutboxState::Acknowledged);

    const QJsonArray onServer = f.serverObservations();
    QStringList serverIds;
    for (const QJsonValue &v : onServer)
        serverIds.append(v.toObject().value(QStringLiteral("id")).toString());
    for (const QString &id : ids)
        CHECK(serverIds.contains(id));
    CHECK(f.serverObservation(ids.constFirst()).value(QStringLiteral("comment")).toString() == QStringLiteral("visit 0"));
}

TEST_CASE("a push whose answer was lost is sent again and acknowledged as a duplicate, never stored twice")
{
    SyncFixture f;
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        const ObservationRecord o = makeObservation(QStringLiteral("e2"), 2, 3);
        ids.append(o.id);
        f.save(o);
    }
    f.proxy->setMode(FaultProxy::Mode::LoseAnswers);
    CHECK_FALSE(f.app->sync());
    CHECK(f.engine().problem() == SyncEngine::ServerUnreachable);
    CHECK(f.engine().backoffFailures() == 1);
    CHECK(f.engine().nextAttemptAt().isValid());
    for (const OutboxEntry &e : f.outbox().entries()) {
        CHECK(e.state == OutboxState::Pending);  // not acknowledged: no answer named them
        CHECK(e.attempts == 1);
    }
    CHECK(f.serverObservations().size() == 3);  // ...but the server did store them

    f.proxy->setMode(FaultProxy::Mode::Forward);
    REQUIRE(f.app->sync());
    CHECK(f.engine().pendingCount() == 0);
    CHECK(f.engine().backoffFailures() == 0);
    const QJsonArray onServer = f.serverObservations();
    CHECK(onServer.size() == 3);
    for (const QJsonValue &v : onServer)
        CHECK(v.toObject().value(QStringLiteral("revision")).toInt() == 1);
}

TEST_CASE("a record the server rejects waits in needs attention with its reason, and the rest goes through")
{
    SyncFixture f;
    const ObservationRecord good = makeObservation(QStringLiteral("e1"), 3, 3);
    ObservationRecord outOfScope = makeObservation(QStringLiteral("x1"), 3, 0);  // bob's store, not alice's
    ObservationRecord offScale = makeObservation(QStringLiteral("e2"), 0, 0);
    offScale.ratings = {{QStringLiteral("welcome"), 9}};
    f.save(good);
    f.save(outOfScope);
    f.save(offScale);
    REQUIRE(f.app->sync());
    CHECK(f.engine().pendingCount() == 0);
    CHECK(f.engine().attentionCount() == 2);
    const QList<OutboxEntry> attention = f.outbox().attentionEntries();
    REQUIRE(attention.size() == 2);
    for (const OutboxEntry &e : attention) {
        CHECK(e.state == OutboxState::Rejected);
        CHECK_FALSE(e.errorMessage.isEmpty());
        CHECK_FALSE(e.errorCode.isEmpty());
    }
    CHECK_FALSE(f.serverObservation(good.id).isEmpty());
    CHECK(f.serverObservation(outOfScope.id).isEmpty());

    // The manager fixes one (it was about another employee) and discards the other.
    outOfScope.employeeId = QStringLiteral("e3");
    QString error;
    REQUIRE(f.outbox().saveObservation(outOfScope, &error));
    const qint64 offScaleSeq = attention.at(0).recordId == offScale.id ? attention.at(0).seq : attention.at(1).seq;
    REQUIRE(f.outbox().discard(offScaleSeq, &error));
    REQUIRE(f.app->sync());
    CHECK(f.engine().attentionCount() == 0);
    CHECK(f.engine().pendingCount() == 0);
    CHECK(f.serverObservation(outOfScope.id).value(QStringLiteral("employeeId")).toString() == QStringLiteral("e3"));
}

TEST_CASE("an edit that crosses another device's edit is a conflict, and keeping mine lands on top of theirs")
{
    SyncFixture f;
    ObservationRecord mine = makeObservation(QStringLiteral("e4"), 2, 2, QStringLiteral("first"));
    f.save(mine);
    REQUIRE(f.app->sync());

    // Alice's tablet edits the same observation first.
    const QString tablet = f.json->login(QStringLiteral("acme"), QStringLiteral("alice"),
                                         QStringLiteral("alice-password-1"), QStringLiteral("alice-tablet"));
    const JsonReply pushed = f.json->call(
        "POST", QStringLiteral("sync/push"),
        QJsonDocument(QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("alice-tablet")},
                                  {QStringLiteral("observations"),
                                   QJsonArray{jsonObservation(mine.id, QStringLiteral("e4"), 2, 1,
                                                              QStringLiteral("from the tablet"))}}}),
        tablet);
    REQUIRE(pushed.status == 200);
    REQUIRE(pushed.object().value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("status"))
                .toString() == QStringLiteral("ACCEPTED"));

    // The phone edits its copy (still revision 1 here): revision 2 on base 1, which the server already has.
    mine.comment = QStringLiteral("from the phone");
    f.save(mine);
    REQUIRE(f.app->sync());
    const QList<OutboxEntry> attention = f.outbox().attentionEntries();
    REQUIRE(attention.size() == 1);
    CHECK(attention.constFirst().state == OutboxState::Conflict);
    CHECK(attention.constFirst().storedRevision == 2);
    CHECK_FALSE(attention.constFirst().errorMessage.isEmpty());
    // The pull after the push brought the tablet's revision as the server copy.
    CHECK(f.app->store->cache().serverRevision(RecordKind::Observation, mine.id) == 2);

    QString error;
    REQUIRE(f.outbox().keepMine(attention.constFirst().seq, &error));
    REQUIRE(f.app->sync());
    CHECK(f.engine().attentionCount() == 0);
    const QJsonObject onServer = f.serverObservation(mine.id);
    CHECK(onServer.value(QStringLiteral("revision")).toInt() == 3);
    CHECK(onServer.value(QStringLiteral("comment")).toString() == QStringLiteral("from the phone"));
}

TEST_CASE("the server going down mid-sync leaves the rest pending and the next sync finishes the job")
{
    SyncFixture f(withBatch(2));
    QStringList ids;
    for (int i = 0; i < 6; ++i) {
        const ObservationRecord o = makeObservation(QStringLiteral("e5"), 1 + i % 4, 0);
        ids.append(o.id);
        f.save(o);
    }
    f.proxy->refuseAfter(1);  // the first push gets through, then the server is gone
    CHECK_FALSE(f.app->sync());
    CHECK(f.engine().problem() == SyncEngine::ServerUnreachable);
    CHECK_FALSE(f.engine().problemText().isEmpty());
    CHECK(f.outbox().pendingCount() == 4);
    const QList<OutboxEntry> entries = f.outbox().entries();
    CHECK(entries.at(0).state == OutboxState::Acknowledged);
    CHECK(entries.at(1).state == OutboxState::Acknowledged);

    // The server really crashes and comes back on another port; the proxy stands for the stable address.
    f.server.kill();
    QString error;
    REQUIRE(f.server.start(&error));
    f.proxy->setUpstreamPort(f.server.port());
    f.proxy->refuseAfter(-1);
    f.json->setServer(f.server.url());
    REQUIRE(f.app->sync());
    CHECK(f.outbox().pendingCount() == 0);
    QStringList serverIds;
    for (const QJsonValue &v : f.serverObservations())
        serverIds.append(v.toObject().value(QStringLiteral("id")).toString());
    for (const QString &id : ids)
        CHECK(serverIds.count(id) == 1);
}

TEST_CASE("an ended session stops the sync, keeps every record, and asks to sign in again")
{
    SyncFixture f;
    f.save(makeObservation(QStringLiteral("e1"), 4, 4));
    f.save(makeObservation(QStringLiteral("e2"), 1, 2));

    // The token dies on the server (as at its expiry): the phone's next call gets 401.
    QFile tokenFile(f.app->tokenFile());
    REQUIRE(tokenFile.open(QIODevice::ReadOnly));
    const QString token = QString::fromUtf8(tokenFile.readAll().split('\n').value(1));
    REQUIRE(f.json->call("POST", QStringLiteral("auth/logout"), {}, token).status / 100 == 2);

    const int pushesBefore = f.pushes();
    CHECK_FALSE(f.app->sync());
    CHECK(f.pushes() - pushesBefore == 1);  // one try, no retry loop against a dead token
    CHECK(f.proxy->statuses().constLast() == 401);
    CHECK(f.app->session->state() == SessionController::Expired);
    CHECK(f.app->session->rootScreen() == SessionController::HomeScreen);  // recording goes on offline
    CHECK(f.engine().problem() == SyncEngine::SessionExpired);
    CHECK(f.outbox().pendingCount() == 2);
    CHECK_FALSE(f.app->sync());  // nothing goes out until the manager signs in again
    CHECK(f.pushes() - pushesBefore == 1);

    // Same person, password again: the records go out.
    f.app->session->signIn(f.proxy->url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                           QStringLiteral("alice-password-1"));
    REQUIRE(TestWait::until([&] { return f.outbox().pendingCount() == 0 && !f.engine().busy(); }));
    CHECK(f.engine().problem() == SyncEngine::NoProblem);
    CHECK(f.serverObservations().size() == 2);
}

TEST_CASE("a revoked device keeps its records and is told why it cannot sign in")
{
    SyncFixture f;
    f.save(makeObservation(QStringLiteral("e3"), 3, 1));
    const JsonReply revoked = f.json->call(
        "POST", QStringLiteral("admin/devices/%1/revoke").arg(f.app->session->deviceId()), {}, f.server.adminToken());
    REQUIRE(revoked.status == 200);
    CHECK_FALSE(f.app->sync());
    CHECK(f.app->session->state() == SessionController::Expired);

    f.app->session->signIn(f.proxy->url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                           QStringLiteral("alice-password-1"));
    REQUIRE(TestWait::until([&] { return f.app->session->state() == SessionController::Expired
                                         && !f.app->session->errorMessage().isEmpty(); }));
    CHECK(f.app->session->errorMessage().contains(QStringLiteral("revoked"), Qt::CaseInsensitive));
    CHECK(f.outbox().pendingCount() == 1);
}

TEST_CASE("a reset pulls everything again and never drops an unsent record")
{
    SyncFixture f;
    const ObservationRecord sent = makeObservation(QStringLiteral("e1"), 2, 2);
    const ObservationRecord refused = makeObservation(QStringLiteral("x1"), 2, 2);
    f.save(sent);
    f.save(refused);
    REQUIRE(f.app->sync());
    REQUIRE(f.engine().attentionCount() == 1);  // unsent, waiting for the manager

    // A cursor the server does not know (a restored backup, a cursor from long ago).
    f.app->store->database().setMeta(MetaKey::cursor, QStringLiteral("bm90LWEtY3Vyc29yOjQy"));
    const int pullsBefore = f.pulls();
    REQUIRE(f.app->sync());
    CHECK(f.pulls() - pullsBefore >= 2);  // the refused cursor, then the full pull
    CHECK(f.app->store->cache().cursor() != QStringLiteral("bm90LWEtY3Vyc29yOjQy"));
    CHECK(f.app->store->cache().employees().size() == 6);
    CHECK(f.app->store->cache().model().isValid());
    CHECK(f.app->store->records().observation(sent.id));       // pulled again
    CHECK(f.engine().attentionCount() == 1);                    // still there
    CHECK(f.app->store->records().observation(refused.id));
}

TEST_CASE("a batch larger than the server takes is split, not retried forever")
{
    SyncFixture f(withBatch(600));
    for (int i = 0; i < 600; ++i)
        f.save(makeObservation(QStringLiteral("e%1").arg(1 + i % 5), 1 + i % 4, 1 + (i / 4) % 4));
    REQUIRE(f.app->sync());
    CHECK(f.proxy->statuses().contains(413));
    CHECK(f.engine().pendingCount() == 0);
    CHECK(f.serverObservations().size() == 600);
}

TEST_CASE("the pull follows the cursor page after page")
{
    SyncFixture f(withBatch(500, 5));
    const QString tablet = f.json->login(QStringLiteral("acme"), QStringLiteral("alice"),
                                         QStringLiteral("alice-password-1"), QStringLiteral("alice-tablet"));
    QJsonArray observations;
    QStringList ids;
    for (int i = 0; i < 12; ++i) {
        ids.append(RecordId::create());
        observations.append(jsonObservation(ids.constLast(), QStringLiteral("e%1").arg(1 + i % 5), 1, 0,
                                            QStringLiteral("tablet %1").arg(i)));
    }
    const JsonReply pushed = f.json->call(
        "POST", QStringLiteral("sync/push"),
        QJsonDocument(QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("alice-tablet")},
                                  {QStringLiteral("observations"), observations}}),
        tablet);
    REQUIRE(pushed.status == 200);
    const int pullsBefore = f.pulls();
    REQUIRE(f.app->sync());
    CHECK(f.pulls() - pullsBefore >= 3);
    for (const QString &id : ids)
        CHECK(f.app->store->records().observation(id));
}

TEST_CASE("a start with changes waiting sends them at once, without waiting for a timer or a tap")
{
    TestServer server;
    QString error;
    if (!server.startWithFixture(&error))
        FAIL(error.toStdString());
    FaultProxy proxy(server.port());
    QTemporaryDir keep;
    QString id;
    {
        // Saved while the server was down; then the app is closed.
        TestApp app(TestApp::quietOptions(), keep.path());
        REQUIRE(app.signIn(proxy.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
        proxy.setMode(FaultProxy::Mode::Refuse);
        const ObservationRecord o = makeObservation(QStringLiteral("e2"), 3, 2);
        id = o.id;
        REQUIRE(app.store->outbox().saveObservation(o, &error));
        CHECK_FALSE(app.sync());
        REQUIRE(app.store->outbox().pendingCount() == 1);
    }
    proxy.setMode(FaultProxy::Mode::Forward);  // the server is back before the app reopens

    // Timers are an hour away: only the start itself can send the change.
    const auto restore = GENERATE(TestApp::SessionRestore::BeforeEngineStart,
                                  TestApp::SessionRestore::AfterEngineStart);
    INFO((restore == TestApp::SessionRestore::BeforeEngineStart ? "token read before the engine started"
                                                                 : "token read after the engine started"));
    TestApp reopened(TestApp::triggersOnlyOptions(), keep.path(), restore);
    REQUIRE(reopened.waitForState(SessionController::SignedIn));
    REQUIRE(TestWait::until([&] { return reopened.store->outbox().pendingCount() == 0 && !reopened.engine->busy(); }));
    CHECK(reopened.engine->problem() == SyncEngine::NoProblem);
    JsonApi json(server.url());
    const QString tablet = json.login(QStringLiteral("acme"), QStringLiteral("alice"),
                                      QStringLiteral("alice-password-1"), QStringLiteral("alice-tablet"));
    bool onServer = false;
    for (const QJsonValue &v : json.pullObservations(tablet))
        onServer = onServer || v.toObject().value(QStringLiteral("id")).toString() == id;
    CHECK(onServer);
}

TEST_CASE("coming back to the foreground with changes waiting sends them at once, even while backing off")
{
    SyncFixture f(TestApp::triggersOnlyOptions());
    REQUIRE(TestWait::until([&] { return !f.engine().busy(); }));
    f.proxy->setMode(FaultProxy::Mode::Refuse);
    f.save(makeObservation(QStringLiteral("e3"), 2, 2));
    CHECK_FALSE(f.app->sync());
    REQUIRE(f.engine().nextAttemptAt().isValid());  // the next automatic try is an hour away
    f.proxy->setMode(FaultProxy::Mode::Forward);

    // The platform reports the app active again (what Android does on resume).
    Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationActive);
    REQUIRE(TestWait::until([&] { return f.outbox().pendingCount() == 0 && !f.engine().busy(); }));
    CHECK(f.engine().problem() == SyncEngine::NoProblem);
}

namespace {

// The phone's clock reads `skew` off the real time for the scope of a test.
struct WrongPhoneClock {
    explicit WrongPhoneClock(std::chrono::milliseconds skew) { DeviceClock::setSkewForTesting(skew); }
    ~WrongPhoneClock() { DeviceClock::setSkewForTesting(std::chrono::milliseconds(0)); }
    WrongPhoneClock(const WrongPhoneClock &) = delete;
    WrongPhoneClock &operator=(const WrongPhoneClock &) = delete;
};

}  // namespace

TEST_CASE("a phone whose clock is a day or a year off has its observations stored at the real time")
{
    const auto skew = GENERATE(std::chrono::milliseconds(std::chrono::hours(25)),
                               std::chrono::milliseconds(-std::chrono::hours(24 * 365)),
                               std::chrono::milliseconds(std::chrono::hours(24 * 365)));
    SyncFixture f;
    const WrongPhoneClock wrong(skew);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const ObservationRecord o = makeObservation(QStringLiteral("e1"), 3, 2);
    REQUIRE((o.observedAt < before.addDays(-300) || o.observedAt > before.addSecs(24 * 3600)));  // the wrong clock
    f.save(o);
    REQUIRE(f.app->sync());
    const QDateTime after = QDateTime::currentDateTimeUtc();
    CHECK(f.engine().pendingCount() == 0);
    CHECK(f.engine().attentionCount() == 0);

    // On the server's clock: between the save and the end of the sync (the time the push took on the way is the
    // only difference the server cannot see).
    const QDateTime stored = QDateTime::fromString(
        f.serverObservation(o.id).value(QStringLiteral("observedAt")).toString(), Qt::ISODateWithMs);
    REQUIRE(stored.isValid());
    CHECK(stored >= before);
    CHECK(stored <= after);
}

TEST_CASE("a record stamped by a clock that was set right before sending waits in needs attention with its reason")
{
    SyncFixture f;
    ObservationRecord o;
    {
        const WrongPhoneClock wrong(std::chrono::hours(25));
        o = makeObservation(QStringLiteral("e1"), 3, 2);
    }
    f.save(o);
    REQUIRE(f.app->sync());
    REQUIRE(f.engine().attentionCount() == 1);
    const OutboxEntry rejected = f.outbox().attentionEntries().constFirst();
    CHECK(rejected.recordId == o.id);
    CHECK(rejected.state == OutboxState::Rejected);
    CHECK(rejected.errorCode == QStringLiteral("time_in_future"));
    CHECK(rejected.errorMessage.contains(QStringLiteral("observedAt")));
    CHECK(f.serverObservation(o.id).isEmpty());
}
