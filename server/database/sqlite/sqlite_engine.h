// The embedded engine: one SQLite file in a data folder, in WAL mode with synchronous=FULL, so an acknowledged
// write survives a crash or a power loss. Writes are serialised through one writer connection behind a mutex
// (BEGIN IMMEDIATE, which also excludes another process writing the same file, such as the admin CLI); reads run
// on pooled connections of their own and never wait for the writer.
//
// Threading: begin() from any thread.
#pragma once

#include "database/engine.h"

#include <filesystem>
#include <memory>

namespace floorwalk::server::db {

// Creates `data_dir` when missing and opens data_dir/floorwalk.db with the SQLite schema up to date. Throws
// std::runtime_error naming the path and the cause when that fails.
[[nodiscard]] std::unique_ptr<Engine> open_sqlite_engine(const std::filesystem::path& data_dir);

// The database file inside a data folder.
[[nodiscard]] std::filesystem::path sqlite_database_path(const std::filesystem::path& data_dir);

}  // namespace floorwalk::server::db
