#include "recordid.h"

#include "domainconversion.h"

#include "floorwalk/uuid.h"

namespace RecordId {

QString create()
{
    return QString::fromStdString(
        floorwalk::make_uuid_v7(DomainConversion::toDomain(QDateTime::currentDateTimeUtc())));
}

}  // namespace RecordId
