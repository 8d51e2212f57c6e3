#include "powercut_vfs.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace floorwalk::powercut {
namespace {

constexpr std::size_t sector = 512;

// One write or truncation made since the file's last sync, with what it replaced, so that it can be undone.
struct Operation {
    bool truncation = false;
    sqlite3_int64 offset = 0;       // a write's first byte, or a truncation's new size
    sqlite3_int64 size_before = 0;  // the file's size before the operation
    std::string replaced;           // the bytes at [offset, ...) the operation overwrote or cut off
    std::string written;            // a write's bytes
};

struct TrackedFile {
    std::vector<Operation> unsynced;
    bool created_unsynced = false;  // a WAL or journal created and never synced: its directory entry may vanish
};

struct State {
    std::mutex mutex;
    sqlite3_vfs* real = nullptr;
    sqlite3_vfs vfs{};
    std::map<std::string, TrackedFile> files;  // by full path
    std::set<std::string> databases;           // main database files seen since the last reboot
    int open_handles = 0;                      // tracked files open now
    std::uint64_t events = 0;
    std::uint64_t cut_at = 0;  // 0: no planned cut
    bool cut = false;
};

State& state() {
    static State instance;
    return instance;
}

// The wrapper's file: our header, then the real VFS's file object.
struct PowercutFile {
    sqlite3_file base;
    std::string* path;  // null for files not tracked (temporary files, ...)
};

sqlite3_file* real_file(sqlite3_file* file) {
    return reinterpret_cast<sqlite3_file*>(reinterpret_cast<PowercutFile*>(file) + 1);
}
std::string* path_of(sqlite3_file* file) { return reinterpret_cast<PowercutFile*>(file)->path; }

// Counts a durability event of a tracked file; false when the power is (or has just gone) off. Holds the mutex.
bool powered_event(State& s) {
    if (s.cut) return false;
    ++s.events;
    if (s.cut_at != 0 && s.events >= s.cut_at) {
        s.cut = true;
        return false;
    }
    return true;
}

// The bytes of the real file in [offset, offset + length), clipped to its size.
int read_existing(sqlite3_file* real, sqlite3_int64 offset, sqlite3_int64 length, sqlite3_int64 size,
                  std::string& out) {
    out.clear();
    if (offset >= size) return SQLITE_OK;
    out.resize(static_cast<std::size_t>(std::min(length, size - offset)));
    return real->pMethods->xRead(real, out.data(), static_cast<int>(out.size()), offset);
}

int file_close(sqlite3_file* file) {
    auto* real = real_file(file);
    const int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
    if (auto* path = path_of(file)) {
        std::lock_guard lock(state().mutex);
        --state().open_handles;
        delete path;
    }
    return rc;
}

int file_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    auto* real = real_file(file);
    return real->pMethods->xRead(real, buffer, amount, offset);
}

int file_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    auto* real = real_file(file);
    auto* path = path_of(file);
    if (!path) return real->pMethods->xWrite(real, buffer, amount, offset);
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (!powered_event(s)) return SQLITE_IOERR_WRITE;
    Operation operation;
    operation.offset = offset;
    int rc = real->pMethods->xFileSize(real, &operation.size_before);
    if (rc != SQLITE_OK) return rc;
    rc = read_existing(real, offset, amount, operation.size_before, operation.replaced);
    if (rc != SQLITE_OK) return rc;
    rc = real->pMethods->xWrite(real, buffer, amount, offset);
    if (rc != SQLITE_OK) return rc;
    operation.written.assign(static_cast<const char*>(buffer), static_cast<std::size_t>(amount));
    s.files[*path].unsynced.push_back(std::move(operation));
    return SQLITE_OK;
}

int file_truncate(sqlite3_file* file, sqlite3_int64 size) {
    auto* real = real_file(file);
    auto* path = path_of(file);
    if (!path) return real->pMethods->xTruncate(real, size);
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (!powered_event(s)) return SQLITE_IOERR_TRUNCATE;
    Operation operation;
    operation.truncation = true;
    operation.offset = size;
    int rc = real->pMethods->xFileSize(real, &operation.size_before);
    if (rc != SQLITE_OK) return rc;
    rc = read_existing(real, size, operation.size_before - size, operation.size_before, operation.replaced);
    if (rc != SQLITE_OK) return rc;
    rc = real->pMethods->xTruncate(real, size);
    if (rc != SQLITE_OK) return rc;
    s.files[*path].unsynced.push_back(std::move(operation));
    return SQLITE_OK;
}

int file_sync(sqlite3_file* file, int flags) {
    auto* real = real_file(file);
    auto* path = path_of(file);
    if (!path) return real->pMethods->xSync(real, flags);
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (!powered_event(s)) return SQLITE_IOERR_FSYNC;
    const int rc = real->pMethods->xSync(real, flags);
    if (rc != SQLITE_OK) return rc;
    // fsync makes durable every write to the file, whichever descriptor made it; the unix VFS also syncs the
    // directory at a new WAL's or journal's first sync.
    auto& tracked = s.files[*path];
    tracked.unsynced.clear();
    tracked.created_unsynced = false;
    return SQLITE_OK;
}

int file_size(sqlite3_file* file, sqlite3_int64* size) {
    auto* real = real_file(file);
    return real->pMethods->xFileSize(real, size);
}
int file_lock(sqlite3_file* file, int level) {
    auto* real = real_file(file);
    return real->pMethods->xLock(real, level);
}
int file_unlock(sqlite3_file* file, int level) {
    auto* real = real_file(file);
    return real->pMethods->xUnlock(real, level);
}
int file_check_reserved(sqlite3_file* file, int* out) {
    auto* real = real_file(file);
    return real->pMethods->xCheckReservedLock(real, out);
}
int file_control(sqlite3_file* file, int op, void* argument) {
    auto* real = real_file(file);
    return real->pMethods->xFileControl(real, op, argument);
}
int file_sector_size(sqlite3_file* file) {
    auto* real = real_file(file);
    return real->pMethods->xSectorSize(real);
}
int file_characteristics(sqlite3_file* file) {
    auto* real = real_file(file);
    return real->pMethods->xDeviceCharacteristics(real);
}
int file_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    auto* real = real_file(file);
    return real->pMethods->xShmMap(real, region, size, extend, out);
}
int file_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    auto* real = real_file(file);
    return real->pMethods->xShmLock(real, offset, n, flags);
}
void file_shm_barrier(sqlite3_file* file) {
    auto* real = real_file(file);
    real->pMethods->xShmBarrier(real);
}
int file_shm_unmap(sqlite3_file* file, int delete_flag) {
    auto* real = real_file(file);
    return real->pMethods->xShmUnmap(real, delete_flag);
}

// Version 2: shared memory (WAL) but no memory-mapped I/O, whose writes would bypass xWrite.
const sqlite3_io_methods io_methods = {
    2,
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_unlock,
    file_check_reserved,
    file_control,
    file_sector_size,
    file_characteristics,
    file_shm_map,
    file_shm_lock,
    file_shm_barrier,
    file_shm_unmap,
    nullptr,
    nullptr,
};

int vfs_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto& s = state();
    auto* wrapper = reinterpret_cast<PowercutFile*>(file);
    wrapper->base.pMethods = nullptr;
    wrapper->path = nullptr;
    auto* real = real_file(file);
    const bool tracked = name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL));
    const bool is_log = flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL);
    int existed = 1;
    if (tracked) s.real->xAccess(s.real, name, SQLITE_ACCESS_EXISTS, &existed);
    const int rc = s.real->xOpen(s.real, name, real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (real->pMethods) real->pMethods->xClose(real);
        return rc;
    }
    if (tracked) {
        std::lock_guard lock(s.mutex);
        wrapper->path = new std::string(name);
        ++s.open_handles;
        auto& entry = s.files[name];
        if (!existed) entry = TrackedFile{{}, is_log && (flags & SQLITE_OPEN_CREATE)};
        if (flags & SQLITE_OPEN_MAIN_DB) s.databases.insert(name);
    }
    wrapper->base.pMethods = &io_methods;
    return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    const auto it = s.files.find(name);
    if (it != s.files.end()) {
        if (s.cut) return SQLITE_IOERR_DELETE;
        s.files.erase(it);
    }
    return s.real->xDelete(s.real, name, sync_dir);
}

int vfs_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return state().real->xAccess(state().real, name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return state().real->xFullPathname(state().real, name, size, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) { return state().real->xDlOpen(state().real, name); }
void vfs_dl_error(sqlite3_vfs*, int size, char* out) { state().real->xDlError(state().real, size, out); }
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return state().real->xDlSym(state().real, handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) { state().real->xDlClose(state().real, handle); }
int vfs_randomness(sqlite3_vfs*, int size, char* out) { return state().real->xRandomness(state().real, size, out); }
int vfs_sleep(sqlite3_vfs*, int micros) { return state().real->xSleep(state().real, micros); }
int vfs_current_time(sqlite3_vfs*, double* out) { return state().real->xCurrentTime(state().real, out); }
int vfs_last_error(sqlite3_vfs*, int size, char* out) { return state().real->xGetLastError(state().real, size, out); }
int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return state().real->xCurrentTimeInt64(state().real, out);
}
int vfs_set_system_call(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
    return state().real->xSetSystemCall(state().real, name, call);
}
sqlite3_syscall_ptr vfs_get_system_call(sqlite3_vfs*, const char* name) {
    return state().real->xGetSystemCall(state().real, name);
}
const char* vfs_next_system_call(sqlite3_vfs*, const char* name) {
    return state().real->xNextSystemCall(state().real, name);
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw std::runtime_error("powercut reboot: cannot " + what + " " + path + ": " + std::strerror(errno));
}

void write_at(int fd, const std::string& bytes, std::size_t length, sqlite3_int64 offset, const std::string& path) {
    std::size_t done = 0;
    while (done < length) {
        const auto at = static_cast<off_t>(offset) + static_cast<off_t>(done);
        const auto n = ::pwrite(fd, bytes.data() + done, length - done, at);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write", path);
        }
        done += static_cast<std::size_t>(n);
    }
}

void truncate_to(int fd, sqlite3_int64 size, const std::string& path) {
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0) fail("truncate", path);
}

// The file as the disk holds it after the power came back: its last synced image, then the operations the disk had
// written back, in their order.
void replay(const std::string& path, const TrackedFile& tracked, std::mt19937_64& random, Persistence persistence,
            RebootReport& report) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return;  // its folder is gone: a finished test's file
        fail("open", path);
    }
    ++report.files;
    // Undone newest first, each undo restores exactly the bytes and the size the file had before that operation,
    // so overlapping writes and truncations come back to the synced image.
    for (auto it = tracked.unsynced.rbegin(); it != tracked.unsynced.rend(); ++it) {
        truncate_to(fd, it->size_before, path);
        write_at(fd, it->replaced, it->replaced.size(), it->offset, path);
    }
    std::bernoulli_distribution coin(0.5);
    for (const auto& operation : tracked.unsynced) {
        if (persistence == Persistence::nothing || !coin(random)) {
            ++report.operations_lost;
            continue;
        }
        ++report.operations_kept;
        if (operation.truncation) {
            truncate_to(fd, operation.offset, path);
            continue;
        }
        std::size_t length = operation.written.size();
        if (persistence == Persistence::some_torn && length > sector && coin(random)) {
            length = sector * std::uniform_int_distribution<std::size_t>(0, (length - 1) / sector)(random);
            ++report.writes_torn;
        }
        write_at(fd, operation.written, length, operation.offset, path);
    }
    if (::fsync(fd) != 0) fail("sync", path);
    ::close(fd);
    if (tracked.created_unsynced) {
        if (::unlink(path.c_str()) != 0) fail("remove", path);
        ++report.files_vanished;
    }
}

}  // namespace

const char* describe(Persistence persistence) {
    switch (persistence) {
    case Persistence::nothing: return "nothing";
    case Persistence::some: return "some";
    case Persistence::some_torn: return "some, torn";
    }
    return "?";
}

void install() {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (s.real) return;
    sqlite3_initialize();
    s.real = sqlite3_vfs_find(nullptr);
    if (!s.real) throw std::runtime_error("SQLite has no default VFS to wrap");
    auto& vfs = s.vfs;
    vfs.iVersion = 3;
    vfs.szOsFile = static_cast<int>(sizeof(PowercutFile)) + s.real->szOsFile;
    vfs.mxPathname = s.real->mxPathname;
    vfs.zName = "powercut";
    vfs.xOpen = vfs_open;
    vfs.xDelete = vfs_delete;
    vfs.xAccess = vfs_access;
    vfs.xFullPathname = vfs_full_pathname;
    vfs.xDlOpen = vfs_dl_open;
    vfs.xDlError = vfs_dl_error;
    vfs.xDlSym = vfs_dl_sym;
    vfs.xDlClose = vfs_dl_close;
    vfs.xRandomness = vfs_randomness;
    vfs.xSleep = vfs_sleep;
    vfs.xCurrentTime = vfs_current_time;
    vfs.xGetLastError = vfs_last_error;
    vfs.xCurrentTimeInt64 = vfs_current_time_int64;
    vfs.xSetSystemCall = vfs_set_system_call;
    vfs.xGetSystemCall = vfs_get_system_call;
    vfs.xNextSystemCall = vfs_next_system_call;
    if (const int rc = sqlite3_vfs_register(&vfs, 1); rc != SQLITE_OK)
        throw std::runtime_error(std::string("cannot register the powercut VFS: ") + sqlite3_errstr(rc));
}

void arm(std::uint64_t after_events) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    s.events = 0;
    s.cut_at = after_events;
    s.cut = false;
}

void cut_now() {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    s.cut = true;
}

bool has_cut() {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    return s.cut;
}

std::uint64_t events() {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    return s.events;
}

RebootReport reboot(std::mt19937_64& random, Persistence persistence) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (s.open_handles != 0)
        throw std::logic_error("powercut reboot with " + std::to_string(s.open_handles) +
                               " database files still open: close every connection first");
    RebootReport report;
    for (const auto& [path, tracked] : s.files) {
        if (tracked.unsynced.empty() && !tracked.created_unsynced) continue;
        replay(path, tracked, random, persistence, report);
    }
    for (const auto& database : s.databases) {
        if (::unlink((database + "-shm").c_str()) == 0) ++report.shm_removed;
    }
    s.files.clear();
    s.databases.clear();
    s.events = 0;
    s.cut_at = 0;
    s.cut = false;
    return report;
}

}  // namespace floorwalk::powercut
