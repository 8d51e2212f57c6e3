// Correlation and ROI for the KPI perspective: does mastery lead business results?
#include "floorwalk/indicators.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace floorwalk {
namespace {

constexpr std::size_t min_pairs = 3;  // two points always lie on a line: r = +-1 would say nothing

// Average ranks (1-based): tied values share the mean of the ranks they span.
std::vector<double> average_ranks(std::span<const double> values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        while (j < order.size() && values[order[j]] == values[order[i]]) ++j;
        const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;  // mean of i+1 .. j
        for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
        i = j;
    }
    return ranks;
}

bool all_finite(std::span<const double> values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

std::optional<double> pearson(std::span<const double> xs, std::span<const double> ys) {
    if (xs.size() != ys.size() || xs.size() < min_pairs || !all_finite(xs) || !all_finite(ys)) return std::nullopt;
    const auto n = static_cast<double>(xs.size());
    const double mean_x = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
    const double mean_y = std::accumulate(ys.begin(), ys.end(), 0.0) / n;
    // Centred sums (two passes) rather than sum-of-squares formulas, which cancel badly for large values.
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double dx = xs[i] - mean_x;
        const double dy = ys[i] - mean_y;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) return std::nullopt;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

std::optional<double> spearman(std::span<const double> xs, std::span<const double> ys) {
    if (xs.size() != ys.size() || xs.size() < min_pairs || !all_finite(xs) || !all_finite(ys)) return std::nullopt;
    const auto rx = average_ranks(xs);
    const auto ry = average_ranks(ys);
    return pearson(rx, ry);
}

std::optional<double> roi_percent(double benefit, double cost) {
    if (cost == 0 || !std::isfinite(benefit) || !std::isfinite(cost)) return std::nullopt;
    return (benefit - cost) / cost * 100.0;
}

}  // namespace floorwalk
