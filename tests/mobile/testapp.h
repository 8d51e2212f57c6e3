// The app's services composed the way main.cpp composes them, for tests: a temporary data folder, the token in a
// private file (never the developer's keychain), and a sync engine without timers so that tests decide when it
// runs.
#pragma once

#include "apiclient.h"
#include "languagecontroller.h"
#include "localstore.h"
#include "sessioncontroller.h"
#include "syncengine.h"
#include "tokenvault.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

class TestApp
{
public:
    // When the kept session reaches the app at start: before the sync engine starts (the token file answers at
    // once), or after it (a platform keychain answering late, as on a phone).
    enum class SessionRestore { BeforeEngineStart, AfterEngineStart };

    // A fresh app, or one reopening `dataDir` (a restart).
    explicit TestApp(SyncEngine::Options options = quietOptions(), const QString &dataDir = {},
                     SessionRestore restore = SessionRestore::BeforeEngineStart);
    ~TestApp();

    [[nodiscard]] static SyncEngine::Options quietOptions();
    // The triggers of the real app (start, resume, network), with the timers pushed out of any test's reach, so
    // that only the trigger under test can start a sync.
    [[nodiscard]] static SyncEngine::Options triggersOnlyOptions();

    // Signs in and waits for the first sync; false when either fails.
    bool signIn(const QUrl &server, const QString &username, const QString &password);
    // Runs one sync and waits for its end; returns its success.
    bool sync();
    // Waits for the session to reach `state`.
    bool waitForState(SessionController::State state);

    [[nodiscard]] QString dataDir() const { return m_dataDir; }
    [[nodiscard]] QString tokenFile() const;

    QTemporaryDir tempDir;
    std::unique_ptr<LocalStore> store;
    QNetworkAccessManager network;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<TokenVault> vault;
    std::unique_ptr<SessionController> session;
    std::unique_ptr<SyncEngine> engine;
    std::unique_ptr<LanguageController> language;

private:
    QString m_dataDir;
};

// A plausible observation of one employee, rated on the fixture model's dimensions.
ObservationRecord makeObservation(const QString &employeeId, int welcome, int advice, const QString &comment = {});
