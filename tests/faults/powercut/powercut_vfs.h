// A SQLite VFS that can lose power, for the power-loss suites of the server's and the phone's databases.
//
// It wraps the default VFS ("unix") and delegates everything, but keeps, for every database, WAL and rollback
// journal file, the writes and truncations made since that file's last xSync (with the bytes they replaced). At the
// cut (the n-th write, truncation or sync after arm(), or cut_now()) the power goes: that operation and every later
// write, truncation, sync or deletion of those files fails with an I/O error and changes nothing, so closing the
// connections afterwards cannot persist anything. reboot() then plays the disk after the power came back: it undoes
// every unsynced operation, re-applies the random subset the disk had written back (each write possibly torn at a
// 512-byte boundary, as POWERSAFE_OVERWRITE allows), removes the -shm files (shared memory does not survive), and
// removes a WAL or journal that was created and never synced (its directory entry was never made durable).
//
// Not modelled: a disk that acknowledges fsync and loses the data anyway, corruption of bytes nobody wrote, and
// deletions that come back (a deletion is durable at once).
//
// Threading: every function may be called from any thread; one mutex serialises the tracked files' writes,
// truncations and syncs with the log, so a server's writer and readers on several threads are cut consistently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace floorwalk::powercut {

// What the disk had written back of the unsynced operations when the power went.
enum class Persistence {
    nothing,    // every unsynced write and truncation is lost
    some,       // each one is kept or lost at random (the disk may reorder writes between syncs)
    some_torn,  // as `some`, and a kept write may be cut short at a 512-byte boundary
};

[[nodiscard]] const char* describe(Persistence persistence);

// What reboot() did.
struct RebootReport {
    std::size_t files = 0;           // files with unsynced operations at the cut
    std::size_t operations_lost = 0;
    std::size_t operations_kept = 0;
    std::size_t writes_torn = 0;
    std::size_t files_vanished = 0;  // created, never synced: gone
    std::size_t shm_removed = 0;
};

// Registers the VFS "powercut" over the current default and makes it the default (sqlite3_vfs_register(vfs, 1)),
// so that every connection opened later in the process, Qt's QSQLITE ones included, goes through it. Idempotent.
void install();

// Powered on, with the cut at the `after_events`-th write, truncation or sync of a tracked file from now (1: the
// next one); 0 means no cut until cut_now(). Resets events().
void arm(std::uint64_t after_events);
// The power goes now (when it has not already).
void cut_now();
[[nodiscard]] bool has_cut();
// Writes, truncations and syncs of tracked files counted since arm(), the refused ones after the cut included.
[[nodiscard]] std::uint64_t events();

// The disk after the power came back, as `persistence` says; then powered on and disarmed. Every connection to a
// tracked file must be closed first: throws std::logic_error otherwise, and std::runtime_error when a file cannot
// be rewritten.
RebootReport reboot(std::mt19937_64& random, Persistence persistence);

}  // namespace floorwalk::powercut
