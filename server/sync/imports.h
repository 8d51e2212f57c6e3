// Administrative imports: every row is validated (shared rules, then rules across rows and against what is
// stored) before anything is written; then all rows are applied, in the writer's open transaction. Rows are
// upserted by id (users by username); `applied` counts the rows inserted or changed, so re-importing the same
// file applies 0 rows and changes nothing a pull would resend.
#pragma once

#include "storage/change_sequence.h"
#include "database/database.h"
#include "storage/store.h"

#include <vector>

namespace floorwalk::server {

// A single root in the merged tree (the stored units updated by the rows), no cycle, every parent known.
[[nodiscard]] ImportResult apply_unit_import(db::Connection& db, ChangeSequence& sequence,
                                             const std::string& organization_id, const std::vector<Unit>& units);
// Every employee's unit is stored. A changed unit is recorded as a move (see employee_moves); an employee switched
// off is remembered as inactive since `now`.
[[nodiscard]] ImportResult apply_employee_import(db::Connection& db, ChangeSequence& sequence,
                                                 const std::string& organization_id,
                                                 const std::vector<Employee>& employees, Timestamp now);
// Users are matched by username; every unit is stored; a new user needs a password hash.
[[nodiscard]] ImportResult apply_user_import(db::Connection& db, ChangeSequence& sequence,
                                             const std::string& organization_id, const std::vector<UserImportRow>& rows,
                                             Timestamp now);
// Adds the next version; errors are reported on row 0 with the model's field path.
[[nodiscard]] ImportResult apply_model_import(db::Connection& db, ChangeSequence& sequence,
                                              const std::string& organization_id, const ExperienceModel& model);
// Upserts on (unit, period, metric); a key given twice is an error.
[[nodiscard]] ImportResult apply_kpi_import(db::Connection& db, ChangeSequence& sequence,
                                            const std::string& organization_id, const std::vector<KpiValue>& kpis);

}  // namespace floorwalk::server
