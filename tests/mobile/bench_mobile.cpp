// floorwalk-bench-mobile: the app's figures that matter on the shop floor. Prints
//   cold start to first frame (ms)      a fresh process composing the app and rendering Main.qml's first frame,
//                                        beside a bare Qt Quick window started the same way (the baseline), the
//                                        phases of the app's start-up, and the start to the home list shown
//   save of one observation p50/p99 (ms) ObservationDraft::save() with the home list alive, synchronous=FULL
//   home list filtered by name (ms)      EmployeeListModel over N employees, per keystroke
//   sync of M pending observations (s)   to a real floorwalk-server on loopback
//   peak memory (MiB)                    getrusage's maximum resident set size
// `--small` runs the same at a small scale (the ctest smoke run). Figures are printed, never asserted.
#include "employeelistmodel.h"
#include "jsoncolumns.h"
#include "metakeys.h"
#include "observationdraft.h"
#include "qmlsingletons.h"
#include "testapp.h"
#include "testdata.h"
#include "testserver.h"
#include "testwait.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextStream>

#include <QMap>
#include <QPointer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>

#include <sys/resource.h>

Q_IMPORT_QML_PLUGIN(FloorwalkPlugin)

namespace {

struct Scale {
    int employees = 2000;
    int saves = 200;
    int syncObservations = 5000;
    int startRuns = 9;
};

// Set when a measurement could not be taken: the smoke run must fail then, not print a partial report.
bool g_failed = false;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// A phone that has pulled `employees` employees in 40 teams, and holds a signed-in identity.
void seedPhone(const QString &dataDir, int employees)
{
    LocalStore store(QDir(dataDir).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    if (!store.open(&error))
        qFatal("cannot open the bench store: %s", qPrintable(error));
    PullPage page = TestData::organizationPage();
    static const QStringList first = {QStringLiteral("Hélène"), QStringLiteral("Éric"), QStringLiteral("Sophie"),
                                      QStringLiteral("Karim"), QStringLiteral("Julie"), QStringLiteral("Marc"),
                                      QStringLiteral("Paul"), QStringLiteral("Chloé"), QStringLiteral("Lucas"),
                                      QStringLiteral("Aïcha")};
    static const QStringList last = {QStringLiteral("Dubois"), QStringLiteral("Martin"), QStringLiteral("Bernard"),
                                     QStringLiteral("Haddad"), QStringLiteral("Petit"), QStringLiteral("Leroy"),
                                     QStringLiteral("Girard"), QStringLiteral("Mercier"), QStringLiteral("Faure"),
                                     QStringLiteral("Morel"), QStringLiteral("Laurent")};
    page.units.clear();
    page.units.append({QStringLiteral("s1"), QString(), QStringLiteral("Lille Centre"), UnitKind::Store});
    for (int t = 0; t < 40; ++t)
        page.units.append({QStringLiteral("t%1").arg(t), QStringLiteral("s1"), QStringLiteral("Team %1").arg(t + 1),
                           UnitKind::Team});
    page.employees.clear();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < employees; ++i) {
        const QString id = QStringLiteral("b%1").arg(i);
        page.employees.append({id, QStringLiteral("t%1").arg(i % 40),
                               QStringLiteral("%1 %2 %3").arg(first.at(i % first.size()), last.at(i % last.size())).arg(i),
                               QStringLiteral("Sales advisor"), true});
        if (i % 2 == 0)
            page.observations.append(TestData::serverObservation(
                QStringLiteral("o%1").arg(i), id, now.addDays(-(i % 60)),
                {{QStringLiteral("welcome"), 1 + i % 4}, {QStringLiteral("advice"), 1 + (i / 2) % 4}}));
    }
    if (!store.cache().applyPullPage(page, &error))
        qFatal("cannot seed the bench store: %s", qPrintable(error));
    store.database().setMeta(MetaKey::serverUrl, QStringLiteral("http://127.0.0.1:9"));
    store.database().setMeta(MetaKey::organization, QStringLiteral("acme"));
    store.database().setMeta(MetaKey::username, QStringLiteral("alice"));
}

// Milliseconds since the probe's main() was entered: the probe reports each phase of its start-up against it.
QElapsedTimer &sinceMain()
{
    static QElapsedTimer timer;
    return timer;
}

void report(const char *phase)
{
    std::printf("%s %.2f\n", phase, double(sinceMain().nsecsElapsed()) / 1e6);
    std::fflush(stdout);
}

// Reports "first-frame" when `window` has presented its first frame, then `then()` (on the GUI thread).
void onFirstFrame(QQuickWindow *window, std::function<void()> then)
{
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [then = std::move(then)] {
        report("first-frame");
        then();
    }, Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
}

// Child process: the app composed as main.cpp does (the sync engine started after the first frame, as there),
// reporting its phases, its first frame, then the frame that shows the home list.
int startupProbe(const QString &dataDir)
{
    report("application");
    LocalStore store(QDir(dataDir).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    if (!store.open(&error))
        return 1;
    report("store-open");
    QNetworkAccessManager network;
    ApiClient api(&network);
    TokenVault vault(QStringLiteral("Floorwalk bench"), QDir(dataDir).filePath(QStringLiteral("session-token")),
                     TokenVault::Backend::File);
    SessionController session(store.database(), store.cache(), store.outbox(), vault, api);
    SyncEngine sync(store.database(), store.outbox(), store.cache(), session, api, SyncEngine::Options{});
    LanguageController language(store.database());
    language.apply();
    QmlSingletons::setInstances(&store, &session, &sync, &language);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    language.setEngine(&engine);
    session.restore();
    report("services");
    QPointer<QQuickWindow> window;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreated, &engine, [&](QObject *object, const QUrl &) {
        window = qobject_cast<QQuickWindow *>(object);
        if (!window)
            std::exit(2);
        onFirstFrame(window, [&] {
            sync.start();
            // The home list is read after the first frame; the probe ends on the frame that shows it.
            auto *model = window->findChild<EmployeeListModel *>(QStringLiteral("employeeModel"));
            if (!model)
                std::exit(3);
            const auto showLoaded = [&window, model] {
                if (model->loading())
                    return;
                QObject::connect(window, &QQuickWindow::frameSwapped, window, [] {
                    report("list-shown");
                    QCoreApplication::exit(0);
                }, Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
                window->update();
            };
            QObject::connect(model, &EmployeeListModel::loadingChanged, model, showLoaded);
            showLoaded();
        });
    });
    engine.load(QUrl(QStringLiteral("qrc:/Floorwalk/Main.qml")));
    report("qml-loaded");
    return QCoreApplication::exec();
}

// Child process: the baseline, a bare Qt Quick window of the app's size, measured the same way.
int bareWindowProbe()
{
    report("application");
    QQmlApplicationEngine engine;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreated, &engine, [](QObject *object, const QUrl &) {
        auto *window = qobject_cast<QQuickWindow *>(object);
        if (!window)
            std::exit(2);
        onFirstFrame(window, [] { QCoreApplication::exit(0); });
    });
    engine.loadData("import QtQuick\nWindow { width: 412; height: 915; visible: true; color: \"white\" }");
    report("qml-loaded");
    return QCoreApplication::exec();
}
double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const std::size_t index = std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

// One start of a probe process: its phases in ms since its main(), and the launcher's own clock from the start of
// the process to the line "first-frame" (and to "list-shown" when the probe reports it).
struct ProbeRun {
    QMap<QString, double> phases;
    double firstFrameMs = 0;
    double listShownMs = 0;
    QString error;
};

ProbeRun runProbe(const QStringList &arguments)
{
    ProbeRun run;
    QProcess probe;
    QElapsedTimer timer;
    timer.start();
    probe.start(QCoreApplication::applicationFilePath(), arguments);
    const bool ended = TestWait::until(
        [&] {
            probe.waitForReadyRead(5);
            while (probe.canReadLine()) {
                const QList<QByteArray> fields = probe.readLine().trimmed().split(' ');
                if (fields.size() != 2)
                    continue;
                const QString phase = QString::fromLatin1(fields.at(0));
                run.phases.insert(phase, fields.at(1).toDouble());
                if (phase == QLatin1String("first-frame"))
                    run.firstFrameMs = double(timer.nsecsElapsed()) / 1e6;
                else if (phase == QLatin1String("list-shown"))
                    run.listShownMs = double(timer.nsecsElapsed()) / 1e6;
            }
            return probe.state() == QProcess::NotRunning;
        },
        60000);
    if (!ended)
        probe.kill();
    probe.waitForFinished(10000);
    if (!ended || probe.exitCode() != 0 || run.firstFrameMs == 0)
        run.error = QStringLiteral("%1 exit %2: %3")
                        .arg(arguments.constFirst())
                        .arg(probe.exitCode())
                        .arg(QString::fromLocal8Bit(probe.readAllStandardError()));
    return run;
}

QString spread(const std::vector<double> &values)
{
    return QStringLiteral("p50 %1 ms (min %2, max %3)")
        .arg(percentile(values, 0.5), 0, 'f', 0)
        .arg(percentile(values, 0.0), 0, 'f', 0)
        .arg(percentile(values, 1.0), 0, 'f', 0);
}

// Cold start: fresh processes, the app and a bare Qt Quick window taking turns so that both see the same load on a
// shared machine. Prints both, their ratio, and where the app's time goes.
void benchColdStart(const Scale &scale)
{
    QTemporaryDir dir;
    seedPhone(dir.path(), scale.employees);
    std::vector<double> app;
    std::vector<double> bare;
    std::vector<double> list;
    const std::vector<std::pair<const char *, const char *>> steps = {
        {"application", "QGuiApplication and the platform plugin"},
        {"store-open", "local database open (and migrations)"},
        {"services", "session, sync engine, language, QML engine"},
        {"qml-loaded", "Main.qml and the home page created"},
        {"first-frame", "polish, fonts and render of the first frame"}};
    std::vector<std::vector<double>> phases(steps.size() + 1);  // [0]: process start to main()
    for (int i = 0; i < scale.startRuns; ++i) {
        const ProbeRun baseline = runProbe({QStringLiteral("--bare-window-probe")});
        const ProbeRun run = runProbe({QStringLiteral("--startup-probe"), dir.path()});
        if (!baseline.error.isEmpty() || !run.error.isEmpty() || run.listShownMs == 0) {
            out() << "cold start to first frame: probe failed: " << baseline.error << run.error << "\n";
            g_failed = true;
            return;
        }
        bare.push_back(baseline.firstFrameMs);
        app.push_back(run.firstFrameMs);
        list.push_back(run.listShownMs);
        // Before main(): exec, dynamic linking, static initialisers; the launcher's clock minus the probe's own.
        phases[0].push_back(run.firstFrameMs - run.phases.value(QStringLiteral("first-frame")));
        double previous = 0;
        for (std::size_t s = 0; s < steps.size(); ++s) {
            const double at = run.phases.value(QString::fromLatin1(steps[s].first));
            phases[s + 1].push_back(at - previous);
            previous = at;
        }
    }
    out() << QStringLiteral("cold start to first frame: %1; bare Qt Quick window, same run: %2; ratio %3 "
                            "(%4 runs each, home list of %5 employees)\n")
                 .arg(spread(app), spread(bare))
                 .arg(percentile(app, 0.5) / percentile(bare, 0.5), 0, 'f', 2)
                 .arg(scale.startRuns)
                 .arg(scale.employees);
    out() << QStringLiteral("  phase p50: process start to main() %1 ms").arg(percentile(phases[0], 0.5), 0, 'f', 1);
    for (std::size_t s = 0; s < steps.size(); ++s)
        out() << QStringLiteral("; %1 %2 ms").arg(QString::fromLatin1(steps[s].second))
                     .arg(percentile(phases[s + 1], 0.5), 0, 'f', 1);
    out() << "\n";
    out() << QStringLiteral("cold start to the home list shown (read after the first frame): %1\n").arg(spread(list));
}

void benchSaveAndFilter(const Scale &scale)
{
    QTemporaryDir dir;
    seedPhone(dir.path(), scale.employees);
    TestApp app(TestApp::quietOptions(), dir.path());
    EmployeeListModel home;  // alive, as on the home screen: every save refreshes it
    QElapsedTimer timer;
    timer.start();
    home.setStore(app.store.get());
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;

    // Filtering: one keystroke at a time, as a manager types a name.
    std::vector<double> filter;
    for (const QString &query : {QStringLiteral("h"), QStringLiteral("he"), QStringLiteral("hel"),
                                 QStringLiteral("hele"), QStringLiteral("helene d"), QStringLiteral("mar"),
                                 QStringLiteral("morel 1"), QString()}) {
        timer.restart();
        home.setFilterText(query);
        filter.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    out() << QStringLiteral("home list of %1 employees: load %2 ms, filter by name (model) p50 %3 ms, max %4 ms\n")
                 .arg(scale.employees)
                 .arg(loadMs, 0, 'f', 1)
                 .arg(percentile(filter, 0.5), 0, 'f', 2)
                 .arg(percentile(filter, 1.0), 0, 'f', 2);

    // The same keystrokes on the real home screen, each until the list is rendered again.
    {
        QmlSingletons::setInstances(app.store.get(), app.session.get(), app.engine.get(), app.language.get());
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/"));
        engine.load(QUrl(QStringLiteral("qrc:/Floorwalk/Main.qml")));
        auto *window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QObject *search = window ? window->findChild<QObject *>(QStringLiteral("searchField")) : nullptr;
        auto *model = window ? window->findChild<EmployeeListModel *>(QStringLiteral("employeeModel")) : nullptr;
        // The list is read once the home page has been shown (after its first frame).
        if (!search || !model || !TestWait::until([model] { return !model->loading(); })) {
            out() << "home list rendered: the home screen did not load\n";
            g_failed = true;
        } else {
            (void)window->grabWindow();
            std::vector<double> rendered;
            for (const QString &query : {QStringLiteral("h"), QStringLiteral("he"), QStringLiteral("hel"),
                                         QStringLiteral("hele"), QStringLiteral("helene d"), QStringLiteral("mar"),
                                         QStringLiteral("morel 1"), QString()}) {
                timer.restart();
                search->setProperty("text", query);
                (void)window->grabWindow();  // polish, sync and render the frame, as the next vsync would
                rendered.push_back(double(timer.nsecsElapsed()) / 1e6);
            }
            out() << QStringLiteral("home list of %1 employees filtered by name, keystroke to rendered frame: p50 %2 ms, "
                                    "max %3 ms\n")
                         .arg(scale.employees)
                         .arg(percentile(rendered, 0.5), 0, 'f', 1)
                         .arg(percentile(rendered, 1.0), 0, 'f', 1);
        }
    }

    ObservationDraft draft;
    draft.setStore(app.store.get());
    std::vector<double> saves;
    std::vector<double> refreshes;
    for (int i = 0; i < scale.saves; ++i) {
        draft.setEmployeeId(QStringLiteral("b%1").arg(i % scale.employees));
        draft.toggleLevel(0, 1 + i % 4);
        draft.toggleLevel(2, 1 + (i / 4) % 4);
        draft.setComment(QStringLiteral("Observation %1").arg(i));
        timer.restart();
        if (!draft.save())
            qFatal("save failed: %s", qPrintable(draft.errorText()));
        saves.push_back(double(timer.nsecsElapsed()) / 1e6);
        // The home list then refreshes from the event loop, before the next frame.
        timer.restart();
        QCoreApplication::processEvents();
        refreshes.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    out() << QStringLiteral("save of one observation: p50 %1 ms, p99 %2 ms (%3 saves, committed with "
                            "synchronous=FULL); home list refresh after a save: p50 %4 ms, p99 %5 ms\n")
                 .arg(percentile(saves, 0.5), 0, 'f', 2)
                 .arg(percentile(saves, 0.99), 0, 'f', 2)
                 .arg(scale.saves)
                 .arg(percentile(refreshes, 0.5), 0, 'f', 2)
                 .arg(percentile(refreshes, 0.99), 0, 'f', 2);
}

void benchSync(const Scale &scale)
{
    TestServer server;
    QString error;
    if (!server.startWithFixture(&error)) {
        out() << "sync: the server did not start: " << error << "\n";
        g_failed = true;
        return;
    }
    TestApp app;
    if (!app.signIn(server.url(), QStringLiteral("alice"), QStringLiteral("alice-password-1"))) {
        out() << "sync: cannot sign in\n";
        g_failed = true;
        return;
    }
    for (int i = 0; i < scale.syncObservations; ++i) {
        if (!app.store->outbox().saveObservation(
                makeObservation(QStringLiteral("e%1").arg(1 + i % 5), 1 + i % 4, 1 + (i / 4) % 4), &error))
            qFatal("cannot queue: %s", qPrintable(error));
    }
    QElapsedTimer timer;
    timer.start();
    const bool ok = app.sync() && app.store->outbox().pendingCount() == 0;
    g_failed = g_failed || !ok;
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    out() << QStringLiteral("sync of %1 pending observations: %2 s (%3, %4 left pending)\n")
                 .arg(scale.syncObservations)
                 .arg(seconds, 0, 'f', 2)
                 .arg(ok ? QStringLiteral("ok") : QStringLiteral("FAILED"))
                 .arg(app.store->outbox().pendingCount());
}

}  // namespace

int main(int argc, char *argv[])
{
    sinceMain().start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--startup-probe"))
        return startupProbe(args.at(2));
    if (args.size() == 2 && args.at(1) == QLatin1String("--bare-window-probe"))
        return bareWindowProbe();

    Scale scale;
    if (args.contains(QStringLiteral("--small")))
        scale = Scale{200, 20, 200, 3};
    QLoggingCategory::setFilterRules(QStringLiteral("floorwalk.*=false"));
    benchColdStart(scale);
    benchSaveAndFilter(scale);
    benchSync(scale);
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    out() << QStringLiteral("peak memory: %1 MiB (this process; the start-up probe runs apart)\n")
                 .arg(double(usage.ru_maxrss) / 1024.0, 0, 'f', 1);
    out().flush();
    return g_failed ? 1 : 0;
}
