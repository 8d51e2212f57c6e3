// Experience model versions by (organisation, version). A stored version never changes, so a version read once
// is kept for the life of the store; push validates every record against one without a query.
//
// Threading: any thread; a mutex guards the map, loading happens on the caller's connection outside it.
#pragma once

#include "floorwalk/domain.h"
#include "database/database.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace floorwalk::server {

class ModelCache {
public:
    // The stored version, or nullptr when the organisation has no such version.
    [[nodiscard]] std::shared_ptr<const ExperienceModel> get(db::Connection& db, const std::string& organization_id,
                                                             int version);

private:
    std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const ExperienceModel>> models_;
};

}  // namespace floorwalk::server
