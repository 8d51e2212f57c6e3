// A real floorwalk-server for the mobile tests: its own temporary data folder, a loopback port chosen by the
// kernel, and the "acme" organisation of tests/data/mobile (or the demo organisation).
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

class TestServer
{
public:
    static constexpr char organization[] = "acme";
    static constexpr char adminUser[] = "admin";
    static constexpr char adminPassword[] = "admin-password-1";
    static constexpr char manager[] = "alice";          // MANAGER of store s1 (employees e1..e6)
    static constexpr char managerPassword[] = "alice-password-1";
    static constexpr char otherManager[] = "bob";       // MANAGER of store s2 (employee x1)
    static constexpr char otherManagerPassword[] = "bob-password-1";

    TestServer();
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    // Creates "acme" with its admin, starts serving, and imports units, employees, the model and the users.
    bool startWithFixture(QString *error);
    // Creates the demo organisation and starts serving.
    bool startWithDemo(QString *error);
    // (Re)starts serving the same data folder on a fresh port.
    bool start(QString *error);
    // SIGTERM and wait (graceful), or SIGKILL (a crash).
    void stop();
    void kill();

    [[nodiscard]] QUrl url() const { return m_url; }
    [[nodiscard]] quint16 port() const { return quint16(m_url.port()); }
    [[nodiscard]] QString dataDir() const { return m_dir.path(); }
    [[nodiscard]] static QString binary();
    // An admin token for the fixture organisation (valid after startWithFixture).
    [[nodiscard]] QString adminToken() const { return m_adminToken; }

private:
    bool run(const QStringList &arguments, const QByteArray &input, QString *output, QString *error);

    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
    QString m_adminToken;
};
