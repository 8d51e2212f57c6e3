#include "storage/model_cache.h"

#include "storage/org_rows.h"

namespace floorwalk::server {

std::shared_ptr<const ExperienceModel> ModelCache::get(db::Connection& db, const std::string& organization_id,
                                                       int version) {
    auto key = std::make_pair(organization_id, version);
    {
        std::lock_guard lock(mutex_);
        if (auto it = models_.find(key); it != models_.end()) return it->second;
    }
    // Unknown versions are not remembered: the version may be imported a moment later.
    auto model = load_model(db, organization_id, version);
    if (!model) return nullptr;
    auto shared = std::make_shared<const ExperienceModel>(std::move(*model));
    std::lock_guard lock(mutex_);
    return models_.try_emplace(std::move(key), std::move(shared)).first->second;
}

}  // namespace floorwalk::server
