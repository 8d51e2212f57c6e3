#include "jsonapi.h"

#include "testwait.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QUrlQuery>

JsonApi::JsonApi(QUrl server)
    : m_server(std::move(server))
{
}

JsonReply JsonApi::call(const QByteArray &method, const QString &path, const QJsonDocument &body, const QString &token)
{
    QUrl url = m_server;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(QStringLiteral("/api/v1/") + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(20000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body.isNull() ? QByteArray() : body.toJson());
    TestWait::until([reply] { return reply->isFinished(); }, 30000);
    JsonReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return out;
}

QString JsonApi::login(const QString &organization, const QString &username, const QString &password,
                       const QString &deviceId)
{
    const JsonReply reply = call("POST", QStringLiteral("auth/login"),
                                 QJsonDocument(QJsonObject{{QStringLiteral("organization"), organization},
                                                           {QStringLiteral("username"), username},
                                                           {QStringLiteral("password"), password},
                                                           {QStringLiteral("deviceId"), deviceId},
                                                           {QStringLiteral("deviceName"), QStringLiteral("test")}}));
    return reply.status == 200 ? reply.object().value(QStringLiteral("token")).toString() : QString();
}

QJsonArray JsonApi::pullObservations(const QString &token)
{
    QJsonArray out;
    QString cursor;
    for (int page = 0; page < 1000; ++page) {
        const JsonReply reply =
            call("GET", QStringLiteral("sync/pull?cursor=%1&limit=1000").arg(QString::fromUtf8(QUrl::toPercentEncoding(cursor))),
                 {}, token);
        if (reply.status != 200)
            break;
        const QJsonObject o = reply.object();
        for (const QJsonValue &v : o.value(QStringLiteral("observations")).toArray())
            out.append(v);
        cursor = o.value(QStringLiteral("cursor")).toString();
        if (!o.value(QStringLiteral("hasMore")).toBool())
            break;
    }
    return out;
}
