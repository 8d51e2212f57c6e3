// The indicator CSV: one row per (unit, dimension) of a subtree, RFC 4180 with a UTF-8 BOM so that Excel and
// LibreOffice open it with accents intact. Ids and names are text from people: csv::spreadsheet_text keeps a
// spreadsheet from reading them as formulas; the numbers written here stay numbers.
#pragma once

#include "floorwalk/indicators.h"
#include "floorwalk/suppression.h"
#include "indicators/organization_index.h"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace floorwalk::server::indicators {

// The header row, in column order.
[[nodiscard]] const std::vector<std::string>& export_columns();

// The whole file. `suppression(unit)` says whose figures are withheld: their rows keep the unit's identity, its
// active employee count, hidden=true and the reason, and leave every figure empty.
[[nodiscard]] std::string format_export(const ExperienceModel& model,
                                        std::span<const std::pair<const UnitNode*, Figures>> units,
                                        const std::function<Suppression(const UnitNode&)>& suppression);

// A number as the shortest text that reads back to the same double ("0.75"); empty for none.
[[nodiscard]] std::string format_number(std::optional<double> value);

}  // namespace floorwalk::server::indicators
