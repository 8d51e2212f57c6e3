#include "jsoncolumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace JsonColumns {
namespace {

QString compact(const QJsonDocument &doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QJsonArray array(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).array();
}

QJsonObject object(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

}  // namespace

QString fromRatings(const QList<RatingValue> &ratings)
{
    QJsonArray out;
    for (const RatingValue &r : ratings)
        out.append(QJsonObject{{QStringLiteral("dimensionId"), r.dimensionId}, {QStringLiteral("level"), r.level}});
    return compact(QJsonDocument(out));
}

QList<RatingValue> toRatings(const QString &json)
{
    QList<RatingValue> out;
    const QJsonArray in = array(json);
    out.reserve(in.size());
    for (const QJsonValue &v : in) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QStringLiteral("dimensionId")).toString(), o.value(QStringLiteral("level")).toInt()});
    }
    return out;
}

QString fromStringList(const QStringList &list)
{
    return compact(QJsonDocument(QJsonArray::fromStringList(list)));
}

QStringList toStringList(const QString &json)
{
    QStringList out;
    for (const QJsonValue &v : array(json))
        out.append(v.toString());
    return out;
}

QString fromUser(const UserInfo &user)
{
    return compact(QJsonDocument(QJsonObject{
        {QStringLiteral("id"), user.id},
        {QStringLiteral("username"), user.username},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("role"), int(user.role)},
        {QStringLiteral("unitIds"), QJsonArray::fromStringList(user.unitIds)},
    }));
}

UserInfo toUser(const QString &json)
{
    const QJsonObject o = object(json);
    UserInfo user;
    user.id = o.value(QStringLiteral("id")).toString();
    user.username = o.value(QStringLiteral("username")).toString();
    user.displayName = o.value(QStringLiteral("displayName")).toString();
    user.role = UserRole(o.value(QStringLiteral("role")).toInt());
    for (const QJsonValue &v : o.value(QStringLiteral("unitIds")).toArray())
        user.unitIds.append(v.toString());
    return user;
}

QString fromSettings(const OrgSettings &settings)
{
    return compact(QJsonDocument(QJsonObject{
        {QStringLiteral("minGroupSize"), settings.minGroupSize},
        {QStringLiteral("dueAfterDays"), settings.dueAfterDays},
    }));
}

OrgSettings toSettings(const QString &json)
{
    const QJsonObject o = object(json);
    OrgSettings settings;
    settings.minGroupSize = o.value(QStringLiteral("minGroupSize")).toInt(settings.minGroupSize);
    settings.dueAfterDays = o.value(QStringLiteral("dueAfterDays")).toInt(settings.dueAfterDays);
    if (settings.dueAfterDays <= 0)
        settings.dueAfterDays = OrgSettings{}.dueAfterDays;
    return settings;
}

}  // namespace JsonColumns
