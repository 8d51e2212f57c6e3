// A TCP relay between the app and the server that can fail the way networks do: refuse connections (server or
// network down), or deliver the request and lose the answer (the case idempotent pushes exist for).
#pragma once

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTcpServer>
#include <QUrl>

class FaultProxy : public QTcpServer
{
    Q_OBJECT
public:
    enum class Mode {
        Forward,      // relay both ways
        Refuse,       // close every new connection at once
        LoseAnswers   // relay requests; when the answer starts, drop it and close
    };

    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);

    [[nodiscard]] QUrl url() const;
    // Refuse also cuts the connections already open, as a network going down does.
    void setMode(Mode mode);
    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }
    // From now on, relay this many requests (counted by request line), then refuse everything.
    void refuseAfter(int requests) { m_budget = requests; }
    // Requests seen whose request line starts with `prefix` (e.g. "POST /api/v1/sync/push").
    [[nodiscard]] int requestCount(const QByteArray &prefix) const;
    // Connections refused (Refuse mode, or past the budget): attempts made while the network was down.
    [[nodiscard]] int refusedCount() const { return m_refused; }
    // Status codes of the answers relayed, in order.
    [[nodiscard]] QList<int> statuses() const { return m_statuses; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    quint16 m_upstreamPort;
    Mode m_mode = Mode::Forward;
    int m_budget = -1;  // -1: unlimited
    int m_refused = 0;
    QList<QByteArray> m_requestLines;
    QList<int> m_statuses;
    QList<QPointer<QTcpSocket>> m_open;
};
