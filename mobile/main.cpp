// Floorwalk, the store manager's app. The composition root: it builds the long-lived services (local store,
// token vault, session, sync engine, language), wires them, hands them to QML as singletons, and picks the mode
// (normal, --self-test, --screenshots). Everything it wires lives in mobile_core, where the tests reach it.
#include "apiclient.h"
#include "languagecontroller.h"
#include "launchoptions.h"
#include "localstore.h"
#include "qmlsingletons.h"
#include "screenshotrunner.h"
#include "selftest.h"
#include "sessioncontroller.h"
#include "syncengine.h"
#include "tokenvault.h"

#include <QDir>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTextStream>

Q_IMPORT_QML_PLUGIN(FloorwalkPlugin)

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Floorwalk"));
    QCoreApplication::setApplicationName(QStringLiteral("floorwalk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOORWALK_VERSION));
    {
        // --help and --version answer before any display is opened: over ssh, in a script, on a build server.
        const QCoreApplication beforeDisplay(argc, argv);
        if (const std::optional<QString> text = LaunchOptions::informationText(QCoreApplication::arguments())) {
            QTextStream(stdout) << *text;
            return 0;
        }
    }

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Floorwalk"));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QString error;
    const std::optional<LaunchOptions> options =
        LaunchOptions::parse(app.arguments(), QProcessEnvironment::systemEnvironment(), &error);
    if (!options) {
        QTextStream(stderr) << "floorwalk: " << error << "\n";
        return 2;
    }

    const QString dataDir = options->dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : QDir(options->dataDir).absolutePath();
    LocalStore store(QDir(dataDir).filePath(QStringLiteral("floorwalk.sqlite")));
    if (!store.open(&error)) {
        QTextStream(stderr) << "floorwalk: cannot open the local database in " << dataDir << ": " << error << "\n";
        return 1;
    }

    QNetworkAccessManager network;
    ApiClient api(&network);
    TokenVault vault(QStringLiteral("Floorwalk"), QDir(dataDir).filePath(QStringLiteral("session-token")),
                     options->fileTokenStorage ? TokenVault::Backend::File : TokenVault::Backend::Keychain);
    SessionController session(store.database(), store.cache(), store.outbox(), vault, api);
    session.setInsecureHttpAllowed(options->allowInsecureHttp);
    SyncEngine::Options syncOptions;
    syncOptions.automatic = !options->selfTest;
    SyncEngine sync(store.database(), store.outbox(), store.cache(), session, api, syncOptions);
    LanguageController language(store.database());
    language.apply();
    if (!options->language.isEmpty())
        language.overrideForThisRun(options->language);
    QObject::connect(&language, &LanguageController::languageChanged, &sync, &SyncEngine::retranslate);

    QmlSingletons::setInstances(&store, &session, &sync, &language);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    language.setEngine(&engine);

    session.restore();
    if (options->hasCredentials())
        session.signInWhenRestored(options->serverUrl, options->organization, options->username, options->password);

    if (options->selfTest) {
        sync.start();
        return SelfTest::run(engine);
    }

    engine.load(QUrl(QStringLiteral("qrc:/Floorwalk/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        return 1;
    // The sync engine's start (outbox recovery and pruning, the network reachability backend, the start's sync)
    // waits until the manager sees the app: none of it is on the first screen (mobile/README.md, Performance).
    QObject::connect(window, &QQuickWindow::frameSwapped, &sync, &SyncEngine::start,
                     Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));

    std::unique_ptr<ScreenshotRunner> screenshots;
    if (!options->screenshotsDir.isEmpty()) {
        screenshots = std::make_unique<ScreenshotRunner>(window, session, sync, options->screenshotsDir);
        QObject::connect(screenshots.get(), &ScreenshotRunner::finished, &app, &QCoreApplication::exit,
                         Qt::QueuedConnection);
        screenshots->start();
    }
    return app.exec();
}
