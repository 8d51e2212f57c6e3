#include "faultproxy.h"
#include "jsonapi.h"
#include "testapp.h"
#include "testserver.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QFile>

namespace {

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
    CHECK_FALSE(QFile::exists(app.tokenFile()));
    CHECK(app.session->deviceId() == deviceId);  // the device keeps its id
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
