// The fixture organisation of tests/data/mobile as the phone holds it after a pull, for tests that need data but
// no server (models, store).
#pragma once

#include "records.h"

class LocalStore;

namespace TestData {

// Units, employees (e1..e6 in s1, e6 inactive; x1 in s2), the 4-dimension model on a 1..4 scale (threshold 3),
// default settings and the signed-in user alice (id "u-alice", unit s1).
[[nodiscard]] PullPage organizationPage();
// Applies organizationPage() to the store; false on failure.
bool seed(LocalStore &store);
// A server revision of an observation (as pulled), by another manager unless `observerId` says otherwise.
[[nodiscard]] ObservationRecord serverObservation(const QString &id, const QString &employeeId,
                                                  const QDateTime &observedAt, const QList<RatingValue> &ratings,
                                                  const QString &observerId = QStringLiteral("u-other"));

}  // namespace TestData
