// The phone that the crash suite (phonecrash_test.cpp) kills: the app's real store, outbox, observation form and
// sync engine over an existing data folder and its kept session. It saves observations through the form and syncs,
// over and over, and reports each step on stdout, written before the next step starts, so that the parent knows
// what the app had confirmed to the manager when the SIGKILL landed.
//
//   mobile_phonecrash_child --data DIR --run R --burst N [--batch B]   save N, sync, repeat until killed
//   mobile_phonecrash_child --data DIR --final [--batch B]             sync until nothing is left to send, exit 0
//
// Lines: "ready <pending>", "save <key>", "saved <key> <id> <dimension>:<level>,...", "sync-start",
// "sync-end <ok|fail>", "final <unsent> <attention>". A key is "R.i", the i-th save of run R, and the observation's
// comment is "crash R.i", so that the server's copy can be traced to it.
#include "observationdraft.h"
#include "testapp.h"
#include "testwait.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace {

// One line, handed to the kernel before the function returns: a SIGKILL right after cannot take it back.
void report(const QString &line)
{
    const QByteArray bytes = (line + QLatin1Char('\n')).toUtf8();
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, bytes.constData() + written, size_t(bytes.size() - written));
        if (n <= 0)
            qFatal("cannot write to stdout");
        written += n;
    }
}

// Fills the form the way a manager does (an employee, two taps, a comment) and saves. The levels and the employee
// follow from the key so that runs differ; e6 is inactive in the fixture, so only e1..e5 are observed.
bool saveOne(LocalStore &store, int run, int index)
{
    const QString key = QStringLiteral("%1.%2").arg(run).arg(index);
    ObservationDraft draft;
    draft.setEmployeeId(QStringLiteral("e%1").arg((run + index) % 5 + 1));
    draft.setStore(&store);
    const int firstLevel = 1 + (run + index) % 4;
    const int secondLevel = 1 + (run * 7 + index) % 4;
    draft.toggleLevel(0, firstLevel);
    draft.toggleLevel(1, secondLevel);
    draft.setComment(QStringLiteral("crash %1").arg(key));
    const QString id = draft.pendingId();
    QStringList levels;
    auto *rows = draft.dimensions();
    for (int row = 0; row < 2; ++row) {
        levels.append(QStringLiteral("%1:%2")
                          .arg(rows->data(rows->index(row), DimensionRatingModel::DimensionIdRole).toString())
                          .arg(row == 0 ? firstLevel : secondLevel));
    }
    report(QStringLiteral("save %1").arg(key));
    if (!draft.save()) {
        report(QStringLiteral("save-failed %1 %2").arg(key, draft.errorText()));
        return false;
    }
    report(QStringLiteral("saved %1 %2 %3").arg(key, id, levels.join(QLatin1Char(','))));
    return true;
}

bool syncOnce(TestApp &app)
{
    report(QStringLiteral("sync-start"));
    const bool ok = app.sync();
    report(QStringLiteral("sync-end %1").arg(ok ? QStringLiteral("ok") : QStringLiteral("fail")));
    return ok;
}

}  // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("The phone's data folder."),
                                        QStringLiteral("dir"));
    const QCommandLineOption runOption(QStringLiteral("run"), QStringLiteral("This run's number (keys R.i)."),
                                       QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption burstOption(QStringLiteral("burst"), QStringLiteral("Saves between two syncs."),
                                         QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Observations per push."),
                                         QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption finalOption(QStringLiteral("final"), QStringLiteral("Sync to the end and exit."));
    parser.addOptions({dataOption, runOption, burstOption, batchOption, finalOption});
    parser.process(application);
    if (!parser.isSet(dataOption)) {
        std::fprintf(stderr, "--data is required\n");
        return 2;
    }

    SyncEngine::Options options = TestApp::quietOptions();
    options.batchSize = parser.value(batchOption).toInt();
    options.pullPageSize = options.batchSize;
    TestApp app(options, parser.value(dataOption));
    if (!app.session->signedIn()) {
        std::fprintf(stderr, "the data folder holds no session: sign the phone in first\n");
        return 2;
    }
    report(QStringLiteral("ready %1").arg(app.store->outbox().pendingCount()));

    if (parser.isSet(finalOption)) {
        // A sync can fail against a server that has just restarted; a bounded number of attempts, then the truth.
        for (int attempt = 0; attempt < 20 && app.store->outbox().unsentCount() > 0; ++attempt) {
            if (!syncOnce(app))
                TestWait::until([] { return false; }, 200);
        }
        syncOnce(app);  // the last pull: what other runs stored and the phone had not heard back about
        report(QStringLiteral("final %1 %2")
                   .arg(app.store->outbox().unsentCount())
                   .arg(app.store->outbox().attentionCount()));
        return 0;
    }

    const int run = parser.value(runOption).toInt();
    const int burst = std::max(1, parser.value(burstOption).toInt());
    for (int index = 0;;) {
        for (int i = 0; i < burst; ++i, ++index) {
            if (!saveOne(*app.store, run, index))
                return 1;
        }
        syncOnce(app);
    }
}
