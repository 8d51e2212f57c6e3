#include "faultproxy.h"
#include "jsonapi.h"
#include "metakeys.h"
#include "testapp.h"
#include "testserver.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QDirIterator>
#include <QFile>

namespace {

QString tokenIn(const QString &tokenFile)
{
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll().split('\n').value(1));
}

// Whether any file under `dir` (the database, its WAL, the token file...) holds `secret`.
bool anyFileHolds(const QString &dir, const QString &secret)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret.toUtf8()))
            return true;
    }
    return false;
}

// A fresh server per test case, so that no test depends on another's sign-ins or throttling.
struct ServerFixture {
    TestServer instance;
    ServerFixture()
    {
        QString error;
        if (!instance.startWithFixture(&error))
            FAIL(error.toStdString());
    }
};

}  // namespace

TEST_CASE_METHOD(ServerFixture, "a wrong password is said plainly and leaves the phone signed out")
{
    TestApp app;
    REQUIRE(app.session->state() == SessionController::SignedOut);
    CHECK(app.session->rootScreen() == SessionController::SignInScreen);
    app.session->signIn(instance.url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                        QStringLiteral("wrong"));
    CHECK(app.session->rootScreen() == SessionController::SignInScreen);  // a first sign-in stays on its screen
    REQUIRE(TestWait::until([&] { return app.session->state() == SessionController::SignedOut
                                         && !app.session->errorMessage().isEmpty(); }));
    CHECK(app.session->errorMessage() == QStringLiteral("Wrong organisation, username or password."));
    CHECK(app.session->username().isEmpty());
}

TEST_CASE_METHOD(ServerFixture, "an unreachable server is said plainly")
{
    TestApp app;
    FaultProxy proxy(instance.port());
    proxy.setMode(FaultProxy::Mode::Refuse);
    app.session->signIn(proxy.url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                        QStringLiteral("alice-password-1"));
    REQUIRE(TestWait::until([&] { return !app.session->errorMessage().isEmpty(); }));
    CHECK(app.session->errorMessage().contains(QStringLiteral("Cannot reach the server")));
    CHECK(app.session->state() == SessionController::SignedOut);
}

TEST_CASE_METHOD(ServerFixture, "signing in keeps the token out of the database and restores the session at the next start")
{
    QString dataDir;
    QString token;
    QTemporaryDir keep;
    {
        TestApp app({}, keep.path());
        REQUIRE(app.signIn(instance.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
        CHECK(app.session->displayName() == QStringLiteral("Alice Moreau"));
        CHECK(app.session->organization() == QStringLiteral("acme"));
        CHECK(app.store->cache().employees().size() == 6);  // s1's employees only: the server scopes the pull
        QFile file(app.tokenFile());
        REQUIRE(file.open(QIODevice::ReadOnly));
        token = QString::fromUtf8(file.readAll().split('\n').value(1));
        REQUIRE(token.size() > 20);
        dataDir = app.dataDir();
    }
    // The token never reaches the database file (nor its WAL).
    for (const char *suffix : {"", "-wal"}) {
        QFile db(dataDir + QStringLiteral("/floorwalk.sqlite") + QLatin1String(suffix));
        if (db.open(QIODevice::ReadOnly))
            CHECK_FALSE(db.readAll().contains(token.toUtf8()));
    }
    TestApp restarted({}, dataDir);
    REQUIRE(restarted.waitForState(SessionController::SignedIn));
    CHECK(restarted.session->rootScreen() == SessionController::HomeScreen);
    CHECK(restarted.session->username() == QStringLiteral("alice"));
    REQUIRE(restarted.sync());
}

TEST_CASE_METHOD(ServerFixture, "sign-out refuses while changes are unsent, and discards them only when told")
{
    TestApp app;
    REQUIRE(app.signIn(instance.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
    const QString deviceId = app.session->deviceId();
    QString error;
    REQUIRE(app.store->outbox().saveObservation(makeObservation(QStringLiteral("e1"), 3, 3), &error));
    CHECK(app.session->unsentCount() == 1);
    CHECK_FALSE(app.session->signOut(false));
    CHECK(app.session->signedIn());
    CHECK(app.store->outbox().unsentCount() == 1);

    REQUIRE(app.session->signOut(true));
    CHECK(app.session->state() == SessionController::SignedOut);
    CHECK(app.session->rootScreen() == SessionController::SignInScreen);
    CHECK(app.store->outbox().unsentCount() == 0);
    CHECK(app.store->cache().employees().isEmpty());
    CHECK(app.session->deviceId() == deviceId);  // the device keeps its id
    // The copy of the token kept to end it on the server goes as soon as the server confirmed.
    REQUIRE(TestWait::until([&] { return !QFile::exists(app.tokenFile()); }));
}

TEST_CASE_METHOD(ServerFixture, "launch credentials sign in once, and not again when already signed in as that person")
{
    QTemporaryDir keep;
    {
        TestApp app({}, keep.path());
        app.session->signInWhenRestored(instance.url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                                        QStringLiteral("alice-password-1"));
        REQUIRE(app.waitForState(SessionController::SignedIn));
    }
    TestApp again({}, keep.path());
    REQUIRE(again.waitForState(SessionController::SignedIn));
    // A wrong password at launch would fail if it were used: it is not, since the session is already there.
    again.session->signInWhenRestored(instance.url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                                      QStringLiteral("not-the-password"));
    CHECK(again.session->state() == SessionController::SignedIn);
    CHECK(again.session->errorMessage().isEmpty());
}

TEST_CASE_METHOD(ServerFixture, "a launch with credentials gets past a dead kept session by itself, once")
{
    QTemporaryDir keep;
    QString token;
    {
        TestApp app({}, keep.path());
        REQUIRE(app.signIn(instance.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
        QFile file(app.tokenFile());
        REQUIRE(file.open(QIODevice::ReadOnly));
        token = QString::fromUtf8(file.readAll().split('\n').value(1));
    }
    // The kept token dies while the app is closed.
    JsonApi json(instance.url());
    REQUIRE(json.call("POST", QStringLiteral("auth/logout"), {}, token).status / 100 == 2);

    TestApp again({}, keep.path());
    REQUIRE(again.waitForState(SessionController::SignedIn));
    again.session->signInWhenRestored(instance.url().toString(), QStringLiteral("acme"), QStringLiteral("alice"),
                                      QStringLiteral("alice-password-1"));
    QString error;
    REQUIRE(again.store->outbox().saveObservation(makeObservation(QStringLiteral("e1"), 2, 2), &error));
    CHECK_FALSE(again.sync());  // 401 on the dead token...
    // ...then the launch credentials sign in again and the change goes out.
    REQUIRE(TestWait::until([&] { return again.session->signedIn() && again.store->outbox().pendingCount() == 0
                                         && !again.engine->busy(); }));
    QFile file(again.tokenFile());
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(QString::fromUtf8(file.readAll().split('\n').value(1)) != token);
}

TEST_CASE_METHOD(ServerFixture, "signing out ends the session on the server, not only on the phone")
{
    TestApp app;
    REQUIRE(app.signIn(instance.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
    const QString token = tokenIn(app.tokenFile());
    REQUIRE(token.size() > 20);
    JsonApi json(instance.url());
    REQUIRE(json.call("GET", QStringLiteral("me"), {}, token).status == 200);

    REQUIRE(app.session->signOut(false));
    CHECK(app.session->state() == SessionController::SignedOut);
    // The server forgets the token: a stolen copy of it opens nothing.
    REQUIRE(TestWait::until([&] { return json.call("GET", QStringLiteral("me"), {}, token).status == 401; }));
    REQUIRE(TestWait::until([&] { return !anyFileHolds(app.dataDir(), token); }));
}

TEST_CASE_METHOD(ServerFixture, "a sign-out without network signs out at once and reaches the server at the next start")
{
    QTemporaryDir keep;
    FaultProxy proxy(instance.port());
    QString token;
    {
        TestApp app({}, keep.path());
        REQUIRE(app.signIn(proxy.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
        token = tokenIn(app.tokenFile());
        REQUIRE(token.size() > 20);
        proxy.setMode(FaultProxy::Mode::Refuse);
        const int refusedBefore = proxy.refusedCount();
        REQUIRE(app.session->signOut(false));
        // Signed out on the phone at once, offline.
        CHECK(app.session->state() == SessionController::SignedOut);
        CHECK(app.session->username().isEmpty());
        // The attempt fails on the dead network; the token is kept only to be revoked later.
        REQUIRE(TestWait::until([&] { return proxy.refusedCount() > refusedBefore; }));
        CHECK(anyFileHolds(keep.path(), token));
    }
    JsonApi json(instance.url());
    CHECK(json.call("GET", QStringLiteral("me"), {}, token).status == 200);  // still alive on the server

    proxy.setMode(FaultProxy::Mode::Forward);
    TestApp reopened({}, keep.path());
    CHECK(reopened.session->state() == SessionController::SignedOut);  // no session was kept to restore
    REQUIRE(TestWait::until([&] { return json.call("GET", QStringLiteral("me"), {}, token).status == 401; }));
    // Answered: nothing is kept any more.
    REQUIRE(TestWait::until([&] { return !anyFileHolds(keep.path(), token); }));
}

TEST_CASE_METHOD(ServerFixture, "a pending sign-out whose token already died is forgotten when the server says so")
{
    QTemporaryDir keep;
    FaultProxy proxy(instance.port());
    QString token;
    {
        TestApp app({}, keep.path());
        REQUIRE(app.signIn(proxy.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
        token = tokenIn(app.tokenFile());
        proxy.setMode(FaultProxy::Mode::Refuse);
        const int refusedBefore = proxy.refusedCount();
        REQUIRE(app.session->signOut(false));
        REQUIRE(TestWait::until([&] { return proxy.refusedCount() > refusedBefore; }));
        REQUIRE(anyFileHolds(keep.path(), token));
    }
    // Meanwhile the administrator revoked the device: the token is dead, the server answers 401.
    JsonApi json(instance.url());
    REQUIRE(json.call("POST", QStringLiteral("auth/logout"), {}, token).status / 100 == 2);

    proxy.setMode(FaultProxy::Mode::Forward);
    TestApp reopened({}, keep.path());
    REQUIRE(TestWait::until([&] { return !proxy.statuses().isEmpty() && proxy.statuses().constLast() == 401; }));
    REQUIRE(TestWait::until([&] { return !anyFileHolds(keep.path(), token); }));
}

TEST_CASE_METHOD(ServerFixture, "a pending sign-out survives the next person's sign-in on the same phone")
{
    QTemporaryDir keep;
    FaultProxy proxy(instance.port());
    TestApp app({}, keep.path());
    REQUIRE(app.signIn(proxy.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1")));
    const QString alice = tokenIn(app.tokenFile());
    proxy.setMode(FaultProxy::Mode::Refuse);
    const int refusedBefore = proxy.refusedCount();
    REQUIRE(app.session->signOut(false));
    REQUIRE(TestWait::until([&] { return proxy.refusedCount() > refusedBefore; }));

    JsonApi json(instance.url());
    REQUIRE(json.call("GET", QStringLiteral("me"), {}, alice).status == 200);  // still alive on the server

    // Bob signs in on the same phone once the network is back: alice's pending sign-out goes out too.
    proxy.setMode(FaultProxy::Mode::Forward);
    REQUIRE(app.signIn(proxy.url(), QStringLiteral("bob"), QStringLiteral("bob-password-1")));
    REQUIRE(TestWait::until([&] { return json.call("GET", QStringLiteral("me"), {}, alice).status == 401; }));
    CHECK(app.session->signedIn());
    CHECK(app.session->username() == QStringLiteral("bob"));
    REQUIRE(app.sync());
}

TEST_CASE("plain http to another machine is refused before the password leaves the phone")
{
    TestApp app;
    app.session->signIn(QStringLiteral("http://floorwalk.example.com"), QStringLiteral("acme"), QStringLiteral("alice"),
                        QStringLiteral("alice-password-1"));
    CHECK(app.session->state() == SessionController::SignedOut);
    CHECK(app.session->errorMessage().contains(QStringLiteral("https://")));
    CHECK(app.session->errorMessage().contains(QStringLiteral("--allow-insecure-http")));
    CHECK(app.session->username().isEmpty());
}

TEST_CASE("a session kept for an insecure remote server is not used, and its token is kept for an opt-in")
{
    QTemporaryDir keep;
    const QString server = QStringLiteral("http://floorwalk.example.com");
    {
        TestApp app({}, keep.path());
        app.store->database().setMeta(MetaKey::serverUrl, server);
        app.store->database().setMeta(MetaKey::organization, QStringLiteral("acme"));
        app.store->database().setMeta(MetaKey::username, QStringLiteral("alice"));
        bool stored = false;
        app.vault->store(QStringLiteral("acme/alice@") + server, QStringLiteral("kept-token-123"),
                         [&](bool ok) { stored = ok; });
        REQUIRE(stored);
    }
    TestApp again({}, keep.path());
    REQUIRE(TestWait::until([&] { return again.session->state() != SessionController::Restoring; }));
    CHECK(again.session->state() == SessionController::Expired);  // nothing is sent; the data stays
    CHECK(again.session->errorMessage().contains(QStringLiteral("--allow-insecure-http")));
    CHECK(anyFileHolds(keep.path(), QStringLiteral("kept-token-123")));
}

TEST_CASE("with --allow-insecure-http, a remote http server is tried, and a kept session on it is restored")
{
    TestApp app;
    CHECK_FALSE(app.session->insecureHttpAllowed());
    app.session->setInsecureHttpAllowed(true);
    CHECK(app.session->insecureHttpAllowed());
    app.session->signIn(QStringLiteral("http://floorwalk.invalid"), QStringLiteral("acme"), QStringLiteral("alice"),
                        QStringLiteral("alice-password-1"));
    CHECK(app.session->state() == SessionController::SigningIn);  // the request went out
    REQUIRE(TestWait::until([&] { return app.session->state() == SessionController::SignedOut; }));
    CHECK_FALSE(app.session->errorMessage().contains(QStringLiteral("--allow-insecure-http")));

    // A session kept on such a server is used again once insecure http is allowed.
    app.store->database().setMeta(MetaKey::serverUrl, QStringLiteral("http://floorwalk.invalid"));
    app.store->database().setMeta(MetaKey::organization, QStringLiteral("acme"));
    app.store->database().setMeta(MetaKey::username, QStringLiteral("alice"));
    bool stored = false;
    app.vault->store(QStringLiteral("acme/alice@http://floorwalk.invalid"), QStringLiteral("kept-token-456"),
                     [&](bool ok) { stored = ok; });
    REQUIRE(stored);
    app.session->restore();
    REQUIRE(TestWait::until([&] { return app.session->state() != SessionController::Restoring; }));
    CHECK(app.session->state() == SessionController::SignedIn);
    app.session->setInsecureHttpAllowed(false);
    app.session->restore();
    REQUIRE(TestWait::until([&] { return app.session->state() != SessionController::Restoring; }));
    CHECK(app.session->state() == SessionController::Expired);
}
