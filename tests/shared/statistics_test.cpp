// Correlation and ROI against values computed by hand (exact fractions, then one square root).
#include "floorwalk/indicators.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace floorwalk;

namespace {
void check_close(const std::optional<double>& actual, double expected) {
    REQUIRE(actual.has_value());
    CHECK(std::abs(*actual - expected) < 1e-9);
}
}  // namespace

TEST_CASE("pearson of perfectly linear samples is exactly +1 or -1") {
    const std::vector<double> xs{1, 2, 3, 4, 5, 6};
    std::vector<double> up;
    std::vector<double> down;
    for (const double x : xs) {
        up.push_back(2 * x + 1);
        down.push_back(-3 * x + 100);
    }
    check_close(pearson(xs, up), 1.0);
    check_close(pearson(xs, down), -1.0);
    // Large offsets do not cancel: the sums are centred.
    std::vector<double> far;
    for (const double x : xs) far.push_back(1e9 + x);
    check_close(pearson(far, up), 1.0);
}

TEST_CASE("pearson on textbook examples computed by hand") {
    // x = 1..5, y = 2 4 5 4 5: Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60).
    const std::vector<double> x1{1, 2, 3, 4, 5};
    const std::vector<double> y1{2, 4, 5, 4, 5};
    check_close(pearson(x1, y1), 6 / std::sqrt(60.0));
    check_close(pearson(x1, y1), 0.7745966692414834);
    // Age and glucose level: Sxy = 478, Sxx = 7445/6, Syy = 656, r = 0.5298089018901744.
    const std::vector<double> age{43, 21, 25, 42, 57, 59};
    const std::vector<double> glucose{99, 65, 79, 75, 87, 81};
    check_close(pearson(age, glucose), 478 / std::sqrt(7445.0 / 6 * 656));
    check_close(pearson(age, glucose), 0.5298089018901744);
    check_close(pearson(glucose, age), 0.5298089018901744);  // symmetric
}

TEST_CASE("pearson is undefined with fewer than 3 pairs, a constant side, unequal lengths or non-finite values") {
    const std::vector<double> two{1, 2};
    CHECK_FALSE(pearson(two, two));
    CHECK_FALSE(pearson({}, {}));
    const std::vector<double> xs{1, 2, 3};
    const std::vector<double> constant{5, 5, 5};
    CHECK_FALSE(pearson(xs, constant));
    CHECK_FALSE(pearson(constant, xs));
    const std::vector<double> four{1, 2, 3, 4};
    CHECK_FALSE(pearson(xs, four));
    const std::vector<double> with_nan{1, std::numeric_limits<double>::quiet_NaN(), 3};
    CHECK_FALSE(pearson(xs, with_nan));
    check_close(pearson(xs, std::vector<double>{3, 1, 2}), -0.5);  // 3 pairs is enough
}

TEST_CASE("spearman is pearson on average ranks") {
    // Ranks of x = 10 20 20 30 40 are 1 2.5 2.5 4 5; y = 1 3 2 5 4 ranks as itself.
    // Sxy = 8.5, Sxx = 9.5, Syy = 10: rho = 8.5 / sqrt(95). The no-ties shortcut 1 - 6 sum d^2 / (n (n^2 - 1))
    // would give 0.875 instead.
    const std::vector<double> xs{10, 20, 20, 30, 40};
    const std::vector<double> ys{1, 3, 2, 5, 4};
    check_close(spearman(xs, ys), 8.5 / std::sqrt(95.0));
    check_close(spearman(xs, ys), 0.872081599272381);

    // A monotonic but curved relation: spearman 1, pearson below 1.
    const std::vector<double> x{1, 2, 3, 4, 5};
    const std::vector<double> cubes{1, 8, 27, 64, 125};
    check_close(spearman(x, cubes), 1.0);
    REQUIRE(pearson(x, cubes));
    CHECK(*pearson(x, cubes) < 0.99);
    const std::vector<double> reversed{125, 64, 27, 8, 1};
    check_close(spearman(x, reversed), -1.0);

    // Three-way tie and input order independence.
    const std::vector<double> a{3, 1, 3, 3, 2};
    const std::vector<double> b{0.3, 0.1, 0.5, 0.4, 0.2};
    // Ranks of a: 4 1 4 4 2 (the three 3s share ranks 3, 4 and 5); of b: 3 1 5 4 2. Both means are 3.
    // Centred a: 1 -2 1 1 -1; centred b: 0 -2 2 1 -1.
    // Sxy = 0 + 4 + 2 + 1 + 1 = 8, Saa = 1 + 4 + 1 + 1 + 1 = 8, Sbb = 0 + 4 + 4 + 1 + 1 = 10: rho = 8 / sqrt(80).
    check_close(spearman(a, b), 8 / std::sqrt(80.0));

    const std::vector<double> tied{2, 2, 2, 2};
    CHECK_FALSE(spearman(tied, std::vector<double>{1, 2, 3, 4}));
    CHECK_FALSE(spearman(std::vector<double>{1, 2}, std::vector<double>{2, 1}));
}

TEST_CASE("roi_percent is (benefit - cost) / cost x 100, null when cost is 0") {
    check_close(roi_percent(150, 100), 50.0);
    check_close(roi_percent(75, 100), -25.0);
    check_close(roi_percent(100, 100), 0.0);
    check_close(roi_percent(0, 40), -100.0);
    CHECK_FALSE(roi_percent(100, 0));
    CHECK_FALSE(roi_percent(0, 0));
    CHECK_FALSE(roi_percent(std::numeric_limits<double>::infinity(), 10));
}
