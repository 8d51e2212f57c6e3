// The server's protobuf API as the app speaks it: request bodies out, decoded answers in. The only translation
// unit of the app that includes protobuf (through shared/'s wire.h); everything else sees Qt records.
#pragma once

#include "records.h"

#include <QByteArray>
#include <QDateTime>

namespace SyncProtocol {

inline constexpr char mediaType[] = "application/x-protobuf";

[[nodiscard]] QByteArray encodeLogin(const QString &organization, const QString &username, const QString &password,
                                     const QString &deviceId, const QString &deviceName);
[[nodiscard]] std::optional<LoginResult> decodeLogin(const QByteArray &body);

// `entries` in push order: observations first, then activities, each oldest first (see Outbox::applyResults).
// `sentAt` is the phone's clock (DeviceClock) as it sends: the server corrects the records' times by it.
[[nodiscard]] QByteArray encodePush(const QString &deviceId, const QList<OutboxEntry> &entries,
                                    const QDateTime &sentAt);
[[nodiscard]] std::optional<QList<PushResultItem>> decodePush(const QByteArray &body);

[[nodiscard]] std::optional<PullPage> decodePull(const QByteArray &body);

struct ServerError {
    QString code;
    QString message;
};
// The {"error": {...}} body of a non-2xx answer, in protobuf or JSON; nullopt when the body is neither.
[[nodiscard]] std::optional<ServerError> decodeError(const QByteArray &body, const QByteArray &contentType);

}  // namespace SyncProtocol
