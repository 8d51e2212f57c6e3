#include "suite_settings.h"

#include <cerrno>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace floorwalk::powercut {
namespace {

// The variable's value as a number; `fallback` when it is unset or empty.
std::uint64_t number_from(const char* variable, std::uint64_t fallback) {
    const char* text = std::getenv(variable);
    if (!text || !*text) return fallback;
    char* end = nullptr;
    errno = 0;
    const auto value = std::strtoull(text, &end, 10);
    if (*end != '\0' || errno != 0 || *text == '-')
        throw std::invalid_argument(std::string(variable) + " must be a non-negative whole number, not \"" + text +
                                    "\"");
    return value;
}

}  // namespace

std::string SuiteSettings::describe() const {
    return "cuts=" + std::to_string(cuts) + " seed=" + std::to_string(seed);
}

SuiteSettings suite_settings(int default_cuts) {
    SuiteSettings settings;
    const auto cuts = number_from("FLOORWALK_POWERCUT_CUTS", static_cast<std::uint64_t>(default_cuts));
    if (cuts == 0 || cuts > 1'000'000)
        throw std::invalid_argument("FLOORWALK_POWERCUT_CUTS must be between 1 and 1000000");
    settings.cuts = static_cast<int>(cuts);
    settings.seed = number_from("FLOORWALK_POWERCUT_SEED", std::random_device{}());
    return settings;
}

}  // namespace floorwalk::powercut
