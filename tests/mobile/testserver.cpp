#include "testserver.h"

#include "jsonapi.h"
#include "testwait.h"

#include <QFile>

TestServer::TestServer() = default;

TestServer::~TestServer()
{
    stop();
}

QString TestServer::binary()
{
    return QStringLiteral(FLOORWALK_SERVER_BINARY);
}

bool TestServer::run(const QStringList &arguments, const QByteArray &input, QString *output, QString *error)
{
    QProcess process;
    process.start(binary(), arguments);
    if (!process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(binary(), process.errorString());
        return false;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3").arg(binary(), arguments.join(QLatin1Char(' ')),
                                                        QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    if (output)
        *output = QString::fromUtf8(process.readAllStandardOutput());
    return true;
}

bool TestServer::start(QString *error)
{
    stop();
    m_process.setProgram(binary());
    m_process.setArguments({QStringLiteral("serve"), QStringLiteral("--data"), m_dir.path(), QStringLiteral("--listen"),
                            QStringLiteral("127.0.0.1:0")});
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start the server: %1").arg(m_process.errorString());
        return false;
    }
    // The server prints exactly one line when it listens: "floorwalk-server listening on http://127.0.0.1:PORT".
    QByteArray line;
    const bool ready = TestWait::until(
        [&] {
            line += m_process.readAllStandardOutput();
            return line.contains('\n') || m_process.state() == QProcess::NotRunning;
        },
        30000);
    const QByteArray prefix = "floorwalk-server listening on ";
    const qsizetype at = line.indexOf(prefix);
    if (!ready || at < 0) {
        *error = QStringLiteral("the server did not report its address: %1 %2")
                     .arg(QString::fromUtf8(line), QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }
    m_url = QUrl(QString::fromUtf8(line.mid(at + prefix.size()).trimmed()));
    return m_url.isValid() && m_url.port() > 0;
}

void TestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(15000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void TestServer::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool TestServer::startWithDemo(QString *error)
{
    return run({QStringLiteral("demo"), QStringLiteral("--data"), m_dir.path()}, {}, nullptr, error) && start(error);
}

bool TestServer::startWithFixture(QString *error)
{
    if (!run({QStringLiteral("admin"), QStringLiteral("init"), QStringLiteral("--data"), m_dir.path(),
              QStringLiteral("--organization"), QString::fromLatin1(organization), QStringLiteral("--admin"),
              QString::fromLatin1(adminUser), QStringLiteral("--password-file"), QStringLiteral("-")},
             QByteArray(adminPassword) + '\n', nullptr, error))
        return false;
    if (!start(error))
        return false;
    JsonApi api(m_url);
    m_adminToken = api.login(QString::fromLatin1(organization), QString::fromLatin1(adminUser),
                             QString::fromLatin1(adminPassword), QStringLiteral("test-admin"));
    if (m_adminToken.isEmpty()) {
        *error = QStringLiteral("the fixture admin cannot sign in");
        return false;
    }
    // Units first: employees and users refer to them.
    for (const char *kind : {"units", "model", "employees", "users"}) {
        QFile file(QStringLiteral(FLOORWALK_TEST_DATA_DIR "/%1.json").arg(QLatin1String(kind)));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(file.fileName());
            return false;
        }
        const JsonReply reply = api.call("PUT", QStringLiteral("admin/%1").arg(QLatin1String(kind)),
                                         QJsonDocument::fromJson(file.readAll()), m_adminToken);
        if (reply.status != 200) {
            *error = QStringLiteral("importing %1 answered %2: %3")
                         .arg(QLatin1String(kind))
                         .arg(reply.status)
                         .arg(QString::fromUtf8(reply.body.toJson(QJsonDocument::Compact)));
            return false;
        }
    }
    return true;
}
