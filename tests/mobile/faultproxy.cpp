#include "faultproxy.h"

#include <QPointer>
#include <QTcpSocket>

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QTcpServer(parent)
    , m_upstreamPort(upstreamPort)
{
    listen(QHostAddress::LocalHost, 0);
}

QUrl FaultProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort()));
}

void FaultProxy::setMode(Mode mode)
{
    m_mode = mode;
    if (mode != Mode::Refuse)
        return;
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_open)) {
        if (socket)
            socket->abort();
    }
    m_open.clear();
}

int FaultProxy::requestCount(const QByteArray &prefix) const
{
    int n = 0;
    for (const QByteArray &line : m_requestLines) {
        if (line.startsWith(prefix))
            ++n;
    }
    return n;
}

void FaultProxy::incomingConnection(qintptr socketDescriptor)
{
    auto *client = new QTcpSocket(this);
    client->setSocketDescriptor(socketDescriptor);
    if (m_mode == Mode::Refuse || m_budget == 0) {
        ++m_refused;
        client->abort();
        client->deleteLater();
        return;
    }
    auto *upstream = new QTcpSocket(this);
    const QPointer<QTcpSocket> c(client);
    const QPointer<QTcpSocket> u(upstream);
    m_open.append(c);
    m_open.append(u);
    auto closeBoth = [c, u] {
        if (c) {
            c->abort();
            c->deleteLater();
        }
        if (u) {
            u->abort();
            u->deleteLater();
        }
    };
    connect(client, &QTcpSocket::readyRead, this, [this, c, u, closeBoth] {
        if (!c || !u)
            return;
        const QByteArray data = c->readAll();
        // A request line starts a request (bodies here are protobuf or JSON, never "POST /" or "GET /").
        for (const QByteArray &method : {QByteArray("POST /"), QByteArray("GET /"), QByteArray("PUT /")}) {
            qsizetype at = data.indexOf(method);
            if (at == 0 || (at > 0 && data.at(at - 1) == '\n')) {
                if (m_budget == 0) {
                    closeBoth();
                    return;
                }
                if (m_budget > 0)
                    --m_budget;
                m_requestLines.append(data.mid(at, data.indexOf("\r\n", at) - at));
            }
        }
        u->write(data);
    });
    connect(upstream, &QTcpSocket::readyRead, this, [this, c, u, closeBoth] {
        if (!c || !u)
            return;
        const QByteArray data = u->readAll();
        if (data.startsWith("HTTP/1.1 "))
            m_statuses.append(data.mid(9, 3).toInt());
        if (m_mode == Mode::LoseAnswers) {
            closeBoth();  // the server did the work; the phone never hears about it
            return;
        }
        c->write(data);
    });
    connect(client, &QTcpSocket::disconnected, this, closeBoth);
    connect(upstream, &QTcpSocket::disconnected, this, [c, u] {
        if (c)
            c->disconnectFromHost();
        if (u)
            u->deleteLater();
    });
    connect(upstream, &QTcpSocket::errorOccurred, this, [closeBoth](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            closeBoth();
    });
    // Hold the client's bytes until the upstream connection is up.
    client->setReadBufferSize(0);
    upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
}
