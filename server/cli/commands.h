// The subcommands behind run_cli, and what they share. Each returns an exit code; usage mistakes throw
// UsageError, which run_cli reports with a pointer to --help.
#pragma once

#include "cli/arguments.h"
#include "cli/cli.h"
#include "storage/store.h"
#include "sync/sql_store.h"

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>

namespace floorwalk::server::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

int serve_command(std::span<const std::string_view> args, Console& console);  // serve_command.cpp
int demo_command(std::span<const std::string_view> args, Console& console);   // admin_commands.cpp
int admin_command(std::span<const std::string_view> args, Console& console);  // admin_commands.cpp

// Parses the options or throws UsageError.
[[nodiscard]] Arguments parse_or_throw(std::span<const std::string_view> args, std::initializer_list<OptionSpec> specs);
// The value of a required option, or throws UsageError naming it.
[[nodiscard]] std::string required(const Arguments& arguments, std::string_view name);
// Where the data is: --database URL (PostgreSQL), else --data DIR (SQLite), else the FLOORWALK_DATABASE
// environment variable (a URL, which keeps a password out of the process list). Exactly one is required.
[[nodiscard]] StoreLocation store_location(const Arguments& arguments);
// Opens the store; for SQLite, only an existing data folder (admin commands must not create an empty one by
// mistake).
[[nodiscard]] std::unique_ptr<Store> open_existing_store(const StoreLocation& location);

}  // namespace floorwalk::server::cli
