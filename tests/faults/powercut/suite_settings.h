// How many power cuts a power-loss suite makes and from which seed, so that one executable serves the bounded form
// (the normal suite) and the long form (label `long`), and a failure is replayed from the seed it printed.
#pragma once

#include <cstdint>
#include <string>

namespace floorwalk::powercut {

struct SuiteSettings {
    int cuts = 0;
    std::uint64_t seed = 0;

    // "cuts=20 seed=123", for the figures a suite prints.
    [[nodiscard]] std::string describe() const;
};

// FLOORWALK_POWERCUT_CUTS (a positive number; `default_cuts` when unset) and FLOORWALK_POWERCUT_SEED (a random seed
// when unset). Throws std::invalid_argument naming the variable when one is not a number.
[[nodiscard]] SuiteSettings suite_settings(int default_cuts);

}  // namespace floorwalk::powercut
