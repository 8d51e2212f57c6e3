// Ids of the records the phone creates: UUIDv7 from shared/, time-ordered so the outbox and the server sort them
// by creation without coordination.
#pragma once

#include <QString>

namespace RecordId {

[[nodiscard]] QString create();

}  // namespace RecordId
