#include "work_folder.h"

#include <stdexcept>
#include <stdlib.h>

namespace floorwalk::bench {

namespace fs = std::filesystem;

WorkFolder::WorkFolder(const fs::path& requested, bool keep) : keep_(keep) {
    if (!requested.empty()) {
        path_ = fs::absolute(requested);
        if (fs::exists(path_) && !fs::is_empty(path_))
            throw std::invalid_argument("--data " + path_.string() + " must be empty or missing");
        fs::create_directories(path_);
    } else {
        std::string pattern = (fs::temp_directory_path() / "floorwalk-bench-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
        path_ = pattern;
    }
    fs::create_directories(path_ / "logs");
}

WorkFolder::~WorkFolder() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(path_, ignored);
}

}  // namespace floorwalk::bench
