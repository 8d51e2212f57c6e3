// Admin imports: a body (JSON, protobuf or CSV) in, an all-or-nothing ImportResult out. Shared by the admin
// HTTP endpoints and `floorwalk-server admin import`, so both accept and refuse exactly the same files.
//
// CSV files have a header row naming the columns as the JSON fields do (id, parentId, unitId, displayName...);
// list columns (unitIds) separate values with ';'; booleans are true or false.
#pragma once

#include "auth/password.h"
#include "storage/store.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server {

enum class ImportKind { units, employees, users, model, kpis };

struct ImportOutcome {
    enum class Status {
        applied,                 // written; `applied` rows
        invalid_rows,            // nothing written; `errors` lists every bad row
        malformed,               // the body could not be read at all; `message` says why
        unsupported_media_type,  // `message` says which types are accepted
    };
    Status status = Status::applied;
    int applied = 0;  // rows inserted or updated; for the model, the version it was stored as
    std::vector<RowError> errors;
    std::string message;
};

inline constexpr std::string_view csv_media_type = "text/csv";

// "units" -> ImportKind::units...; nullopt for other words.
[[nodiscard]] std::optional<ImportKind> parse_import_kind(std::string_view text);

// Decodes `body` by `content_type` (media type only, lower case; empty means JSON), validates every row, and
// writes all rows or none. Passwords of user rows are hashed with `password_cost`.
[[nodiscard]] ImportOutcome run_import(Store& store, const std::string& organization_id, ImportKind kind,
                                       std::string_view content_type, std::string_view body,
                                       HashCost password_cost = HashCost::interactive);

// The media type of an import file by its extension (.csv, .json, .pb), or empty when unknown.
[[nodiscard]] std::string media_type_for_file(const std::filesystem::path& file);

}  // namespace floorwalk::server
