// Compact JSON for the few list-valued columns and meta values of the local database (ratings, participant ids,
// behaviours, the signed-in user, the organisation's settings). Malformed text reads as empty, never crashes.
#pragma once

#include "records.h"

namespace JsonColumns {

[[nodiscard]] QString fromRatings(const QList<RatingValue> &ratings);
[[nodiscard]] QList<RatingValue> toRatings(const QString &json);

[[nodiscard]] QString fromStringList(const QStringList &list);
[[nodiscard]] QStringList toStringList(const QString &json);

[[nodiscard]] QString fromUser(const UserInfo &user);
[[nodiscard]] UserInfo toUser(const QString &json);

[[nodiscard]] QString fromSettings(const OrgSettings &settings);
[[nodiscard]] OrgSettings toSettings(const QString &json);

}  // namespace JsonColumns
