#include "apiclient.h"

#include "syncprotocol.h"
#include "transportpolicy.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
}

void ApiClient::setServerUrl(const QUrl &url)
{
    m_serverUrl = url;
}

QUrl ApiClient::apiUrl(const QUrl &server, const QString &path)
{
    QUrl url = server;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + QStringLiteral("/api/v1/") + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QNetworkRequest ApiClient::makeRequest(const QUrl &url, const QString &token) const
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray(SyncProtocol::mediaType));
    request.setRawHeader("Accept", QByteArray(SyncProtocol::mediaType));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("Floorwalk/%1").arg(QCoreApplication::applicationVersion()));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(int(m_timeout.count()));
    // A retried push must reach the same server that refused it, not a login page a redirect leads to.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

QNetworkReply *ApiClient::post(const QString &path, const QByteArray &body, Callback done)
{
    return postAs(m_serverUrl, m_token, path, body, std::move(done));
}

QNetworkReply *ApiClient::postAs(const QUrl &server, const QString &token, const QString &path,
                                 const QByteArray &body, Callback done)
{
    if (!TransportPolicy::allows(server, m_insecureHttpAllowed)) {
        refuse(server, std::move(done));
        return nullptr;
    }
    return track(m_network->post(makeRequest(apiUrl(server, path), token), body), std::move(done));
}

QNetworkReply *ApiClient::get(const QString &path, const QUrlQuery &query, Callback done)
{
    if (!TransportPolicy::allows(m_serverUrl, m_insecureHttpAllowed)) {
        refuse(m_serverUrl, std::move(done));
        return nullptr;
    }
    QUrl url = apiUrl(m_serverUrl, path);
    url.setQuery(query);
    return track(m_network->get(makeRequest(url, m_token)), std::move(done));
}

void ApiClient::refuse(const QUrl &server, Callback done)
{
    ApiReply reply;
    reply.networkError = QNetworkReply::ProtocolUnknownError;
    reply.networkErrorString =
        QStringLiteral("%1 is not a secure (https) address and insecure http was not allowed; nothing was sent")
            .arg(server.toString());
    // Asynchronous like every other answer, so callers never see their callback run inside their own call.
    QTimer::singleShot(0, this, [done = std::move(done), reply] { done(reply); });
}

void ApiClient::abortAll()
{
    const auto replies = m_inFlight;
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply)
            reply->abort();
    }
}

QNetworkReply *ApiClient::track(QNetworkReply *reply, Callback done)
{
    m_inFlight.append(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)]() {
        m_inFlight.removeAll(reply);
        reply->deleteLater();
        ApiReply out;
        out.networkError = reply->error();
        out.networkErrorString = reply->errorString();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        out.httpStatus = status.isValid() ? status.toInt() : 0;
        out.body = reply->isOpen() ? reply->readAll() : QByteArray();  // a refused connection has no body
        out.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        out.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
        if (out.httpStatus != 0 && !out.isSuccess()) {
            if (const auto error = SyncProtocol::decodeError(out.body, out.contentType)) {
                out.errorCode = error->code;
                out.errorMessage = error->message;
            }
        }
        done(out);
    });
    return reply;
}
