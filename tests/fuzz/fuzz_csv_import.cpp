// Every CSV importer (server/api/imports.h: units, employees, users, KPIs; the model refuses CSV), run as
// PUT /api/v1/admin/<kind> and `floorwalk-server admin import` run them: against the demo organisation in a SQLite
// store. The input's first line names the import ("units", "employees", "users", "kpis" or "model"); the rest is
// the file.
//
// Rules checked on every outcome: a refusal says why (a message, or at least one row error, each on a row of the
// file); an import that applied is idempotent, as imports.h promises (the same file again applies 0 rows); and
// after a units import the stored units still form one tree.
#include "api/imports.h"
#include "floorwalk/csv.h"
#include "floorwalk/unit_tree.h"
#include "floorwalk/validation.h"
#include "support/fuzz_check.h"
#include "support/fuzz_world.h"

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace floorwalk;
using Status = server::ImportOutcome::Status;

// The number of lines the body has, as an upper bound on its row numbers (a quoted field may span lines).
std::size_t line_count(std::string_view body) {
    std::size_t lines = 1;
    for (const char c : body) lines += c == '\n' || c == '\r' ? 1 : 0;
    return lines;
}

// Whether the file's header row names `column` (as the importers read it: trimmed).
bool has_column(std::string_view body, std::string_view column) {
    const auto table = csv::parse(body, nullptr);
    if (!table) return false;
    for (const auto& name : table->header) {
        std::string_view trimmed = name;
        while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
        while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.remove_suffix(1);
        if (trimmed == column) return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)fuzz::FuzzWorld::get();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    if (newline == std::string_view::npos) return 0;
    const auto kind = server::parse_import_kind(input.substr(0, newline));
    if (!kind) return 0;
    const auto body = input.substr(newline + 1);

    auto& world = fuzz::FuzzWorld::get();
    const auto outcome = server::run_import(world.store(), world.organization_id(), *kind, server::csv_media_type,
                                            body, server::HashCost::fast);
    switch (outcome.status) {
        case Status::applied: {
            const auto again = server::run_import(world.store(), world.organization_id(), *kind,
                                                  server::csv_media_type, body, server::HashCost::fast);
            fuzz::check(again.status == Status::applied, "an import that applied applies again");
            // A password is hashed anew (salted) at each import, so a users file with passwords changes each time.
            if (!(*kind == server::ImportKind::users && has_column(body, "password")))
                fuzz::check(again.applied == 0, "importing the same file twice applies 0 rows the second time",
                            std::to_string(again.applied) + " rows applied again");
            // What was stored is still one organisation: a single root, no cycle, every parent known.
            if (*kind == server::ImportKind::units) {
                const auto problems = UnitTree::validate(world.store().units(world.organization_id()));
                fuzz::check(problems.empty(), "the stored units form one tree after a units import",
                            problems.empty() ? "" : problems.front().message);
            }
            break;
        }
        case Status::invalid_rows:
            fuzz::check(!outcome.errors.empty(), "a refusal of rows names at least one row");
            for (const auto& error : outcome.errors) {
                fuzz::check(error.row >= 0 && static_cast<std::size_t>(error.row) <= line_count(body),
                            "a row error names a row of the file", std::to_string(error.row));
                fuzz::check(!error.message.empty(), "a row error says what is wrong", error.field);
            }
            break;
        case Status::malformed:
            fuzz::check(!outcome.message.empty(), "a file that cannot be read is refused with a message");
            break;
        case Status::unsupported_media_type:
            fuzz::check(*kind == server::ImportKind::model, "only the model import refuses CSV");
            break;
    }
    fuzz::FuzzWorld::input_done();
    return 0;
}
