#include "testapp.h"

#include "deviceclock.h"
#include "recordid.h"
#include "testwait.h"

#include <QDir>
#include <QSignalSpy>

SyncEngine::Options TestApp::quietOptions()
{
    SyncEngine::Options options;
    options.automatic = false;
    return options;
}

SyncEngine::Options TestApp::triggersOnlyOptions()
{
    SyncEngine::Options options;
    options.automatic = true;
    options.periodic = std::chrono::hours(1);
    options.afterSave = std::chrono::hours(1);
    options.backoffBase = std::chrono::hours(1);
    options.backoffCap = std::chrono::hours(1);
    return options;
}

TestApp::TestApp(SyncEngine::Options options, const QString &dataDir, SessionRestore restore)
    : m_dataDir(dataDir.isEmpty() ? tempDir.path() : dataDir)
{
    store = std::make_unique<LocalStore>(QDir(m_dataDir).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    if (!store->open(&error))
        qFatal("cannot open the test database: %s", qPrintable(error));
    api = std::make_unique<ApiClient>(&network);
    vault = std::make_unique<TokenVault>(QStringLiteral("Floorwalk tests"), tokenFile(), TokenVault::Backend::File);
    session = std::make_unique<SessionController>(store->database(), store->cache(), store->outbox(), *vault, *api);
    engine = std::make_unique<SyncEngine>(store->database(), store->outbox(), store->cache(), *session, *api, options);
    language = std::make_unique<LanguageController>(store->database());
    language->apply();
    QObject::connect(language.get(), &LanguageController::languageChanged, engine.get(), &SyncEngine::retranslate);
    if (restore == SessionRestore::BeforeEngineStart) {
        session->restore();
        engine->start();
    } else {
        engine->start();
        session->restore();
    }
}

TestApp::~TestApp()
{
    // Replies in flight reference the engine: let them go before it does.
    api->abortAll();
    QCoreApplication::processEvents();
}

QString TestApp::tokenFile() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("session-token"));
}

bool TestApp::waitForState(SessionController::State state)
{
    return TestWait::until([&] { return session->state() == state; });
}

bool TestApp::signIn(const QUrl &server, const QString &username, const QString &password)
{
    QSignalSpy finished(engine.get(), &SyncEngine::syncFinished);
    session->signIn(server.toString(), QStringLiteral("acme"), username, password);
    if (!waitForState(SessionController::SignedIn))
        return false;
    if (!TestWait::until([&] { return finished.count() > 0; }))
        return false;
    return finished.constLast().at(0).toBool();
}

bool TestApp::sync()
{
    if (!session->signedIn())
        return false;  // the engine sends nothing without a live session
    QSignalSpy finished(engine.get(), &SyncEngine::syncFinished);
    engine->syncNow();
    if (!TestWait::until([&] { return finished.count() > 0 && !engine->busy(); }))
        return false;
    return finished.constLast().at(0).toBool();
}

ObservationRecord makeObservation(const QString &employeeId, int welcome, int advice, const QString &comment)
{
    ObservationRecord o;
    o.id = RecordId::create();
    o.employeeId = employeeId;
    o.observedAt = DeviceClock::nowUtc();  // stamped as the app stamps: by the phone's clock
    o.modelVersion = 1;
    if (welcome > 0)
        o.ratings.append({QStringLiteral("welcome"), welcome});
    if (advice > 0)
        o.ratings.append({QStringLiteral("advice"), advice});
    o.comment = comment;
    return o;
}
