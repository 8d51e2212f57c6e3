// The fuzzers' assertion: a broken invariant is a finding like a crash, so it aborts with a sentence saying which
// rule broke; libFuzzer then saves the input as a reproducer (crash-<sha1>) and the run fails.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace floorwalk::fuzz {

[[noreturn]] inline void fail(std::string_view rule, std::string_view detail = {}) {
    std::fprintf(stderr, "floorwalk fuzz: invariant broken: %.*s\n", static_cast<int>(rule.size()), rule.data());
    if (!detail.empty())
        std::fprintf(stderr, "  detail: %.*s\n", static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void check(bool holds, std::string_view rule, std::string_view detail = {}) {
    if (!holds) fail(rule, detail);
}

}  // namespace floorwalk::fuzz
