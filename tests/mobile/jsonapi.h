// A blocking JSON client for the tests: plays the other actors (the admin, another phone) against the real
// server, through the same HTTP API a person would use with curl.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

struct JsonReply {
    int status = 0;  // 0: no answer
    QJsonDocument body;
    [[nodiscard]] QJsonObject object() const { return body.object(); }
};

class JsonApi
{
public:
    explicit JsonApi(QUrl server);

    JsonReply call(const QByteArray &method, const QString &path, const QJsonDocument &body = {},
                   const QString &token = {});
    // POST /auth/login; empty token on failure.
    QString login(const QString &organization, const QString &username, const QString &password,
                  const QString &deviceId);
    // Every observation the token's user may see, following the cursor to the end.
    QJsonArray pullObservations(const QString &token);
    void setServer(const QUrl &server) { m_server = server; }

private:
    QNetworkAccessManager m_network;
    QUrl m_server;
};
