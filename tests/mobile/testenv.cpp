#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

TestEnv::TestEnv() = default;

TestEnv::~TestEnv() = default;

bool TestEnv::start()
{
    QDir().mkpath(screenshotDir());
    if (!m_server.startWithFixture(&m_error))
        return false;
    m_proxy = std::make_unique<FaultProxy>(m_server.port());
    m_json = std::make_unique<JsonApi>(m_server.url());
    SyncEngine::Options options = TestApp::quietOptions();
    m_app = std::make_unique<TestApp>(options);
    return true;
}

QString TestEnv::serverUrl() const
{
    return m_proxy ? m_proxy->url().toString() : QString();
}

void TestEnv::resetApp()
{
    setNetworkUp(true);
    if (m_app->session->state() != SessionController::SignedOut)
        m_app->session->signOut(true);
}

void TestEnv::setNetworkUp(bool up)
{
    m_proxy->setMode(up ? FaultProxy::Mode::Forward : FaultProxy::Mode::Refuse);
}

QString TestEnv::tabletToken()
{
    if (m_tabletToken.isEmpty())
        m_tabletToken = m_json->login(organization(), username(), password(), QStringLiteral("alice-tablet"));
    return m_tabletToken;
}

int TestEnv::serverObservationCount()
{
    return int(m_json->pullObservations(tabletToken()).size());
}

QString TestEnv::serverComment(const QString &observationId)
{
    for (const QJsonValue &v : m_json->pullObservations(tabletToken())) {
        if (v.toObject().value(QStringLiteral("id")).toString() == observationId)
            return v.toObject().value(QStringLiteral("comment")).toString();
    }
    return {};
}

bool TestEnv::moveEmployee(const QString &employeeId, const QString &unitId)
{
    QFile file(QStringLiteral(FLOORWALK_TEST_DATA_DIR "/employees.json"));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("employees")).toArray()) {
        QJsonObject employee = v.toObject();
        if (employee.value(QStringLiteral("id")).toString() != employeeId)
            continue;
        employee.insert(QStringLiteral("unitId"), unitId);
        const JsonReply reply =
            m_json->call("PUT", QStringLiteral("admin/employees"),
                         QJsonDocument(QJsonObject{{QStringLiteral("employees"), QJsonArray{employee}}}),
                         m_server.adminToken());
        return reply.status == 200;
    }
    return false;
}

QString TestEnv::pushFromTablet(const QString &observationId, const QString &employeeId, int revision,
                                int baseRevision, const QString &comment)
{
    const QJsonObject observation{
        {QStringLiteral("id"), observationId},
        {QStringLiteral("employeeId"), employeeId},
        {QStringLiteral("observedAt"), QDateTime::currentDateTimeUtc().addSecs(-30).toString(Qt::ISODateWithMs)},
        {QStringLiteral("modelVersion"), 1},
        {QStringLiteral("ratings"),
         QJsonArray{QJsonObject{{QStringLiteral("dimensionId"), QStringLiteral("closing")}, {QStringLiteral("level"), 1}}}},
        {QStringLiteral("comment"), comment},
        {QStringLiteral("revision"), revision},
        {QStringLiteral("baseRevision"), baseRevision},
    };
    const JsonReply reply = m_json->call(
        "POST", QStringLiteral("sync/push"),
        QJsonDocument(QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("alice-tablet")},
                                  {QStringLiteral("observations"), QJsonArray{observation}}}),
        tabletToken());
    return reply.object().value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("status")).toString();
}

QString TestEnv::outboxSummary()
{
    QStringList out;
    for (const OutboxEntry &e : m_app->store->outbox().entries())
        out.append(QStringLiteral("%1:%2:%3:%4").arg(e.recordId.right(6)).arg(int(e.state)).arg(e.attempts).arg(e.revision));
    return out.join(QLatin1Char(' '));
}

QString TestEnv::newestOutboxRecordId()
{
    const QList<OutboxEntry> entries = m_app->store->outbox().entries();
    return entries.isEmpty() ? QString() : entries.constLast().recordId;
}
