// A whole-number command-line value in [low, high], for the benchmarks' option parsers.
#pragma once

#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>

namespace floorwalk::bench {

// Throws std::invalid_argument naming `option` when `text` is not a whole number in [low, high].
template <typename Number>
Number option_number(std::string_view option, std::string_view text, Number low, Number high) {
    Number value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
        throw std::invalid_argument(std::string(option) + " must be a whole number from " + std::to_string(low) +
                                    " to " + std::to_string(high) + ", not '" + std::string(text) + "'");
    return value;
}

}  // namespace floorwalk::bench
