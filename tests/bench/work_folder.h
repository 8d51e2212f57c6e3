// The benchmarks' work folder: the one given (which must be empty or missing), or a temporary one; removed at the
// end unless kept. Server logs go to its logs/ folder.
//
// Threading: one thread.
#pragma once

#include <filesystem>
#include <string>

namespace floorwalk::bench {

class WorkFolder {
public:
    // Throws std::invalid_argument when `requested` is not empty, std::runtime_error when no folder can be made.
    WorkFolder(const std::filesystem::path& requested, bool keep);
    ~WorkFolder();
    WorkFolder(const WorkFolder&) = delete;
    WorkFolder& operator=(const WorkFolder&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path log(const std::string& stem) const { return path_ / "logs" / stem; }

private:
    std::filesystem::path path_;
    bool keep_;
};

}  // namespace floorwalk::bench
