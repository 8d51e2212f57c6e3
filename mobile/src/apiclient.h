// HTTP exchanges with the Floorwalk server over QNetworkAccessManager: builds the requests (protobuf both ways,
// bearer token, timeout) and turns every outcome, including no answer at all, into one ApiReply. It is also where
// the transport policy holds: nothing is sent over plain http to another machine unless that was allowed.
//
// Threading: GUI thread only; callbacks run on it, and are dropped if the client is destroyed first.
#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QUrlQuery;

struct ApiReply {
    int httpStatus = 0;  // 0 when no HTTP answer arrived (network down, timeout, refused, aborted)
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    QByteArray body;
    QByteArray contentType;
    QString errorCode;     // from the server's {"error": {...}} body
    QString errorMessage;
    int retryAfterSeconds = 0;  // from Retry-After on 429/503

    [[nodiscard]] bool isSuccess() const { return httpStatus >= 200 && httpStatus < 300; }
    [[nodiscard]] bool noAnswer() const { return httpStatus == 0; }
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiReply &)>;

    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setServerUrl(const QUrl &url);
    [[nodiscard]] QUrl serverUrl() const { return m_serverUrl; }
    // Kept in memory only; the vault persists it.
    void setToken(const QString &token) { m_token = token; }
    [[nodiscard]] bool hasToken() const { return !m_token.isEmpty(); }
    [[nodiscard]] QString token() const { return m_token; }
    // --allow-insecure-http: plain http to other machines too (see TransportPolicy).
    void setInsecureHttpAllowed(bool allowed) { m_insecureHttpAllowed = allowed; }
    [[nodiscard]] bool insecureHttpAllowed() const { return m_insecureHttpAllowed; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // `path` is relative to the API root, e.g. "auth/login". Returns the reply so the caller may abort it; nullptr
    // when the transport policy refused the server (the callback then runs from the event loop, with no answer).
    QNetworkReply *post(const QString &path, const QByteArray &body, Callback done);
    QNetworkReply *get(const QString &path, const QUrlQuery &query, Callback done);
    // The same to another server, or under another token than the session's (a sign-out still to confirm).
    QNetworkReply *postAs(const QUrl &server, const QString &token, const QString &path, const QByteArray &body,
                          Callback done);
    // Aborts every exchange in flight; their callbacks still run, with no answer.
    void abortAll();

    // The absolute URL of an API path under `server` (which may carry a path prefix).
    [[nodiscard]] static QUrl apiUrl(const QUrl &server, const QString &path);

private:
    [[nodiscard]] QNetworkRequest makeRequest(const QUrl &url, const QString &token) const;
    QNetworkReply *track(QNetworkReply *reply, Callback done);
    // Answers `done`, from the event loop, as an exchange that never left the phone.
    void refuse(const QUrl &server, Callback done);

    QNetworkAccessManager *m_network;
    QUrl m_serverUrl;
    QString m_token;
    bool m_insecureHttpAllowed = false;
    std::chrono::milliseconds m_timeout{30000};
    QList<QPointer<QNetworkReply>> m_inFlight;
};
