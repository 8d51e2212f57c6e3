// What the Qt Quick tests need beyond the app: the server's address and credentials, a switch for the network,
// and the other actors (the admin, the manager's tablet) acting on the real server. Exposed to QML as TestEnv.
#pragma once

#include "faultproxy.h"
#include "jsonapi.h"
#include "testapp.h"
#include "testserver.h"

#include <QObject>

#include <memory>

class TestEnv : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString serverUrl READ serverUrl CONSTANT)
    Q_PROPERTY(QString organization READ organization CONSTANT)
    Q_PROPERTY(QString username READ username CONSTANT)
    Q_PROPERTY(QString password READ password CONSTANT)
    Q_PROPERTY(QString error READ error CONSTANT)
    Q_PROPERTY(QString screenshotDir READ screenshotDir CONSTANT)

public:
    TestEnv();
    ~TestEnv() override;

    // Starts the server and composes the app; false (with error()) when the server cannot start.
    bool start();
    [[nodiscard]] TestApp &app() { return *m_app; }

    [[nodiscard]] QString serverUrl() const;
    [[nodiscard]] QString organization() const { return QStringLiteral("acme"); }
    [[nodiscard]] QString username() const { return QStringLiteral("alice"); }
    [[nodiscard]] QString password() const { return QStringLiteral("alice-password-1"); }
    [[nodiscard]] QString error() const { return m_error; }
    // Where the tests leave pictures of states the screenshot run cannot reach (a rejection, a filled form).
    [[nodiscard]] QString screenshotDir() const { return QStringLiteral(FLOORWALK_SCREENSHOT_DIR "/flows"); }

    // Signs out discarding everything, so each test file starts from a fresh phone.
    Q_INVOKABLE void resetApp();
    // The network between phone and server: down refuses every connection.
    Q_INVOKABLE void setNetworkUp(bool up);
    // Observations on the server, as alice's tablet sees them.
    Q_INVOKABLE int serverObservationCount();
    Q_INVOKABLE QString serverComment(const QString &observationId);
    // The admin moves an employee to another unit (in or out of alice's scope).
    Q_INVOKABLE bool moveEmployee(const QString &employeeId, const QString &unitId);
    // Alice's tablet pushes a new revision of an observation; returns the server's status ("ACCEPTED"...).
    Q_INVOKABLE QString pushFromTablet(const QString &observationId, const QString &employeeId, int revision,
                                       int baseRevision, const QString &comment);
    // The id of the newest record in the phone's outbox (what the UI just saved).
    Q_INVOKABLE QString newestOutboxRecordId();
    // "recordId:state:attempts:revision" per outbox entry, for failure messages.
    Q_INVOKABLE QString outboxSummary();

private:
    QString tabletToken();

    TestServer m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<JsonApi> m_json;
    std::unique_ptr<TestApp> m_app;
    QString m_tabletToken;
    QString m_error;
};
