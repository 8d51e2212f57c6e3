#include "syncprotocol.h"

#include "domainconversion.h"

#include "floorwalk/wire.h"

#include <string_view>

namespace SyncProtocol {
namespace {

namespace pb = floorwalk::v1;
using namespace DomainConversion;

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

QByteArray serialize(const google::protobuf::Message &message)
{
    std::string out;
    message.SerializeToString(&out);
    return QByteArray(out.data(), qsizetype(out.size()));
}

}  // namespace

QByteArray encodeLogin(const QString &organization, const QString &username, const QString &password,
                       const QString &deviceId, const QString &deviceName)
{
    pb::LoginRequest request;
    request.set_organization(organization.toStdString());
    request.set_username(username.toStdString());
    request.set_password(password.toStdString());
    request.set_device_id(deviceId.toStdString());
    request.set_device_name(deviceName.toStdString());
    return serialize(request);
}

std::optional<LoginResult> decodeLogin(const QByteArray &body)
{
    pb::LoginResponse response;
    if (!floorwalk::wire::from_binary(view(body), &response) || response.token().empty())
        return std::nullopt;
    LoginResult out;
    out.token = QString::fromStdString(response.token());
    out.expiresAt = fromDomain(floorwalk::wire::from_proto(response.expires_at()));
    out.user = fromDomain(floorwalk::wire::from_proto(response.user()));
    out.organizationId = QString::fromStdString(response.organization_id());
    out.organizationName = QString::fromStdString(response.organization_name());
    return out;
}

QByteArray encodePush(const QString &deviceId, const QList<OutboxEntry> &entries, const QDateTime &sentAt)
{
    pb::PushRequest request;
    request.set_device_id(deviceId.toStdString());
    floorwalk::wire::to_proto(toDomain(sentAt), request.mutable_sent_at());
    for (const OutboxEntry &e : entries) {
        if (e.kind == RecordKind::Observation)
            floorwalk::wire::to_proto(toDomain(e.observation), request.add_observations());
    }
    for (const OutboxEntry &e : entries) {
        if (e.kind == RecordKind::Activity)
            floorwalk::wire::to_proto(toDomain(e.activity), request.add_activities());
    }
    return serialize(request);
}

std::optional<QList<PushResultItem>> decodePush(const QByteArray &body)
{
    pb::PushResponse response;
    if (!floorwalk::wire::from_binary(view(body), &response))
        return std::nullopt;
    QList<PushResultItem> out;
    out.reserve(response.results_size());
    for (const pb::PushResult &r : response.results()) {
        PushResultItem item;
        item.id = QString::fromStdString(r.id());
        switch (r.status()) {
        case pb::ACCEPTED: item.status = PushStatus::Accepted; break;
        case pb::DUPLICATE: item.status = PushStatus::Duplicate; break;
        case pb::CONFLICT: item.status = PushStatus::Conflict; break;
        case pb::REJECTED: item.status = PushStatus::Rejected; break;
        default: item.status = PushStatus::Unspecified; break;
        }
        item.errorCode = QString::fromStdString(r.error().code());
        item.errorMessage = QString::fromStdString(r.error().message());
        item.storedRevision = r.stored_revision();
        out.append(item);
    }
    return out;
}

std::optional<PullPage> decodePull(const QByteArray &body)
{
    pb::PullResponse response;
    if (!floorwalk::wire::from_binary(view(body), &response))
        return std::nullopt;
    PullPage page;
    page.cursor = QString::fromStdString(response.cursor());
    page.hasMore = response.has_more();
    page.reset = response.reset();
    if (response.has_model() && !response.model().id().empty())
        page.model = fromDomain(floorwalk::wire::from_proto(response.model()));
    for (const pb::Unit &u : response.units())
        page.units.append(fromDomain(floorwalk::wire::from_proto(u)));
    for (const pb::Employee &e : response.employees())
        page.employees.append(fromDomain(floorwalk::wire::from_proto(e)));
    for (const pb::Observation &o : response.observations())
        page.observations.append(fromDomain(floorwalk::wire::from_proto(o)));
    for (const pb::CoachingActivity &a : response.activities())
        page.activities.append(fromDomain(floorwalk::wire::from_proto(a)));
    for (const std::string &id : response.deleted_ids())
        page.deletedIds.append(QString::fromStdString(id));
    if (response.has_settings())
        page.settings = fromDomain(floorwalk::wire::from_proto(response.settings()));
    if (response.has_user() && !response.user().id().empty())
        page.user = fromDomain(floorwalk::wire::from_proto(response.user()));
    if (response.has_server_time())
        page.serverTime = fromDomain(floorwalk::wire::from_proto(response.server_time()));
    return page;
}

std::optional<ServerError> decodeError(const QByteArray &body, const QByteArray &contentType)
{
    pb::ErrorResponse response;
    std::string jsonError;
    const bool parsed = contentType.startsWith(mediaType)
        ? floorwalk::wire::from_binary(view(body), &response)
        : floorwalk::wire::from_json(view(body), &response, &jsonError);
    if (!parsed || !response.has_error())
        return std::nullopt;
    return ServerError{QString::fromStdString(response.error().code()),
                       QString::fromStdString(response.error().message())};
}

}  // namespace SyncProtocol
