// The demo's random numbers: SplitMix64 with integer and real draws defined here, not by the standard library,
// whose distributions differ between implementations. The same seed gives the same demo everywhere.
#pragma once

#include <cstdint>
#include <vector>

namespace floorwalk::server::demo {

class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed) : state_(seed) {}

    [[nodiscard]] std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    [[nodiscard]] double real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [low, high], both included (the modulo bias is negligible for the demo's small ranges).
    [[nodiscard]] int between(int low, int high) {
        return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
    }
    [[nodiscard]] bool chance(double probability) { return real() < probability; }
    // Symmetric noise in [-amplitude, amplitude).
    [[nodiscard]] double noise(double amplitude) { return (real() * 2.0 - 1.0) * amplitude; }
    template <typename T>
    [[nodiscard]] const T& pick(const std::vector<T>& values) {
        return values[static_cast<std::size_t>(next() % values.size())];
    }
    // Fisher-Yates with this generator.
    template <typename T>
    void shuffle(std::vector<T>& values) {
        for (std::size_t i = values.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(next() % i);
            std::swap(values[i - 1], values[j]);
        }
    }

private:
    std::uint64_t state_;
};

}  // namespace floorwalk::server::demo
