#include "indicators/csv_export.h"

#include "floorwalk/csv.h"

#include <array>
#include <charconv>

namespace floorwalk::server::indicators {

const std::vector<std::string>& export_columns() {
    static const std::vector<std::string> columns{
        "unitId",         "unitName",  "unitKind", "parentId",     "dimensionId",        "dimensionName",
        "masteryRate",    "coverage",  "assessed", "mastered",     "averageLevel",       "transformationRate",
        "deploymentRate", "activeEmployees", "hidden", "hiddenReason"};
    return columns;
}

std::string format_number(std::optional<double> value) {
    if (!value) return {};
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *value);
    return ec == std::errc() ? std::string(buffer.data(), end) : std::string();
}

std::string format_export(const ExperienceModel& model, std::span<const std::pair<const UnitNode*, Figures>> units,
                          const std::function<Suppression(const UnitNode&)>& suppression) {
    using csv::spreadsheet_text;
    csv::Table table;
    table.header = export_columns();
    // Plain names, not a structured binding: the lambda below captures them, which clang before 16 refuses.
    for (const auto& entry : units) {
        const UnitNode* const node = entry.first;
        const Figures& figures = entry.second;
        const Suppression why = suppression(*node);
        const bool withheld = why != Suppression::none;
        auto unit_row = [&](const Dimension* dimension, const DimensionFigures* dimension_figures) {
            csv::Row row{spreadsheet_text(node->unit.id),
                         spreadsheet_text(node->unit.name),
                         std::string(to_string(node->unit.kind)),
                         spreadsheet_text(node->unit.parent_id),
                         dimension ? spreadsheet_text(dimension->id) : std::string(),
                         dimension ? spreadsheet_text(dimension->name) : std::string()};
            if (withheld || dimension_figures == nullptr) {
                row.insert(row.end(), 5, std::string());
            } else {
                row.push_back(format_number(dimension_figures->mastery_rate));
                row.push_back(format_number(dimension_figures->coverage));
                row.push_back(std::to_string(dimension_figures->assessed));
                row.push_back(std::to_string(dimension_figures->mastered));
                row.push_back(format_number(dimension_figures->average_level));
            }
            row.push_back(withheld ? std::string() : format_number(figures.transformation_rate));
            row.push_back(withheld ? std::string() : format_number(figures.deployment_rate));
            row.push_back(std::to_string(figures.active_employees));
            row.push_back(withheld ? "true" : "false");
            row.push_back(withheld ? std::string(to_string(why)) : std::string());
            table.rows.push_back(std::move(row));
        };
        if (model.dimensions.empty()) {
            unit_row(nullptr, nullptr);  // no model yet: still one row per unit with its unit-level figures
            continue;
        }
        for (std::size_t d = 0; d < model.dimensions.size(); ++d)
            unit_row(&model.dimensions[d], d < figures.dimensions.size() ? &figures.dimensions[d] : nullptr);
    }
    return csv::format_table(table);
}

}  // namespace floorwalk::server::indicators
