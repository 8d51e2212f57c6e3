// The power-cut VFS itself, so that the power-loss suites cannot pass vacuously: what was not synced is really
// lost, what was synced really stays, overlapping writes and truncations come back to the synced image, nothing is
// written after the cut, and a reboot with a file still open is refused.
#include "powercut_vfs.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace floorwalk;

namespace {

// A fresh folder, removed with its content.
class Folder {
public:
    Folder() : path_(fs::temp_directory_path() / ("powercut-" + std::to_string(std::random_device{}()))) {
        fs::create_directories(path_);
    }
    ~Folder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

struct Connection {
    sqlite3* db = nullptr;
    Connection(const fs::path& path, const char* vfs = nullptr) {
        REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) == SQLITE_OK);
    }
    ~Connection() { close(); }
    void close() {
        if (db) sqlite3_close(db);
        db = nullptr;
    }
    int exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
    [[nodiscard]] std::string text(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
        std::string out;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            if (!out.empty()) out += ",";
            out += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        }
        sqlite3_finalize(statement);
        return out;
    }
};

std::string contents(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A file opened through the VFS itself, as SQLite opens a main database.
class RawFile {
public:
    explicit RawFile(const fs::path& path) : vfs_(sqlite3_vfs_find("powercut")), storage_(vfs_->szOsFile) {
        int out = 0;
        const int flags = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        REQUIRE(vfs_->xOpen(vfs_, path.c_str(), file(), flags, &out) == SQLITE_OK);
    }
    ~RawFile() { close(); }
    void close() {
        if (open_) file()->pMethods->xClose(file());
        open_ = false;
    }
    int write(const std::string& bytes, sqlite3_int64 offset) {
        return file()->pMethods->xWrite(file(), bytes.data(), static_cast<int>(bytes.size()), offset);
    }
    int truncate(sqlite3_int64 size) { return file()->pMethods->xTruncate(file(), size); }
    int sync() { return file()->pMethods->xSync(file(), SQLITE_SYNC_NORMAL); }

private:
    sqlite3_file* file() { return reinterpret_cast<sqlite3_file*>(storage_.data()); }
    sqlite3_vfs* vfs_;
    std::vector<std::max_align_t> storage_;
    bool open_ = true;
};

}  // namespace

TEST_CASE("a commit made with synchronous=OFF is lost at the cut, one made with FULL stays") {
    powercut::install();
    Folder folder;
    const auto path = folder.path() / "t.db";
    powercut::arm(0);
    {
        Connection db(path);
        REQUIRE(db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (x TEXT);") == SQLITE_OK);
        REQUIRE(db.exec("INSERT INTO t VALUES ('synced')") == SQLITE_OK);
        REQUIRE(db.exec("PRAGMA synchronous=OFF; INSERT INTO t VALUES ('unsynced')") == SQLITE_OK);
        // Committed and visible before the cut: losing it below is the cut's doing.
        CHECK(db.text("SELECT x FROM t ORDER BY rowid") == "synced,unsynced");
        powercut::cut_now();
        CHECK(db.exec("INSERT INTO t VALUES ('after the cut')") != SQLITE_OK);
    }
    std::mt19937_64 random(1);
    const auto report = powercut::reboot(random, powercut::Persistence::nothing);
    CHECK(report.operations_lost > 0);
    CHECK(report.shm_removed == 1);
    Connection db(path, "unix");
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(db.text("SELECT x FROM t ORDER BY rowid") == "synced");
}

TEST_CASE("reboot brings overlapping writes and truncations back to the synced image") {
    powercut::install();
    Folder folder;
    const auto path = folder.path() / "raw.db";
    const std::string synced(1000, 'A');
    powercut::arm(0);
    RawFile file(path);
    REQUIRE(file.write(synced, 0) == SQLITE_OK);
    REQUIRE(file.sync() == SQLITE_OK);
    REQUIRE(file.write(std::string(300, 'B'), 200) == SQLITE_OK);
    REQUIRE(file.write(std::string(600, 'C'), 700) == SQLITE_OK);  // past the end
    REQUIRE(file.truncate(900) == SQLITE_OK);
    REQUIRE(file.write(std::string(100, 'D'), 1200) == SQLITE_OK);  // leaves a hole
    REQUIRE(file.write(std::string(50, 'E'), 250) == SQLITE_OK);
    REQUIRE(file.truncate(100) == SQLITE_OK);
    powercut::cut_now();
    const auto at_cut = contents(path);
    CHECK(file.write(std::string(10, 'F'), 0) == SQLITE_IOERR_WRITE);
    CHECK(file.truncate(0) == SQLITE_IOERR_TRUNCATE);
    CHECK(file.sync() == SQLITE_IOERR_FSYNC);
    CHECK(contents(path) == at_cut);  // nothing reached the file after the cut
    file.close();
    std::mt19937_64 random(2);
    const auto report = powercut::reboot(random, powercut::Persistence::nothing);
    CHECK(report.operations_lost == 6);
    CHECK(contents(path) == synced);
}

TEST_CASE("a disk that kept some unsynced writes keeps them in full or torn at a sector boundary") {
    powercut::install();
    Folder folder;
    const auto path = folder.path() / "raw.db";
    int kept = 0;
    int torn = 0;
    std::mt19937_64 random(3);
    for (int round = 0; round < 20; ++round) {
        powercut::arm(0);
        {
            RawFile file(path);
            REQUIRE(file.truncate(0) == SQLITE_OK);
            REQUIRE(file.write(std::string(4096, 'A'), 0) == SQLITE_OK);
            REQUIRE(file.sync() == SQLITE_OK);
            REQUIRE(file.write(std::string(4096, 'B'), 0) == SQLITE_OK);
            powercut::cut_now();
        }
        const auto report = powercut::reboot(random, powercut::Persistence::some_torn);
        const auto now = contents(path);
        REQUIRE(now.size() == 4096);
        const auto b_bytes = now.find('A') == std::string::npos ? now.size() : now.find('A');
        // Some B's from the start, then A's only: a prefix of the write, on a sector boundary.
        CHECK(b_bytes % 512 == 0);
        CHECK(now.find('B', b_bytes) == std::string::npos);
        kept += static_cast<int>(report.operations_kept);
        torn += static_cast<int>(report.writes_torn);
        if (report.operations_kept == 1 && report.writes_torn == 0) CHECK(b_bytes == 4096);
        if (report.operations_lost == 1) CHECK(b_bytes == 0);
    }
    CHECK(kept > 0);
    CHECK(torn > 0);
    CHECK(kept < 20);
}

TEST_CASE("the power goes at the planned event, and no cut point of a WAL database loses a commit") {
    powercut::install();
    std::mt19937_64 random(4);
    const auto workload = [](const fs::path& path, std::vector<int>& acknowledged) {
        Connection db(path);
        if (db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t (n INTEGER)") !=
            SQLITE_OK)
            return;
        for (int n = 0; n < 30; ++n) {
            const int rc = db.exec("INSERT INTO t VALUES (" + std::to_string(n) + ")");
            if (powercut::has_cut()) return;
            REQUIRE(rc == SQLITE_OK);
            acknowledged.push_back(n);
        }
        const int checkpoint = db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        if (!powercut::has_cut()) REQUIRE(checkpoint == SQLITE_OK);
    };
    Folder counting;
    std::vector<int> all;
    powercut::arm(0);
    workload(counting.path() / "t.db", all);
    const auto events = powercut::events();
    REQUIRE(events > 60);  // at least a write and a sync per commit
    (void)powercut::reboot(random, powercut::Persistence::nothing);

    int lost = 0;
    int integrity_failures = 0;
    for (std::uint64_t cut = 1; cut <= events; ++cut) {
        Folder folder;
        std::vector<int> acknowledged;
        powercut::arm(cut);
        workload(folder.path() / "t.db", acknowledged);
        if (!powercut::has_cut()) powercut::cut_now();  // closing the connection made fewer events this time
        const auto persistence = static_cast<powercut::Persistence>(cut % 3);
        (void)powercut::reboot(random, persistence);
        Connection db(folder.path() / "t.db", "unix");
        if (db.text("PRAGMA integrity_check") != "ok") ++integrity_failures;
        const auto stored = db.text("SELECT count(*) FROM sqlite_master WHERE name = 't'") == "1"
                                ? db.text("SELECT n FROM t ORDER BY n")
                                : std::string();
        std::string expected_prefix;
        for (const int n : acknowledged) expected_prefix += (expected_prefix.empty() ? "" : ",") + std::to_string(n);
        if (!stored.starts_with(expected_prefix)) ++lost;
    }
    CHECK(lost == 0);
    CHECK(integrity_failures == 0);
}

TEST_CASE("a reboot with a database still open is refused") {
    powercut::install();
    Folder folder;
    powercut::arm(0);
    Connection db(folder.path() / "open.db");
    REQUIRE(db.exec("CREATE TABLE t (x)") == SQLITE_OK);
    std::mt19937_64 random(5);
    CHECK_THROWS_AS(powercut::reboot(random, powercut::Persistence::nothing), std::logic_error);
    db.close();
    CHECK_NOTHROW(powercut::reboot(random, powercut::Persistence::nothing));
}
